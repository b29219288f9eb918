using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Clearance.Core.Screening;
using Clearance.Storage.Files;
using Clearance.Storage.Screening;
using Clearance.Core.Parsing;

namespace Clearance.Cli.Screening;

/// <summary>
/// `clearance screen evaluate --pairs FILE [--negatives FILE --lists DIR]`: the quality harness. Precision, recall and
/// F1 on labelled name pairs; the false-positive rate of parties known to be on no list; the index's recall against a
/// brute-force scan with the same scorer.
/// </summary>
internal static class ScreeningQualityCommand
{
    public static Command Create(CliContext context)
    {
        var pairs = new Option<string?>("--pairs") { Description = "Labelled name pairs CSV (case_group,schema,name1,name2,is_match,…)." };
        var negatives = new Option<string?>("--negatives") { Description = "People on no list (CSV with full_name or name, and nationality or country)." };
        var lists = new Option<string[]>("--lists") { Description = "List files or folders to screen the negatives against (default: the lists in force)." };
        var limit = new Option<int?>("--limit") { Description = "Screen only the first N negatives." };
        var brute = new Option<int>("--brute-force") { Description = "How many negatives to also screen by brute force for the index recall (default 500).", DefaultValueFactory = _ => 500 };
        var edited = new Option<int>("--edited") { Description = "With --negatives: also screen N of the lists' own names with 0-3 random letter edits, by the index and by brute force, for the index recall (default 0)." };
        var command = new Command("evaluate", "Measure screening quality: F1 on labelled pairs, false-positive rate, index recall.") { pairs, negatives, lists, limit, brute, edited };
        command.SetAction(parse => Run(context, parse, parse.GetValue(pairs), parse.GetValue(negatives), parse.GetValue(lists) ?? [], parse.GetValue(limit), parse.GetValue(brute), parse.GetValue(edited)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string? pairsPath, string? negativesPath, string[] listPaths, int? limit, int bruteForce, int editedNames)
    {
        if (pairsPath is null && negativesPath is null)
        {
            context.Error.WriteLine("error: give --pairs FILE and/or --negatives FILE.");
            return CliApplication.UsageError;
        }

        var threshold = ScreeningOptions.Default.Threshold;
        if (pairsPath is not null)
        {
            var read = DataDirectory.ReadFile(pairsPath);
            if (!read.Succeeded)
            {
                return context.Fail("the pairs file could not be read", read.Problems);
            }

            var pairs = ReadPairs(read.Value);
            context.Out.WriteLine($"Labelled pairs ({pairs.Count}, {pairsPath}):");
            foreach (var t in new[] { threshold - 0.10, threshold - 0.05, threshold, threshold + 0.05, threshold + 0.10 })
            {
                context.Out.WriteLine($"  {(Math.Abs(t - threshold) < 1e-9 ? "*" : " ")} {ScreeningEvaluation.Pairs(pairs, t)}");
            }
        }

        if (negativesPath is not null)
        {
            var read = DataDirectory.ReadFile(negativesPath);
            if (!read.Succeeded)
            {
                return context.Fail("the negatives file could not be read", read.Problems);
            }

            ListSet? set;
            if (listPaths.Length > 0)
            {
                var files = ListStore.ReadFiles(listPaths);
                var loaded = files.Succeeded ? ListLoader.Load(files.Value) : Core.Parsing.ParseResult<ListSet>.Failure(files.Problems);
                if (!loaded.Succeeded)
                {
                    return context.Fail("the lists did not load", loaded.Problems);
                }

                set = loaded.Value;
            }
            else
            {
                set = ScreeningCommands.ActiveLists(context, parse);
            }

            if (set is null)
            {
                return CliApplication.InputError;
            }

            var people = ReadPeople(read.Value);
            if (limit is { } n)
            {
                people = people.Take(n).ToList();
            }

            var clock = Stopwatch.StartNew();
            var index = ScreeningIndex.Build(set);
            var built = clock.Elapsed;
            clock.Restart();
            var quality = ScreeningEvaluation.NonMatches(index, people, bruteForce);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Non-matches ({quality.Parties} people, {negativesPath}) against {set.Entries.Count} entries / {index.NameCount} names (list set {set.Version}), threshold {threshold:0.00}:"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  false-positive rate {quality.FalsePositiveRate:P2} ({quality.PartiesWithHits} people with a hit)"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  index recall vs brute force on {quality.BruteForceParties} people: {quality.IndexRecall:P2} ({quality.IndexFoundOfBruteForceHits}/{quality.BruteForceHits} hits)"));
            if (editedNames > 0)
            {
                var recall = ScreeningEvaluation.EditedListNames(index, editedNames, 20260115);
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  index recall vs brute force on {recall.Names} list names with 0-3 random edits: {recall.Recall:P2} ({recall.Found}/{recall.BruteForceHits} hits)"));
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  index built in {built.TotalMilliseconds:0} ms; evaluation took {clock.Elapsed.TotalSeconds:0.0} s (wall clock, not a benchmark)"));
        }

        return 0;
    }

    private static List<LabelledPair> ReadPairs(SourceText file)
    {
        var lines = file.Text.Split('\n');
        var pairs = new List<LabelledPair>();
        foreach (var line in lines.Skip(1).Where(l => l.Trim().Length > 0))
        {
            var fields = Fields(line.TrimEnd('\r'));
            pairs.Add(new LabelledPair(fields[2], fields[3], fields[4] == "true"));
        }

        return pairs;
    }

    private static List<Party> ReadPeople(SourceText file)
    {
        var lines = file.Text.Split('\n');
        var header = Fields(lines[0].TrimEnd('\r'));
        var name = Math.Max(header.IndexOf("full_name"), header.IndexOf("name"));
        var country = Math.Max(header.IndexOf("nationality"), header.IndexOf("country"));
        return lines.Skip(1).Where(l => l.Trim().Length > 0).Select(l => Fields(l.TrimEnd('\r')))
            .Select(f => new Party(f[Math.Max(name, 0)]) { Country = country >= 0 && Countries.Code(f[country]) is { } code ? code : null })
            .ToList();
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
