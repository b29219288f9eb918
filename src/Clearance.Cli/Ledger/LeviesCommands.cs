using System.CommandLine;
using Clearance.Cli.Output;
using Clearance.Core.Ledger;
using static Clearance.Cli.Ledger.LicencesCommands;

namespace Clearance.Cli.Ledger;

/// <summary>`clearance levies statement --period 2026-Q1`: what is owed to whom for a quarter.</summary>
internal static class LeviesCommands
{
    public static Command Create(CliContext context)
    {
        var (levies, cli) = LedgerCli.Group(context, "levies", "Levies and duties accrued per shipment, and remittance statements per period.");
        var period = new Option<string>("--period") { Required = true, Description = "The quarter, e.g. 2026-Q1." };
        var format = CliContext.FormatOption();
        var statement = new Command("statement", "The remittance statement for one quarter, net of compensating entries.") { period, format };
        statement.SetAction(parse => cli.Run(parse, (store, _) =>
        {
            if (RemittancePeriod.Parse(parse.GetValue(period)) is not { } quarter)
            {
                context.Error.WriteLine($"error: --period: '{parse.GetValue(period)}' is not a quarter; write YYYY-Qn, for example 2026-Q1");
                return CliApplication.UsageError;
            }

            var result = RemittanceStatement.For(quarter, store.ReadState().Levies);
            var rows = result.Lines.Select(l => new[] { quarter.ToString(), l.Kind.ToString().ToLowerInvariant(), l.Payee, l.RatePercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), l.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture), Money(l.AmountUsd) }).ToList();
            var chosen = parse.GetValue(format);
            PartiesCommands.Print(context, chosen, ["period", "kind", "payee", "rate_percent", "entries", "amount_usd"], rows);
            if (chosen == OutputFormat.Table)
            {
                context.Out.WriteLine($"Total for {quarter} ({Render.Date(quarter.First)} to {Render.Date(quarter.Last)}): {Money(result.TotalUsd)} USD");
            }

            return 0;
        }));
        levies.Subcommands.Add(statement);
        return levies;
    }
}
