using System.CommandLine;
using Clearance.Cli.Output;
using Clearance.Core.Screening;
using Clearance.Storage.Screening;
using Spectre.Console;

namespace Clearance.Cli.Screening;

/// <summary>`clearance lists load|status|diff`: the restricted-party lists in force, kept in the state directory.</summary>
internal static class ListsCommands
{
    public static Command Create(CliContext context)
    {
        var lists = new Command("lists", "Load, inspect and compare the restricted-party lists in force.");

        var paths = new Argument<string[]>("path") { Description = "List files or folders: OFAC sdn.csv (+add, alt, sdn_comments), cons_*.csv, CSL CSV, UN XML, BIS DPL text.", Arity = ArgumentArity.OneOrMore };
        var load = new Command("load", "Load list files as the lists in force. All or nothing: one bad file and the lists in force stay.") { paths };
        load.SetAction(parse => Load(context, parse, parse.GetValue(paths) ?? []));
        lists.Subcommands.Add(load);

        var statusFormat = CliContext.FormatOption();
        var status = new Command("status", "Show the lists in force: version, content hash, sources and counts.") { statusFormat };
        status.SetAction(parse => Status(context, parse, parse.GetValue(statusFormat)));
        lists.Subcommands.Add(status);

        var against = new Argument<string[]>("path") { Description = "Compare the lists in force with these files instead of with the previous lists.", Arity = ArgumentArity.ZeroOrMore };
        var diffFormat = CliContext.FormatOption();
        var diff = new Command("diff", "Show what the last list update changed (added, removed, changed entries), or what loading PATH would change.") { against, diffFormat };
        diff.SetAction(parse => Diff(context, parse, parse.GetValue(against) ?? [], parse.GetValue(diffFormat)));
        lists.Subcommands.Add(diff);
        return lists;
    }

    private static int Load(CliContext context, ParseResult parse, string[] paths)
    {
        var store = ListStore.Locate(parse.GetValue(CliContext.HomeOption));
        var files = ListStore.ReadFiles(paths);
        if (!files.Succeeded)
        {
            return context.Fail("the list files could not be read; the lists in force are unchanged", files.Problems);
        }

        var loaded = ListLoader.Load(files.Value);
        if (!loaded.Succeeded)
        {
            return context.Fail("the lists did not load; the lists in force are unchanged", loaded.Problems);
        }

        var state = store.ReadState();
        var before = state.Succeeded && state.Value.Active is { } active && store.Load(active) is { Succeeded: true } previous ? previous.Value : ListSet.Empty;
        var stored = store.Save(loaded.Value, files.Value, context.Clock.GetUtcNow());
        var delta = ListDelta.Between(before, loaded.Value);
        foreach (var source in loaded.Value.Sources)
        {
            context.Out.WriteLine($"{source.Name}: {source.EntryCount} entries (version {source.Version})");
            foreach (var warning in source.Warnings.Take(5))
            {
                context.Error.WriteLine($"  warning: {warning}");
            }

            if (source.Warnings.Count > 5)
            {
                context.Error.WriteLine($"  warning: … and {source.Warnings.Count - 5} more rows of {source.Name} skipped for the same kind of reason ({source.Warnings.Count} in all).");
            }
        }

        context.Out.WriteLine($"Loaded list set {stored.Version} ({stored.Entries} entries, sha256 {stored.ContentHash}) into {store.Home}.");
        context.Out.WriteLine($"Since the previous lists: {delta.Added.Count} added, {delta.Removed.Count} removed, {delta.Changed.Count} changed. 'clearance lists diff' lists them.");
        return 0;
    }

    private static int Status(CliContext context, ParseResult parse, OutputFormat format)
    {
        var store = ListStore.Locate(parse.GetValue(CliContext.HomeOption));
        var state = store.ReadState();
        if (!state.Succeeded)
        {
            return context.Fail("the list state could not be read", state.Problems);
        }

        if (format == OutputFormat.Json)
        {
            Render.WriteJson(context.Out, new { home = store.Home, state.Value.Active, state.Value.Previous });
            return 0;
        }

        if (state.Value.Active is not { } active)
        {
            context.Out.WriteLine($"No lists are loaded in {store.Home}. 'clearance screen' uses the sample excerpts shipped with Clearance until you run 'clearance lists load DIR|FILES…'.");
            return 0;
        }

        if (format == OutputFormat.Csv)
        {
            Render.WriteCsv(context.Out, ["version", "content_hash", "loaded_at", "entries", "source"], active.Sources.Select(s => new[] { active.Version, active.ContentHash, active.LoadedAt.ToString("O"), active.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture), s }));
            return 0;
        }

