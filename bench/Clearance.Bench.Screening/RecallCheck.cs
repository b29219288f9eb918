using System.Globalization;
using Clearance.Core.Screening;

namespace Clearance.Bench.Screening;

/// <summary>
/// The index's recall against a brute-force scan with the same scorer, on the full 2021 SDN list: <c>--recall N</c>
/// screens N list names with 0–3 random edits (<see cref="ScreeningEvaluation.EditedListNames"/>, which
/// <c>ScreeningIndexTests</c> runs on the list excerpts) and 300 people on no list, and prints the share of the
/// brute-force hits the index finds and every hit it misses with its evidence.
/// </summary>
public static class RecallCheck
{
    public static int Run(int count)
    {
        var lists = SharedData.Sdn2021();
        var index = ScreeningIndex.Build(lists);
        var edited = ScreeningEvaluation.EditedListNames(index, count, 20260115);
        foreach (var (name, hit) in edited.Missed)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"missed: {name} ~ {hit.MatchedName} {hit.Score:0.000}: {string.Join(" | ", hit.Tokens.Select(e => $"{e.QueryToken}~{e.ListToken} {e.Similarity:0.00} {e.Kind}"))}"));
        }

        var people = SharedData.Queries(lists, 600).Take(300).Select(p => new Party(p)).ToList();
        var negatives = ScreeningEvaluation.NonMatches(index, people, people.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index recall vs brute force, {count} SDN names with 0-3 edits: {edited.Found}/{edited.BruteForceHits} = {edited.Recall:P2}; {people.Count} people on no list: {negatives.IndexFoundOfBruteForceHits}/{negatives.BruteForceHits}"));
        return 0;
    }
}
