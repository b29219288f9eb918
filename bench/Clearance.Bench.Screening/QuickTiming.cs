using System.Diagnostics;
using System.Globalization;
using Clearance.Core.Screening;

namespace Clearance.Bench.Screening;

/// <summary>
/// A quick single-thread timing loop, for comparing two builds on a busy machine without a full BenchmarkDotNet run:
/// <c>--quick N</c> screens N people on no list and N SDN names with a typo (<see cref="SharedData.Queries"/>), once to
/// warm up and then <c>passes</c> times (<c>--quick N PASSES</c>, 3 unless given), and prints the best pass in queries per second (wall clock and CPU time: on a shared
/// machine the CPU time says more), the total number of hits and a digest of the results, and the memory the index holds.
/// </summary>
public static class QuickTiming
{
    public static int Run(int half, int passes)
    {
        var lists = SharedData.Sdn2021();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        var index = ScreeningIndex.Build(lists);
        var buildSeconds = build.Elapsed.TotalSeconds;
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index: {index.NameCount} names, {index.VocabularySize} vocabulary entries, {indexBytes / 1e6:0.0} MB held, built in {buildSeconds:0.00} s"));
        var queries = SharedData.Queries(lists, 2 * half);
        var cold = Stopwatch.StartNew();
        var hits = Pass(index, queries);
        var coldSeconds = cold.Elapsed.TotalSeconds;
        var digest = Digest(index, queries);
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var pass = 0; pass < passes; pass++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Pass(index, queries);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{queries.Length} queries, {hits} hits (digest {digest}), best of {passes} passes {best:0.000} s: {queries.Length / best:0} queries/s, {1000 * best / queries.Length:0.000} ms per query; CPU time best of {passes} {bestCpu:0.000} s: {queries.Length / bestCpu:0} queries per CPU-second; first pass (the index's near-spelling lists filling as parties use them) {coldSeconds:0.000} s: {queries.Length / coldSeconds:0} queries/s"));
        return 0;
    }

    /// <summary>
    /// A SHA-256 over every hit's entry, scores, matched name, token evidence and notes, so two builds can be shown to
    /// return the same results, not only the same number of hits.
    /// </summary>
    private static string Digest(ScreeningIndex index, string[] queries)
    {
        var text = new System.Text.StringBuilder();
        foreach (var query in queries)
        {
            foreach (var hit in index.Screen(new Party(query)).Hits)
            {
                text.Append(CultureInfo.InvariantCulture, $"{query}|{hit.EntryId}|{hit.Score:R}|{hit.NameScore:R}|{hit.MatchedName}");
                foreach (var token in hit.Tokens)
                {
                    text.Append(CultureInfo.InvariantCulture, $"|{token.QueryToken}~{token.ListToken}:{token.Similarity:R}:{token.Weight:R}:{token.Kind}");
                }

                text.Append('|').AppendJoin(';', hit.Notes).Append('\n');
            }
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))[..16];
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
