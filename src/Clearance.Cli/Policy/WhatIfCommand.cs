using System.CommandLine;
using Clearance.Cli.Output;
using Clearance.Core.Policy;
using Spectre.Console;

namespace Clearance.Cli.Policy;

/// <summary>
/// `clearance whatif ORDERS [--as-of A] [--then-as-of B] [--policy DIR] [--then-policy DIR2]`: decide a book twice,
/// under two dates or two pack sets, and show each order whose verdict or obligations change, with the rules that explain it.
/// </summary>
internal static class WhatIfCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("orders") { Description = "An order book (CSV or JSON)." };
        var asOf = new Option<string?>("--as-of") { Description = "The first date (default: each order's own date)." };
        var thenAsOf = new Option<string?>("--then-as-of") { Description = "The second date (default: the first)." };
        var policy = EvaluateCommand.PolicyOption();
        var thenPolicy = EvaluateCommand.PolicyOption("--then-policy");
        thenPolicy.Description = "A second folder of packs (default: the first).";
        var format = CliContext.FormatOption();
        var command = new Command("whatif", "Compare an order book's decisions under two dates or two pack sets: what changes, and why.")
        {
            file, asOf, thenAsOf, policy, thenPolicy, format,
        };
        command.SetAction(parse => Run(context, parse.GetValue(CliContext.DataOption), parse.GetValue(file)!, parse.GetValue(asOf), parse.GetValue(thenAsOf),
            parse.GetValue(policy), parse.GetValue(thenPolicy), parse.GetValue(format)));
        return command;
    }

    private static int Run(CliContext context, string? dataPath, string path, string? asOfText, string? thenAsOfText, string? policyPath, string? thenPolicyPath, OutputFormat format)
    {
        if (!EvaluateCommand.TryDate(context, "--as-of", asOfText, out var asOf) || !EvaluateCommand.TryDate(context, "--then-as-of", thenAsOfText, out var thenAsOf))
        {
            return CliApplication.UsageError;
        }

        if (thenAsOf is null && thenPolicyPath is null)
        {
            context.Error.WriteLine("error: give a second date (--then-as-of) or a second pack folder (--then-policy) to compare against.");
            return CliApplication.UsageError;
        }

        if (EvaluateCommand.LoadLibrary(context, dataPath, policyPath) is not { } before)
        {
            return CliApplication.InputError;
        }

        var after = before;
        if (thenPolicyPath is not null)
        {
            if (EvaluateCommand.LoadLibrary(context, dataPath, thenPolicyPath) is not { } loaded)
            {
                return CliApplication.InputError;
            }

            after = loaded;
        }

        var opened = OrderSource.Open(path, before.Catalog);
        if (!opened.Succeeded)
        {
            return context.Fail($"the order book {path} cannot be read; nothing was compared", opened.Problems);
        }

        List<Order> orders;
        List<OrderRow> rejected;
        using (var source = opened.Value)
        {
            (orders, rejected) = source.ReadAll(before.Catalog);
        }

        var left = new WhatIfSide(Label(asOf, policyPath, "each order's date"), before, asOf);
        var right = new WhatIfSide(Label(thenAsOf ?? asOf, thenPolicyPath ?? policyPath, "each order's date"), after, thenAsOf ?? asOf);
        var report = WhatIf.Compare(orders, left, right);
        switch (format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, new
                {
                    Before = left.Label,
                    After = right.Label,
                    report.Orders,
                    Changed = report.Changes.Length,
                    Transitions = report.Transitions.Select(t => new { From = t.From.Key(), To = t.To.Key(), t.Count }),
                    Changes = report.Changes.Select(c => new
                    {
                        c.Order.Id,
                        Before = c.Before.Verdict.Key(),
                        After = c.After.Verdict.Key(),
                        ObligationsBefore = c.Before.Obligations.Select(o => o.Summary),
                        ObligationsAfter = c.After.Obligations.Select(o => o.Summary),
                        Rules = c.Rules.Select(r => new { Pack = r.PackId, Rule = r.RuleId, Before = Status(r.Before), After = Status(r.After), r.BeforeReason, r.AfterReason }),
                    }),
                });
                break;
            case OutputFormat.Csv:
                Render.WriteCsv(context.Out, ["id", "verdict_before", "verdict_after", "rule", "status_before", "status_after", "reason_after"],
                    report.Changes.SelectMany(c => (c.Rules.IsEmpty ? [null] : c.Rules.Select(r => (RuleChange?)r)).Select(r => new[]
                    {
                        c.Order.Id, c.Before.Verdict.Key(), c.After.Verdict.Key(), r?.RuleId, Status(r?.Before), Status(r?.After), r?.AfterReason ?? "obligations changed",
                    })));
                break;
            default:
                var console = Render.Console(context.Out);
                console.WriteLine($"Before: {left.Label}    After: {right.Label}");
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Order", "Before", "After", "Why");
                foreach (var change in report.Changes)
                {
                    var why = change.Rules.Select(r => $"{r.RuleId}: {Status(r.Before)} → {Status(r.After)} ({(r.After is RuleStatus.Fired or RuleStatus.Undetermined or RuleStatus.Superseded ? r.AfterReason : r.BeforeReason)})").ToList();
                    if (why.Count == 0)
                    {
                        why.Add("obligations: " + string.Join("; ", change.Before.Obligations.Select(o => o.Summary)) + " → " + string.Join("; ", change.After.Obligations.Select(o => o.Summary)));
                    }

                    table.AddRow(Markup.Escape($"{change.Order.Id}\n{change.Order.Product} → {change.Order.Destination}"), Markup.Escape(change.Before.Verdict.Describe()), Markup.Escape(change.After.Verdict.Describe()), Markup.Escape(string.Join("\n", why)));
                }

                console.Write(table);
                foreach (var (from, to, count) in report.Transitions)
                {
                    console.WriteLine($"{count} order(s): {from.Describe()} → {to.Describe()}");
                }

                console.WriteLine($"{report.Changes.Length} of {report.Orders} order(s) change.");
                break;
        }

        foreach (var problem in rejected.SelectMany(r => r.Problems))
        {
            context.Error.WriteLine($"rejected: {problem}");
        }

        if (rejected.Count > 0)
        {
            context.Error.WriteLine($"{path}: {rejected.Count} row(s) rejected and left out of the comparison (listed above).");
        }

        return rejected.Count > 0 ? CliApplication.InputError : 0;
    }

    private static string Label(DateOnly? date, string? policy, string noDate) =>
        (date is { } d ? Render.Date(d) : noDate) + (policy is null ? " · shipped packs" : $" · packs in {policy}");

    private static string Status(RuleStatus? status) => status is { } s ? JsonSink.Kebab(s.ToString()) : "absent";
}
