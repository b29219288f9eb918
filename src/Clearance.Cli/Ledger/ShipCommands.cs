using System.CommandLine;
using Clearance.Core.Ledger;
using Clearance.Storage.Files;
using static Clearance.Cli.Ledger.LicencesCommands;

namespace Clearance.Cli.Ledger;

/// <summary>
/// `clearance ship FILE.csv` records a batch of shipments; `clearance shipments record|release|reverse|list`
/// moves single shipments on. Every shipment carries an idempotency key, so re-running a file after a crash
/// applies each shipment exactly once.
/// </summary>
internal static class ShipCommands
{
    public static Command CreateShip(CliContext context)
    {
        var (ship, cli) = LedgerCli.Group(context, "ship", "Record a batch of shipments from CSV: reserve and deplete licences, quota pools and caps exactly once.");
        var file = new Argument<string>("file") { Description = "CSV with the header " + string.Join(',', ShipmentCsv.Columns) + "." };
        var reserveOnly = new Option<bool>("--reserve-only") { Description = "Only reserve; record the shipments later with 'clearance shipments record'." };
        var chunk = new Option<int>("--chunk") { Description = "Commit every N rows instead of the whole file at once (for very large files; re-run the same file to resume).", DefaultValueFactory = _ => 0 };
        ship.Arguments.Add(file);
        ship.Options.Add(reserveOnly);
        ship.Options.Add(chunk);
        ship.SetAction(parse => cli.Run(parse, (store, actor) => Ship(context, store, actor, parse.GetValue(file)!, !parse.GetValue(reserveOnly), parse.GetValue(chunk))));
        return ship;
    }

    private static int Ship(CliContext context, Clearance.Storage.Ledger.LedgerStore store, Clearance.Storage.Ledger.LedgerActor actor, string path, bool shipNow, int chunk)
    {
        var read = DataDirectory.ReadFile(path);
        if (!read.Succeeded)
        {
            return context.Fail("the shipment file cannot be read", read.Problems);
        }

        var parsed = ShipmentCsv.Parse(new Clearance.Core.Parsing.SourceText(path, read.Value.Text), shipNow);
        if (!parsed.Succeeded)
        {
            return context.Fail($"{path} is malformed; nothing was recorded", parsed.Problems);
        }

        // Decide the whole file first, so a bad row anywhere stops the batch before any chunk is committed.
        var commands = parsed.Value;
        var trial = TradeLedger.Decide(store.ReadState(), commands);
        if (!trial.Succeeded)
        {
            return context.Fail($"{path} was refused; nothing was recorded", trial.Problems);
        }

        var size = chunk > 0 ? chunk : Math.Max(1, commands.Count);
        var written = 0;
        var already = 0;
        for (var start = 0; start < commands.Count; start += size)
        {
            var part = commands.Skip(start).Take(size).ToList();
            var result = store.Append(part, actor);
            if (!result.Succeeded)
            {
                context.Fail($"rows from line {part[0].Origin.Line} on were refused (another writer changed the ledger meanwhile); earlier chunks are recorded — fix and re-run the same file", result.Outcome.Problems);
                return CliApplication.InputError;
            }

            written += part.Count - result.Outcome.AlreadyRecorded;
            already += result.Outcome.AlreadyRecorded;
            if (chunk > 0)
            {
                context.Out.WriteLine($"committed lines {part[0].Origin.Line}-{part[^1].Origin.Line}: {part.Count - result.Outcome.AlreadyRecorded} new, {result.Outcome.AlreadyRecorded} already recorded");
                context.Out.Flush();
            }
        }

        context.Out.WriteLine($"{path}: {written} shipment(s) {(shipNow ? "recorded" : "reserved")}, {already} already recorded, by {actor}.");
        return 0;
    }

    public static Command CreateShipments(CliContext context)
    {
        var (shipments, cli) = LedgerCli.Group(context, "shipments", "Single shipments: record a reservation as shipped, release it, reverse a recorded one, list.");
        var key = new Argument<string>("key") { Description = "The shipment's idempotency key." };
        var on = new Option<DateOnly?>("--on") { Description = "Date, YYYY-MM-DD (default: today)." };
        var record = new Command("record", "Record a reserved shipment as shipped (depletes once).") { key, on };
        record.SetAction(parse => cli.Run(parse, (store, actor) => cli.Append(store, actor, $"shipment {parse.GetValue(key)}", new RecordShipment(parse.GetValue(key)!, parse.GetValue(on) ?? cli.Today))));
        shipments.Subcommands.Add(record);

        var reason = new Option<string>("--reason") { Required = true, Description = "Why." };
        var releaseOn = new Option<DateOnly?>("--on") { Description = "Date (default: today)." };
        var release = new Command("release", "Release a reservation without shipping.") { key, reason, releaseOn };
        release.SetAction(parse => cli.Run(parse, (store, actor) => cli.Append(store, actor, $"release of {parse.GetValue(key)}", new ReleaseReservation(parse.GetValue(key)!, parse.GetValue(reason)!, parse.GetValue(releaseOn) ?? cli.Today))));
        shipments.Subcommands.Add(release);

        var reverseReason = new Option<string>("--reason") { Required = true, Description = "Why the correction is made." };
        var reverseOn = new Option<DateOnly?>("--on") { Description = "Date of the correction; its levies are compensated in that period (default: today)." };
        var reverse = new Command("reverse", "Correct a recorded shipment with a compensating entry.") { key, reverseReason, reverseOn };
        reverse.SetAction(parse => cli.Run(parse, (store, actor) => cli.Append(store, actor, $"reversal of {parse.GetValue(key)}", new ReverseShipment(parse.GetValue(key)!, parse.GetValue(reverseReason)!, parse.GetValue(reverseOn) ?? cli.Today))));
        shipments.Subcommands.Add(reverse);

        var format = CliContext.FormatOption();
        var list = new Command("list", "List shipments.") { format };
        list.SetAction(parse => cli.Run(parse, (store, _) =>
        {
            var rows = store.ReadState().Shipments.Values.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new[]
            {
                s.Key, s.Plan.OrderId, s.Plan.EndUserId, s.Plan.Destination, s.Plan.Product, Units(s.Plan.Units), Money(s.Plan.ValueUsd), s.Reservation.LicenceNumber ?? "",
                string.Join(' ', s.Reservation.QuotaPools.Concat(s.Reservation.VolumeCaps)), s.Status.ToString().ToLowerInvariant(),
            }).ToList();
            PartiesCommands.Print(context, parse.GetValue(format), ["key", "order", "end_user", "destination", "product", "units", "value_usd", "licence", "pools_and_caps", "status"], rows);
            return 0;
        }));
        shipments.Subcommands.Add(list);
        return shipments;
    }
}
