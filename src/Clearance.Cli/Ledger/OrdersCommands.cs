using System.CommandLine;
using System.Globalization;
using Clearance.Core.Ledger;

namespace Clearance.Cli.Ledger;

/// <summary>
/// `clearance orders decide`: records an order's decision (verdict, pack versions, levies) so shipments can go
/// under it. Until the policy engine is wired in, the decision is given on the command line.
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
        var decide = new Command("decide", "Record the decision on an order.") { id, verdict, packs, levies, asOf };
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
        return orders;
    }
}
