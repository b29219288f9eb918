using System.CommandLine;
using System.Globalization;
using Clearance.Cli.Output;
using Clearance.Core.Screening;
using Clearance.Storage.Files;
using Clearance.Storage.Screening;
using Spectre.Console;
using Clearance.Core.Parsing;

namespace Clearance.Cli.Screening;

/// <summary>
/// `clearance screen NAME|parties.csv [--country CC]` and `clearance screen evaluate`: restricted-party screening
/// against the list set in force, with the evidence for every hit.
/// </summary>
internal static class ScreeningCommands
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("name-or-file") { Description = "A party name, or a CSV file of parties (columns: name, and optionally reference, country, address, identifiers)." };
        var country = new Option<string?>("--country") { Description = "The party's country (ISO code or name): agreement raises a hit's score, disagreement lowers it." };
        var identifiers = new Option<string[]>("--id") { Description = "An identifier of the party (passport, tax or registration number, IMO); repeatable." };
        var threshold = new Option<double?>("--threshold") { Description = $"The lowest score reported as a hit, 0–1 (default {ScreeningOptions.Default.Threshold.ToString(CultureInfo.InvariantCulture)})." };
        var maxHits = new Option<int?>("--max-hits") { Description = $"At most this many hits per party (default {ScreeningOptions.Default.MaxHits})." };
        var format = CliContext.FormatOption();
        var screen = new Command("screen", "Screen a party, or a CSV file of parties, against the restricted-party lists in force.")
        {
            target, country, identifiers, threshold, maxHits, format,
        };
        screen.SetAction(parse =>
        {
            var options = ScreeningOptions.Default with
            {
                Threshold = parse.GetValue(threshold) ?? ScreeningOptions.Default.Threshold,
                MaxHits = parse.GetValue(maxHits) ?? ScreeningOptions.Default.MaxHits,
            };
            return Screen(context, parse, parse.GetValue(target)!, parse.GetValue(country), parse.GetValue(identifiers) ?? [], options, parse.GetValue(format));
        });
        screen.Subcommands.Add(ScreeningQualityCommand.Create(context));
        return screen;
    }

    /// <summary>The list set in force, or the sample set shipped with Clearance (with a warning) when none is loaded.</summary>
    internal static ListSet? ActiveLists(CliContext context, ParseResult parse)
    {
        var store = ListStore.Locate(parse.GetValue(CliContext.HomeOption));
        var state = store.ReadState();
        if (!state.Succeeded)
        {
            context.Fail("the list state could not be read", state.Problems);
            return null;
        }

        if (state.Value.Active is { } active)
        {
            var loaded = store.Load(active);
            if (!loaded.Succeeded)
            {
                context.Fail($"the active lists ({active.Version}) could not be read", loaded.Problems);
                return null;
            }

            return loaded.Value;
        }

        var sample = Path.Combine(DataDirectory.Locate(parse.GetValue(CliContext.DataOption)).Root, "lists", "sample");
        context.Error.WriteLine($"warning: no restricted-party lists are loaded in {store.Home}; screening against the SAMPLE excerpts shipped with Clearance, which are old and incomplete.");
        context.Error.WriteLine("         Load real lists with: clearance lists load DIR|FILES…  (OFAC sdn.csv+add/alt/comments, cons_*.csv, CSL CSV, UN XML, BIS DPL text)");
        var files = ListStore.ReadFiles([sample]);
        var lists = files.Succeeded ? ListLoader.Load(files.Value) : Core.Parsing.ParseResult<ListSet>.Failure(files.Problems);
        if (!lists.Succeeded)
        {
            context.Fail("the sample lists did not load", lists.Problems);
            return null;
        }

        return lists.Value;
    }

    private static int Screen(CliContext context, ParseResult parse, string target, string? country, string[] identifiers, ScreeningOptions options, OutputFormat format)
    {
        if (options.Threshold is < 0 or > 1 || options.MaxHits < 1)
        {
            context.Error.WriteLine("error: --threshold must be between 0 and 1 and --max-hits at least 1.");
            return CliApplication.UsageError;
        }

        if (country is not null && Countries.Code(country) is null)
        {
            context.Error.WriteLine($"error: --country: '{country}' is not a country name or ISO 3166 code.");
            return CliApplication.UsageError;
        }

        if (string.IsNullOrWhiteSpace(target))
        {
            context.Error.WriteLine("error: the party name is empty; give a name or a CSV file of parties.");
            return CliApplication.UsageError;
        }

        var looksLikeFile = target.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        if (looksLikeFile && !File.Exists(target))
        {
            // Screening the path as a name would report "no hit" for a batch that was never read.
            context.Error.WriteLine($"error: {target}: no such file; nothing was screened.");
            return CliApplication.InputError;
        }

        var isFile = looksLikeFile;
        IReadOnlyList<Party> parties;
        if (isFile)
        {
            var read = DataDirectory.ReadFile(target);
            var parsed = read.Succeeded ? PartyFileParser.Parse(new SourceText(target, read.Value.Text)) : Core.Parsing.ParseResult<IReadOnlyList<Party>>.Failure(read.Problems);
            if (!parsed.Succeeded)
            {
                return context.Fail($"the parties file {target} did not load; nothing was screened", parsed.Problems);
            }

            parties = parsed.Value;
        }
        else
        {
            parties = [new Party(target) { Country = country, Identifiers = identifiers }];
        }

        if (ActiveLists(context, parse) is not { } lists)
        {
            return CliApplication.InputError;
        }

        var index = ScreeningIndex.Build(lists);
        var results = isFile ? ScreenAll(context, index, parties, options) : [index.Screen(parties[0], options)];
        Write(context, results, format, lists);
        return 0;
    }

    /// <summary>Screens many parties on every core, with a progress bar on stderr.</summary>
    private static ScreeningResult[] ScreenAll(CliContext context, ScreeningIndex index, IReadOnlyList<Party> parties, ScreeningOptions options)
    {
        var results = new ScreeningResult[parties.Count];
        var done = 0;
        var console = Render.Console(context.Error);
        var interactive = context.Error == Console.Error && !Console.IsErrorRedirected;
        void Work(Action<int>? report) => Parallel.For(0, parties.Count, i =>
        {
            results[i] = index.Screen(parties[i], options);
            report?.Invoke(Interlocked.Increment(ref done));
        });

        if (interactive)
        {
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
                .Progress()
                .Start(progress =>
                {
                    var task = progress.AddTask($"Screening {parties.Count} parties", maxValue: parties.Count);
                    Work(n => task.Value = n);
                });
        }
        else
        {
            var step = Math.Max(1, parties.Count / 10);
            Work(n =>
            {
                if (n % step == 0 || n == parties.Count)
                {
                    lock (console)
                    {
                        context.Error.WriteLine($"screened {n}/{parties.Count}");
                    }
                }
            });
        }

        return results;
    }

    private static void Write(CliContext context, IReadOnlyList<ScreeningResult> results, OutputFormat format, ListSet lists)
    {
        switch (format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, results);
                return;
            case OutputFormat.Csv:
                Render.WriteCsv(
                    context.Out,
                    ["reference", "party", "country", "hit", "entry_id", "source", "listed_name", "matched_name", "score", "name_score", "programmes", "evidence", "list_set_version"],
                    results.SelectMany(r => r.Hits.Count == 0
                        ? [new[] { r.Party.Reference, r.Party.Name, r.Party.Country, "no", "", "", "", "", "", "", "", "", r.ListSetVersion }]
                        : r.Hits.Select(h => new[]
                        {
                            r.Party.Reference, r.Party.Name, r.Party.Country, "yes", h.EntryId, h.Source, h.ListedName, h.MatchedName,
                            Score(h.Score), Score(h.NameScore), string.Join("; ", h.Programmes), Evidence(h), r.ListSetVersion,
                        })));
                return;
            default:
                var console = Render.Console(context.Out);
                foreach (var result in results)
                {
                    console.Write(new Rule(Markup.Escape($"{result.Party.Name}{(result.Party.Country is { } c ? $" ({c})" : "")}")).LeftJustified());
                    if (result.Hits.Count == 0)
                    {
                        console.WriteLine($"No hit at or above {result.Options.Split(';')[0]} against list set {result.ListSetVersion} ({lists.Entries.Count} entries).");
                        continue;
                    }

                    var table = new Table().Border(TableBorder.Rounded).AddColumns("Score", "Listed party", "Source / programmes", "Why");
                    foreach (var hit in result.Hits)
                    {
                        table.AddRow(
                            Score(hit.Score),
                            Markup.Escape(hit.ListedName + (hit.MatchedName != hit.ListedName ? $"\naka {hit.MatchedName}" : "") + $"\n{hit.EntryId}"),
                            Markup.Escape($"{hit.Source}\n{string.Join(", ", hit.Programmes)}"),
                            Markup.Escape(Evidence(hit)));
                    }

                    console.Write(table);
                    console.WriteLine($"{result.Hits.Count} hit(s) against list set {result.ListSetVersion}; {result.Options}.");
                }

                return;
        }
    }

    internal static string Score(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The evidence in one line: token pairs with their similarity, then the notes.</summary>
    internal static string Evidence(ScreeningHit hit) => string.Join("; ", hit.Tokens.Select(t => t.Kind switch
    {
        "exact" => $"{t.QueryToken}={t.ListToken}",
        "fuzzy" or "joined" or "whole name" => $"{t.QueryToken}≈{t.ListToken} ({Score(t.Similarity)})",
        "only on the list" => $"+{t.ListToken} (list only)",
        "unmatched" or "number unmatched" => $"{t.QueryToken} (no match)",
        _ => t.Kind,
    }).Concat(hit.Notes));
}
