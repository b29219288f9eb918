using System.Globalization;
using Clearance.Core.Screening;

namespace Clearance.Bench.Screening;

/// <summary>
/// The index's recall against a brute-force scan with the same scorer, on the full 2021 SDN list: <c>--recall N</c>
/// screens N list names with 0–3 random edits (the method of <c>ScreeningIndexTests</c>, which runs it on the list
/// excerpts) and 300 people on no list, both ways with up to 1,000 hits, and prints the share of the brute-force hits
/// the index finds and every hit it misses with its evidence.
/// </summary>
public static class RecallCheck
{
    public static int Run(int count)
    {
        var lists = SharedData.Sdn2021();
        var index = ScreeningIndex.Build(lists);
        var names = lists.Entries.SelectMany(e => e.Names).ToArray();
        var random = new Random(20260115);
        var options = ScreeningOptions.Default with { MaxHits = 1000 };
        var (found, scanned) = (0, 0);
        for (var k = 0; k < count; k++)
        {
            var name = Mutate(names[random.Next(names.Length)], random.Next(4), random.Next(1000));
            Compare(index, name, options, ref found, ref scanned);
        }

        var (peopleFound, peopleScanned) = (0, 0);
        foreach (var person in SharedData.Queries(lists, 600).Take(300))
        {
            Compare(index, person, options, ref peopleFound, ref peopleScanned);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index recall vs brute force, {count} SDN names with 0-3 edits: {found}/{scanned} = {(double)found / Math.Max(1, scanned):P2}; 300 people on no list: {peopleFound}/{peopleScanned}"));
        return 0;
    }

    private static void Compare(ScreeningIndex index, string name, ScreeningOptions options, ref int found, ref int scanned)
    {
        var indexed = index.Screen(new Party(name), options).Hits.Select(h => h.EntryId).ToHashSet(StringComparer.Ordinal);
        foreach (var hit in index.ScreenAll(new Party(name), options).Hits)
        {
            scanned++;
            if (indexed.Contains(hit.EntryId))
            {
                found++;
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"missed: {name} ~ {hit.MatchedName} {hit.Score:0.000}: {string.Join(" | ", hit.Tokens.Select(e => $"{e.QueryToken}~{e.ListToken} {e.Similarity:0.00} {e.Kind}"))}"));
        }
    }

    /// <summary>The same random edits as the index recall test: deletions, substitutions and insertions of letters.</summary>
    private static string Mutate(string name, int edits, int seed)
    {
        var random = new Random(seed);
        var chars = name.ToCharArray().ToList();
        for (var i = 0; i < edits && chars.Count > 2; i++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars[at] = (char)('a' + random.Next(26)); break;
                default: chars.Insert(at, (char)('a' + random.Next(26))); break;
            }
        }

        return new string([.. chars]);
    }
}
