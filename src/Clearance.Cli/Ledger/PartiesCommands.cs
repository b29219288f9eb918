using System.CommandLine;
using Clearance.Cli.Output;
using Clearance.Cli.Screening;
using Clearance.Core.Ledger;
using Clearance.Core.Parsing;
using Clearance.Core.Screening;
using Clearance.Storage.Files;
using Clearance.Storage.Ledger;
using Clearance.Storage.Screening;
using Spectre.Console;

namespace Clearance.Cli.Ledger;

/// <summary>`clearance parties request|screen|rescreen|approve|reject|import|list`: the approved-customer workflow.</summary>
internal static class PartiesCommands
{
    public static Command Create(CliContext context)
    {
        var (parties, cli) = LedgerCli.Group(context, "parties", "Customers, consignees and end users, and their approval: requested → screened → approved or rejected.");
        var id = new Argument<string>("id") { Description = "The party's id (letters, digits, . - _ : /)." };

        var name = new Option<string>("--name") { Required = true, Description = "Legal name, kept verbatim." };
        var country = new Option<string>("--country") { Required = true, Description = "Country of the party, ISO 3166 (CN, US...)." };
        var parent = new Option<string?>("--parent-country") { Description = "Country of the headquarters or ultimate parent (default: --country)." };
        var sector = new Option<string>("--sector") { Required = true, Description = "Sector, e.g. cloud, research, telecom." };
        var endUse = new Option<string>("--end-use") { Required = true, Description = "Stated end use, e.g. 'model training'." };
        var roles = new Option<string[]>("--role") { Description = "customer, consignee or end-user; repeat for several (default: all three).", AllowMultipleArgumentsPerToken = true };
        var on = new Option<DateOnly?>("--on") { Description = "Date of the step, YYYY-MM-DD (default: today)." };
        var request = new Command("request", "Ask for a party to become an approved customer.") { id, name, country, parent, sector, endUse, roles, on };
        request.SetAction(parse => cli.Run(parse, (store, actor) =>
        {
            PartyRole[] chosen = [PartyRole.Customer, PartyRole.Consignee, PartyRole.EndUser];
            if (parse.GetValue(roles) is { Length: > 0 } named)
            {
                var parsed = named.Select(r => Enum.TryParse<PartyRole>(r.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var role) ? role : (PartyRole?)null).ToList();
                if (parsed.Any(r => r is null))
                {
                    context.Error.WriteLine($"error: --role: use customer, consignee or end-user, not '{named[parsed.FindIndex(r => r is null)]}'");
                    return CliApplication.UsageError;
                }

                chosen = [.. parsed.Select(r => r!.Value)];
            }

            var partyCountry = parse.GetValue(country)!;
            return cli.Append(store, actor, $"party {parse.GetValue(id)}", new RequestParty(parse.GetValue(id)!, parse.GetValue(name)!, [.. chosen], partyCountry, parse.GetValue(parent) ?? partyCountry, parse.GetValue(sector)!, parse.GetValue(endUse)!, parse.GetValue(on) ?? cli.Today));
        }));
        parties.Subcommands.Add(request);

        var listVersion = new Option<string?>("--list-version") { Description = "Record an outcome screened outside Clearance against this list version (e.g. csl-2026-01-30) instead of screening the party against the lists loaded with 'clearance lists load'." };
        var hit = new Option<bool>("--hit") { Description = "With --list-version: the screening found a hit (re-screening an approved party with a hit suspends it)." };
        var detail = new Option<string?>("--detail") { Description = "With --list-version: what the hit was." };
        var screenOn = new Option<DateOnly?>("--on") { Description = "Date of the screening (default: today)." };
        var screen = new Command("screen", "Screen a party's recorded name and country against the loaded lists and record the outcome (list set version, hits with scores and entry ids).") { id, listVersion, hit, detail, screenOn };
        screen.SetAction(parse => cli.Run(parse, (store, actor) =>
        {
            var partyId = parse.GetValue(id)!;
            var on = parse.GetValue(screenOn) ?? cli.Today;
            if (parse.GetValue(listVersion) is { } version)
            {
                return cli.Append(store, actor, $"screening of {partyId}", new RecordScreening(partyId, new ScreeningOutcome(parse.GetValue(hit), version, parse.GetValue(detail) ?? ""), on));
            }

            if (parse.GetValue(hit) || parse.GetValue(detail) is not null)
            {
                context.Error.WriteLine("error: --hit and --detail record an outcome screened elsewhere; give its --list-version too.");
                return CliApplication.UsageError;
            }

            return ScreenAndRecord(context, cli, parse, store, actor, partyId, on);
        }));
        parties.Subcommands.Add(screen);

        var dryRun = new Option<bool>("--dry-run") { Description = "Show what re-screening finds without recording it." };
        var rescreenOn = new Option<DateOnly?>("--on") { Description = "Date of the screenings (default: today)." };
        var rescreenFormat = CliContext.FormatOption();
        var rescreen = new Command("rescreen", "After a list update, re-screen every screened party against what changed since the lists it was last screened against, report new and cleared hits, and record the outcomes.") { dryRun, rescreenOn, rescreenFormat };
        rescreen.SetAction(parse => cli.Run(parse, (store, actor) => Rescreen(context, cli, parse, store, actor, parse.GetValue(dryRun), parse.GetValue(rescreenOn) ?? cli.Today, parse.GetValue(rescreenFormat))));
        parties.Subcommands.Add(rescreen);

        var reason = new Option<string>("--reason") { Required = true, Description = "Why, in words an auditor can read." };
        var expires = new Option<DateOnly>("--expires") { Required = true, Description = "Last day the approval holds, YYYY-MM-DD." };
        var approveOn = new Option<DateOnly?>("--on") { Description = "Date of the approval (default: today)." };
        var approve = new Command("approve", "Approve a screened party until a date.") { id, reason, expires, approveOn };
        approve.SetAction(parse => cli.Run(parse, (store, actor) =>
            cli.Append(store, actor, $"approval of {parse.GetValue(id)}", new ApproveParty(parse.GetValue(id)!, parse.GetValue(reason)!, parse.GetValue(approveOn) ?? cli.Today, parse.GetValue(expires)))));
        parties.Subcommands.Add(approve);

        var rejectReason = new Option<string>("--reason") { Required = true, Description = "Why the party is rejected." };
        var rejectOn = new Option<DateOnly?>("--on") { Description = "Date of the rejection (default: today)." };
        var reject = new Command("reject", "Reject a party.") { id, rejectReason, rejectOn };
        reject.SetAction(parse => cli.Run(parse, (store, actor) =>
            cli.Append(store, actor, $"rejection of {parse.GetValue(id)}", new RejectParty(parse.GetValue(id)!, parse.GetValue(rejectReason)!, parse.GetValue(rejectOn) ?? cli.Today))));
        parties.Subcommands.Add(reject);

        var file = new Argument<string>("file") { Description = "JSON or YAML: {\"parties\": [{\"id\", \"name\", \"country\", \"parent_country\", \"sector\", \"end_use\", \"roles\", \"requested_on\"}]}." };
        var import = new Command("import", "Request many parties from a JSON or YAML file, all or none.") { file };
        import.SetAction(parse => cli.Run(parse, (store, actor) =>
        {
            var path = parse.GetValue(file)!;
            var read = DataDirectory.ReadFile(path);
            if (!read.Succeeded)
            {
                return context.Fail("the party file cannot be read", read.Problems);
            }

            var parsed = PartyFile.Parse(read.Value);
            return parsed.Succeeded
                ? cli.Append(store, actor, path, [.. parsed.Value])
                : context.Fail($"{path} is malformed; nothing was recorded", parsed.Problems);
        }));
        parties.Subcommands.Add(import);

        var format = CliContext.FormatOption();
        var list = new Command("list", "List parties and where they stand.") { format };
        list.SetAction(parse => cli.Run(parse, (store, _) =>
        {
            var rows = store.ReadState().Parties.Values.OrderBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => new[] { p.Id, p.Request.Name, p.Request.Country, p.Request.ParentCountry, p.Status.ToString().ToLowerInvariant(), p.Expires is { } e ? Render.Date(e) : "", p.LastScreening?.ListVersion ?? "", p.Reason ?? "" })
                .ToList();
            Print(context, parse.GetValue(format), ["id", "name", "country", "parent_country", "status", "expires", "list_version", "reason"], rows);
            return 0;
        }));
        parties.Subcommands.Add(list);
        return parties;
    }

    /// <summary>Screens the party as recorded (name, country) against the lists in force and records the result.</summary>
    private static int ScreenAndRecord(CliContext context, LedgerCli cli, ParseResult parse, LedgerStore store, LedgerActor actor, string partyId, DateOnly on)
    {
        if (!store.ReadState().Parties.TryGetValue(partyId, out var party))
        {
            return context.Fail($"screening of {partyId} was refused; nothing was recorded", [new Problem(new SourceLocation("command", 0, 0), "party", $"unknown party '{partyId}'")]);
        }

        var lists = ListStore.Locate(parse.GetValue(CliContext.HomeOption)).ReadState();
        if (!lists.Succeeded || lists.Value.Active is null)
        {
            context.Error.WriteLine("error: no restricted-party lists are loaded, so the party cannot be screened; load them with 'clearance lists load DIR|FILES…', or record an outcome screened elsewhere with --list-version.");
            return CliApplication.InputError;
        }

        if (ScreeningCommands.ActiveLists(context, parse) is not { } set)
        {
            return CliApplication.InputError;
        }

        var result = ScreeningIndex.Build(set).Screen(party.ToScreened());
        var outcome = ScreeningOutcome.From(result);
        context.Out.WriteLine(outcome.Hit
            ? $"{partyId} ('{party.Request.Name}') against lists {outcome.ListVersion}: {outcome.Hits.Length} hit(s): {outcome.Detail}"
            : $"{partyId} ('{party.Request.Name}') against lists {outcome.ListVersion}: no hit.");
        return cli.Append(store, actor, $"screening of {partyId}", new RecordScreening(partyId, outcome, on));
    }

    private static int Rescreen(CliContext context, LedgerCli cli, ParseResult parse, LedgerStore store, LedgerActor actor, bool dryRun, DateOnly on, OutputFormat format)
    {
        var lists = ListStore.Locate(parse.GetValue(CliContext.HomeOption));
        var state = lists.ReadState();
        if (!state.Succeeded || state.Value.Active is not { } active)
        {
            context.Error.WriteLine("error: no restricted-party lists are loaded, so there is nothing to re-screen against; load them with 'clearance lists load DIR|FILES…'.");
            return CliApplication.InputError;
        }

        var current = lists.Load(active);
        if (!current.Succeeded)
        {
            return context.Fail($"the active lists ({active.Version}) could not be read", current.Problems);
        }

        var report = PartyRescreening.Rescreen(store.ReadState().Parties.Values, current.Value, lists.LoadVersion);
        var rows = report.Rescreened.Select(r => new[]
        {
            r.PartyId, r.Name, r.FromVersion, report.ListVersion, r.Method.ToString().ToLowerInvariant(),
            string.Join("; ", r.Outcome.NewHits.Select(h => $"{h.ListedName} ({h.EntryId}, {h.Score:0.000})")),
            string.Join("; ", r.Outcome.ClearedHits.Select(h => $"{h.ListedName} ({h.EntryId})")),
            r.Outcome.Result.Hits.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        Print(context, format, ["id", "name", "from_version", "to_version", "method", "new_hits", "cleared_hits", "hits"], rows);
        var changed = report.Rescreened.Count(r => r.Outcome.Changed);
        context.Error.WriteLine($"{report.Rescreened.Count} part{(report.Rescreened.Count == 1 ? "y" : "ies")} re-screened against lists {report.ListVersion} ({report.Rescreened.Count(r => r.Method == RescreenMethod.Delta)} against the changes only), {changed} with new or cleared hits; {report.UpToDate.Count} already screened against them; {report.NeverScreened.Count} never screened ('clearance parties screen ID').");
        if (dryRun || report.Rescreened.Count == 0)
        {
            if (dryRun)
            {
                context.Error.WriteLine("--dry-run: nothing was recorded.");
            }

            return 0;
        }

        return cli.Append(store, actor, $"re-screening of {report.Rescreened.Count} part{(report.Rescreened.Count == 1 ? "y" : "ies")}", format == OutputFormat.Table ? context.Out : context.Error, report.ScreeningsToRecord(on));
    }

    /// <summary>Prints rows as a table, JSON objects or CSV.</summary>
    public static void Print(CliContext context, OutputFormat format, string[] header, List<string[]> rows)
    {
        switch (format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, rows.Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)));
                break;
            case OutputFormat.Csv:
                Render.WriteCsv(context.Out, header, rows);
                break;
            default:
                var table = new Table().Border(TableBorder.Rounded).AddColumns(header);
                foreach (var row in rows)
                {
                    table.AddRow(row.Select(Markup.Escape).ToArray());
                }

                var console = Render.Console(context.Out);
                console.Write(table);
                console.WriteLine($"{rows.Count} row(s).");
                break;
        }
    }
}
