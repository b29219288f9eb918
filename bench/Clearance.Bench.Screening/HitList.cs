using System.Globalization;
using Clearance.Core.Screening;

namespace Clearance.Bench.Screening;

/// <summary>
/// <c>--hits N</c>: every hit of the quick loop's N queries (<see cref="SharedData.Queries"/>), one line each (query,
/// matched name, score), so that the output of two builds can be compared line by line with <c>diff</c> when their
/// digests differ.
/// </summary>
public static class HitList
{
    public static int Run(int count)
    {
        var lists = SharedData.Sdn2021();
        var index = ScreeningIndex.Build(lists);
        foreach (var query in SharedData.Queries(lists, count))
        {
            foreach (var hit in index.Screen(new Party(query)).Hits)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{query} | {hit.EntryId} {hit.MatchedName} | {hit.Score:R}"));
            }
        }

        return 0;
    }
}
