using System.Diagnostics;
using System.Globalization;
using Clearance.Core.Screening;

namespace Clearance.Bench.Screening;

/// <summary>
/// A quick single-thread timing loop, for comparing two builds on a busy machine without a full BenchmarkDotNet run:
/// <c>--quick N</c> screens N people on no list and N SDN names with a typo (<see cref="SharedData.Queries"/>), once to
/// warm up and then three times, and prints the best pass in queries per second and the total number of hits.
/// </summary>
public static class QuickTiming
{
    public static int Run(int half)
    {
        var lists = SharedData.Sdn2021();
        var index = ScreeningIndex.Build(lists);
        var queries = SharedData.Queries(lists, 2 * half);
        var hits = Pass(index, queries);
        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var clock = Stopwatch.StartNew();
            Pass(index, queries);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{queries.Length} queries, {hits} hits, best of 3 passes {best:0.000} s: {queries.Length / best:0} queries/s, {1000 * best / queries.Length:0.000} ms per query"));
        return 0;
    }

    private static int Pass(ScreeningIndex index, string[] queries)
    {
        var hits = 0;
        foreach (var query in queries)
        {
            hits += index.Screen(new Party(query)).Hits.Count;
        }

        return hits;
    }
}