        var console = Render.Console(context.Out);
        console.WriteLine($"Lists in force: {active.Version} · {active.Entries} entries · loaded {active.LoadedAt:yyyy-MM-dd HH:mm} UTC · sha256 {active.ContentHash}");
        foreach (var source in active.Sources)
        {
            console.WriteLine($"  {source}");
        }

        console.WriteLine(state.Value.Previous is { } previous ? $"Previous: {previous.Version} ({previous.Entries} entries, loaded {previous.LoadedAt:yyyy-MM-dd HH:mm} UTC)." : "No previous list set.");
        return 0;
    }

    private static int Diff(CliContext context, ParseResult parse, string[] paths, OutputFormat format)
    {
        var store = ListStore.Locate(parse.GetValue(CliContext.HomeOption));
        var state = store.ReadState();
        if (!state.Succeeded)
        {
            return context.Fail("the list state could not be read", state.Problems);
        }

        ListSet before, after;
        if (paths.Length > 0)
        {
            var files = ListStore.ReadFiles(paths);
            var candidate = files.Succeeded ? ListLoader.Load(files.Value) : Core.Parsing.ParseResult<ListSet>.Failure(files.Problems);
            if (!candidate.Succeeded)
            {
                return context.Fail("the lists to compare did not load", candidate.Problems);
            }

            before = Load(context, store, state.Value.Active) ?? ListSet.Empty;
            after = candidate.Value;
        }
        else
        {
            if (state.Value.Active is null)
            {
                context.Error.WriteLine("error: no lists are loaded; run 'clearance lists load DIR|FILES…' first.");
                return CliApplication.InputError;
            }

            before = Load(context, store, state.Value.Previous) ?? ListSet.Empty;
            after = Load(context, store, state.Value.Active) ?? ListSet.Empty;
        }

        var delta = ListDelta.Between(before, after);
        var rows = delta.Added.Select(e => (Change: "added", Entry: e, Fields: ""))
            .Concat(delta.Removed.Select(e => (Change: "removed", Entry: e, Fields: "")))
            .Concat(delta.Changed.Select(c => (Change: "changed", Entry: c.After, Fields: string.Join(", ", c.Fields))))
            .OrderBy(r => r.Entry.EntryId, StringComparer.Ordinal)
            .ToList();
        switch (format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, new { from = delta.FromVersion, to = delta.ToVersion, changes = rows.Select(r => new { change = r.Change, entryId = r.Entry.EntryId, source = r.Entry.Source, name = r.Entry.PrimaryName, fields = r.Fields }) });
                break;
            case OutputFormat.Csv:
                Render.WriteCsv(context.Out, ["change", "entry_id", "source", "name", "fields"], rows.Select(r => new[] { r.Change, r.Entry.EntryId, r.Entry.Source, r.Entry.PrimaryName, r.Fields }));
                break;
            default:
                var console = Render.Console(context.Out);
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Change", "Entry", "Source", "Name", "Fields changed");
                foreach (var row in rows.Take(200))
                {
                    table.AddRow(row.Change, Markup.Escape(row.Entry.EntryId), Markup.Escape(row.Entry.Source), Markup.Escape(row.Entry.PrimaryName), Markup.Escape(row.Fields));
                }

                console.Write(table);
                console.WriteLine($"{delta.FromVersion} → {delta.ToVersion}: {delta.Added.Count} added, {delta.Removed.Count} removed, {delta.Changed.Count} changed{(rows.Count > 200 ? " (first 200 shown; --format csv gives all)" : "")}.");
                break;
        }

        return 0;
    }

    private static ListSet? Load(CliContext context, ListStore store, StoredListSet? stored)
    {
        if (stored is null)
        {
            return null;
        }

        var loaded = store.Load(stored);
        if (!loaded.Succeeded)
        {
            context.Fail($"the stored lists {stored.Version} could not be read", loaded.Problems);
            return null;
        }

        return loaded.Value;
    }
}
