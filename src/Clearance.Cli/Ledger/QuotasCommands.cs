using System.CommandLine;
using Clearance.Core.Ledger;
using static Clearance.Cli.Ledger.LicencesCommands;

namespace Clearance.Cli.Ledger;

/// <summary>`clearance quotas open|cap|list`: import quota pools shared by named buyers, and volume caps.</summary>
internal static class QuotasCommands
{
    public static Command Create(CliContext context)
    {
        var (quotas, cli) = LedgerCli.Group(context, "quotas", "Import quota pools shared by named buyers, and volume caps tied to US end-use volume.");
        var id = new Argument<string>("id") { Description = "The pool's or cap's id." };
        var jurisdiction = new Option<string>("--jurisdiction") { Required = true, Description = "Importing country, ISO 3166 (CN)." };
        var product = new Option<string>("--product") { Required = true, Description = "Product id, e.g. nvidia-h200." };
        var buyers = new Option<string[]>("--buyer") { Required = true, Description = "A party that shares the pool; repeat.", AllowMultipleArgumentsPerToken = true };
        var units = new Option<long>("--units") { Required = true, Description = "Units in the pool, shared with no per-buyer split." };
        var from = new Option<DateOnly>("--valid-from") { Required = true, Description = "First day, YYYY-MM-DD." };
        var to = new Option<DateOnly>("--valid-to") { Required = true, Description = "Last day, YYYY-MM-DD." };
        var source = new Option<string>("--source") { Required = true, Description = "Where the figure comes from." };
        var confidence = new Option<string>("--confidence") { Description = "official, reported or estimated.", DefaultValueFactory = _ => "reported" };
        var open = new Command("open", "Open an import quota pool.") { id, jurisdiction, product, buyers, units, from, to, source, confidence };
        open.SetAction(parse => cli.Run(parse, (store, actor) => cli.Append(store, actor, $"quota pool {parse.GetValue(id)}",
            new OpenQuotaPool(new QuotaPoolOpened(parse.GetValue(id)!, parse.GetValue(jurisdiction)!, parse.GetValue(product)!, [.. parse.GetValue(buyers)!], parse.GetValue(units), parse.GetValue(from), parse.GetValue(to), parse.GetValue(source)!, parse.GetValue(confidence)!)))));
        quotas.Subcommands.Add(open);

        var capProduct = new Option<string>("--product") { Required = true, Description = "Product id." };
        var destinations = new Option<string[]>("--destination") { Required = true, Description = "A capped destination, ISO 3166; repeat (CN, MO).", AllowMultipleArgumentsPerToken = true };
        var ratio = new Option<decimal>("--ratio-percent") { Required = true, Description = "Most the destinations may take, in % of base-country volume." };
        var baseCountry = new Option<string>("--base-country") { Description = "Country whose recorded end-use shipments are the base.", DefaultValueFactory = _ => "US" };
        var capSource = new Option<string>("--source") { Required = true, Description = "The rule that sets the cap." };
        var cap = new Command("cap", "Set a volume cap.") { id, capProduct, destinations, ratio, baseCountry, capSource };
        cap.SetAction(parse => cli.Run(parse, (store, actor) => cli.Append(store, actor, $"volume cap {parse.GetValue(id)}",
            new SetVolumeCap(new VolumeCapSet(parse.GetValue(id)!, parse.GetValue(capProduct)!, [.. parse.GetValue(destinations)!], parse.GetValue(ratio), parse.GetValue(baseCountry)!, parse.GetValue(capSource)!)))));
        quotas.Subcommands.Add(cap);

        var format = CliContext.FormatOption();
        var list = new Command("list", "List quota pools and volume caps with what is left.") { format };
        list.SetAction(parse => cli.Run(parse, (store, _) =>
        {
            var state = store.ReadState();
            var rows = state.QuotaPools.Values.OrderBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => new[] { "pool", p.Id, p.Opening.Product, p.Opening.Jurisdiction, string.Join(' ', p.Opening.Buyers), Units(p.Opening.TotalUnits), Units(p.ReservedUnits), Units(p.UsedUnits), Units(p.AvailableUnits), p.Opening.Source })
                .Concat(state.VolumeCaps.Values.OrderBy(c => c.Id, StringComparer.Ordinal)
                    .Select(c => new[] { "cap", c.Id, c.Setting.Product, string.Join(' ', c.Setting.Destinations), $"{c.Setting.RatioPercent}% of {Units(c.BaseUnits)} {c.Setting.BaseCountry}", Units(c.LimitUnits), Units(c.ReservedUnits), Units(c.UsedUnits), Units(c.AvailableUnits), c.Setting.Source }))
                .ToList();
            PartiesCommands.Print(context, parse.GetValue(format), ["kind", "id", "product", "where", "shared_by_or_base", "limit_units", "reserved_units", "used_units", "available_units", "source"], rows);
            return 0;
        }));
        quotas.Subcommands.Add(list);
        return quotas;
    }
}
