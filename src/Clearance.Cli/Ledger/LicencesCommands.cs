using System.CommandLine;
using System.Globalization;
using Clearance.Core.Ledger;

namespace Clearance.Cli.Ledger;

/// <summary>`clearance licences grant|list`: licence lines with authorised, reserved and used units and value.</summary>
internal static class LicencesCommands
{
    public static Command Create(CliContext context)
    {
        var (licences, cli) = LedgerCli.Group(context, "licences", "Export and import licences: authorised, reserved and used quantity and value.");
        var number = new Argument<string>("number") { Description = "The licence number." };
        var jurisdiction = new Option<string>("--jurisdiction") { Required = true, Description = "Who issued it, e.g. US-BIS or CN-MOFCOM." };
        var products = new Option<string[]>("--product") { Required = true, Description = "Product id the licence covers; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var parties = new Option<string[]>("--party") { Description = "End user the licence names; repeat (default: any approved party).", AllowMultipleArgumentsPerToken = true };
        var units = new Option<long>("--units") { Required = true, Description = "Authorised quantity in units." };
        var value = new Option<decimal>("--value-usd") { Required = true, Description = "Authorised value in US dollars." };
        var from = new Option<DateOnly>("--valid-from") { Required = true, Description = "First valid day, YYYY-MM-DD." };
        var to = new Option<DateOnly>("--valid-to") { Required = true, Description = "Last valid day, YYYY-MM-DD." };
        var conditions = new Option<string[]>("--condition") { Description = "A licence condition, verbatim; repeat for several." };
        var grant = new Command("grant", "Record a granted licence.") { number, jurisdiction, products, parties, units, value, from, to, conditions };
        grant.SetAction(parse => cli.Run(parse, (store, actor) => cli.Append(store, actor, $"licence {parse.GetValue(number)}",
            new GrantLicence(new LicenceGranted(parse.GetValue(number)!, parse.GetValue(jurisdiction)!, [.. parse.GetValue(parties) ?? []], [.. parse.GetValue(products)!], parse.GetValue(units), parse.GetValue(value), parse.GetValue(from), parse.GetValue(to), [.. parse.GetValue(conditions) ?? []])))));
        licences.Subcommands.Add(grant);

        var format = CliContext.FormatOption();
        var list = new Command("list", "List licences with what is left on each.") { format };
        list.SetAction(parse => cli.Run(parse, (store, _) =>
        {
            var rows = store.ReadState().Licences.Values.OrderBy(l => l.Number, StringComparer.Ordinal).Select(l => new[]
            {
                l.Number, l.Grant.Jurisdiction, string.Join(' ', l.Grant.Products), Units(l.Grant.AuthorisedUnits), Units(l.ReservedUnits), Units(l.UsedUnits), Units(l.AvailableUnits),
                Money(l.Grant.AuthorisedValueUsd), Money(l.UsedValueUsd), $"{l.Grant.ValidFrom:yyyy-MM-dd}..{l.Grant.ValidTo:yyyy-MM-dd}",
            }).ToList();
            PartiesCommands.Print(context, parse.GetValue(format), ["number", "jurisdiction", "products", "authorised_units", "reserved_units", "used_units", "available_units", "authorised_usd", "used_usd", "valid"], rows);
            return 0;
        }));
        licences.Subcommands.Add(list);
        return licences;
    }

    public static string Units(long units) => units.ToString(CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
