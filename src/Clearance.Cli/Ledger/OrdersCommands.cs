using System.CommandLine;
using System.Globalization;
using Clearance.Cli.Output;
using Clearance.Cli.Policy;
using Clearance.Core.Ledger;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;

namespace Clearance.Cli.Ledger;

/// <summary>
/// `clearance orders record FILE`: decides orders with the policy engine and records each decision (verdicts per
/// jurisdiction, pack versions, obligations, the levies and duties shipments accrue) so shipments can go under it.
/// `clearance orders decide ID --verdict …` records a decision made outside Clearance, given on the command line.
/// </summary>
internal static class OrdersCommands
{
    public static Command Create(CliContext context)
    {
        var (orders, cli) = LedgerCli.Group(context, "orders", "Orders and their immutable decisions.");
        var id = new Argument<string>("order") { Description = "The order id." };
        var verdict = new Option<string>("--verdict") { Required = true, Description = "allowed, licence-required/approval, licence-required/case-by-case, hold-for-review, licence-required/presumption-of-denial or prohibited." };
        var packs = new Option<string[]>("--pack") { Description = "A policy pack and its version, NAME@VERSION; repeat.", AllowMultipleArgumentsPerToken = true };
        var levies = new Option<string[]>("--levy") { Description = "KIND:PAYEE:RATE%:SOURCE, e.g. 'duty:US CBP:25:Proclamation 11002'; repeat." };
        var asOf = CliContext.AsOfOption();
        var decide = new Command("decide", "Record a decision made outside Clearance, given on the command line (prefer 'orders record', which decides with the policy packs).") { id, verdict, packs, levies, asOf };
        decide.SetAction(parse => cli.Run(parse, (store, actor) =>
        {
            if (context.AsOf(parse.GetValue(asOf)) is not { } date)
            {
                return CliApplication.UsageError;
            }

            var packList = new List<PackVersionRef>();
            foreach (var text in parse.GetValue(packs) ?? [])
            {
                if (text.Split('@', 2) is not [var name, var version] || name.Length == 0 || version.Length == 0)
                {
                    context.Error.WriteLine($"error: --pack: write NAME@VERSION, not '{text}'");
                    return CliApplication.UsageError;
                }

                packList.Add(new PackVersionRef(name, version));
            }

            var levyList = new List<LevyObligation>();
            foreach (var text in parse.GetValue(levies) ?? [])
            {
                if (text.Split(':', 4) is not [var kind, var payee, var rate, var source] ||
                    !Enum.TryParse<LevyKind>(kind, ignoreCase: true, out var levyKind) ||
                    !decimal.TryParse(rate.TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
                {
                    context.Error.WriteLine($"error: --levy: write KIND:PAYEE:RATE:SOURCE with KIND levy or duty, not '{text}'");
                    return CliApplication.UsageError;
                }

                levyList.Add(new LevyObligation(levyKind, payee, percent, source));
            }

            return cli.Append(store, actor, $"decision on {parse.GetValue(id)}", new RecordDecision(new OrderDecision(parse.GetValue(id)!, parse.GetValue(verdict)!, date, [.. packList], [.. levyList])));
        }));
        orders.Subcommands.Add(decide);
        orders.Subcommands.Add(CreateRecord(context, cli));
        return orders;
    }

    private static Command CreateRecord(CliContext context, LedgerCli cli)
    {
        var file = new Argument<string>("orders") { Description = "An order book, CSV or JSON, as for 'clearance evaluate'." };
        var asOf = new Option<string?>("--as-of") { Description = "Decide every order under the rules in force on this date (YYYY-MM-DD); default: each order on its own order date." };
        var policy = EvaluateCommand.PolicyOption();
        var only = new Option<string[]>("--order") { Description = "Record only the orders with these ids; repeat.", AllowMultipleArgumentsPerToken = true };
        var format = CliContext.FormatOption();
        var record = new Command("record", "Decide orders under the policy packs and record every decision on the ledger, all or none.") { file, asOf, policy, only, format };
        record.SetAction(parse => cli.Run(parse, (store, actor) =>
        {
            if (!EvaluateCommand.TryDate(context, "--as-of", parse.GetValue(asOf), out var date))
            {
                return CliApplication.UsageError;
            }

            if (EvaluateCommand.LoadLibrary(context, parse.GetValue(CliContext.DataOption), parse.GetValue(policy)) is not { } library)
            {
                return CliApplication.InputError;
            }

            var path = parse.GetValue(file)!;
            var opened = OrderSource.Open(path, library.Catalog);
            if (!opened.Succeeded)
            {
                return context.Fail($"the order book {path} cannot be read; nothing was recorded", opened.Problems);
            }

            List<Order> chosen;
            using (var source = opened.Value)
            {
                var (read, rejected) = source.ReadAll(library.Catalog);
                if (rejected.Count > 0)
                {
                    return context.Fail($"{path} has {rejected.Count} malformed row(s); nothing was recorded", rejected.SelectMany(r => r.Problems));
                }

                chosen = read;
            }

            if (parse.GetValue(only) is { Length: > 0 } ids)
            {
                if (ids.FirstOrDefault(id => !chosen.Any(o => o.Id == id)) is { } missing)
                {
                    context.Error.WriteLine($"error: --order: {path} has no order '{missing}'");
                    return CliApplication.UsageError;
                }

                chosen = [.. chosen.Where(o => ids.Contains(o.Id))];
            }

            var evaluations = new List<OrderEvaluation>();
            var problems = new List<Problem>();
            foreach (var order in chosen)
            {
                var evaluated = OrderEvaluation.Evaluate(order, date ?? order.OrderDate, library);
                if (evaluated.Succeeded)
                {
                    evaluations.Add(evaluated.Value);
                }
                else
                {
                    problems.AddRange(evaluated.Problems);
                }
            }

            if (problems.Count > 0)
            {
                return context.Fail($"{path}: some orders cannot be decided; nothing was recorded", problems);
            }

            var result = store.Append([.. evaluations.Select(e => e.Command)], actor);
            if (!result.Succeeded)
            {
                return context.Fail($"{path} was refused; nothing was recorded", result.Outcome.Problems);
            }

            var rows = evaluations.Select(e => e.Command.Decision).Select(d => new[]
            {
                d.OrderId, d.Product ?? "", d.Destination ?? "", Render.Date(d.AsOf), d.Verdict,
                string.Join("; ", d.Jurisdictions.Select(j => $"{j.Jurisdiction}: {j.Verdict}")),
                string.Join("; ", d.Levies.Select(l => $"{l.RatePercent.ToString("0.##", CultureInfo.InvariantCulture)}% {l.Kind.ToString().ToLowerInvariant()} to {l.Payee}")),
                string.Join("; ", d.Packs.Select(p => $"{p.Pack}@{p.Version}")),
            }).ToList();
            PartiesCommands.Print(context, parse.GetValue(format), ["order", "product", "destination", "as_of", "verdict", "jurisdictions", "levies", "packs"], rows);
            var summaryTo = parse.GetValue(format) == OutputFormat.Table ? context.Out : context.Error;
            summaryTo.WriteLine($"{path}: {evaluations.Count - result.Outcome.AlreadyRecorded} decision(s) recorded, {result.Outcome.AlreadyRecorded} already recorded, by {actor}.");
            return 0;
        }));
        return record;
    }
}
