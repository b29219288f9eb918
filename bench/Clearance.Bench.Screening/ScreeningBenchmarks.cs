using BenchmarkDotNet.Attributes;
using Clearance.Core.Screening;
using F23.StringSimilarity;
using FuzzySharp;

namespace Clearance.Bench.Screening;

/// <summary>
/// Queries per second against the full 2021 OFAC SDN list with every alias: Clearance's index (one thread and all
/// cores) next to brute-force scans over all names with FuzzySharp's Fuzz.Ratio and F23.StringSimilarity's
/// Jaro-Winkler, each keeping its best 10. Every benchmark screens the same batch of queries; BenchmarkDotNet reports
/// the time per query (OperationsPerInvoke) and the ratio to the FuzzySharp baseline.
/// </summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    /// <summary>Queries per batch (per operation).</summary>
    public const int Batch = 40;

    private ScreeningIndex _index = null!;
    private string[] _queries = [];
    private string[] _names = [];
    private readonly JaroWinkler _jaroWinkler = new();

    [GlobalSetup]
    public void Setup()
    {
        var lists = SharedData.Sdn2021();
        _index = ScreeningIndex.Build(lists);
        _queries = SharedData.Queries(lists, Batch);
        _names = [.. lists.Entries.SelectMany(e => e.Names).Select(n => n.ToLowerInvariant())];
        Console.WriteLine($"// {lists.Entries.Count} entries, {_names.Length} names, {_index.NameCount} indexed names, {_index.VocabularySize} vocabulary entries");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "FuzzySharp Fuzz.Ratio, brute force")]
    public int FuzzySharpBruteForce()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            var q = query.ToLowerInvariant();
            found += Top(_names, name => Fuzz.Ratio(q, name) / 100.0);
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "F23 Jaro-Winkler, brute force")]
    public int JaroWinklerBruteForce()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            var q = query.ToLowerInvariant();
            found += Top(_names, name => _jaroWinkler.Similarity(q, name));
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "Clearance index, 1 thread")]
    public int ClearanceSingleThread()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            found += _index.Screen(new Party(query)).Hits.Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "Clearance index, all cores")]
    public int ClearanceAllCores()
    {
        var found = 0;
        Parallel.For(0, _queries.Length, i => Interlocked.Add(ref found, _index.Screen(new Party(_queries[i])).Hits.Count));
        return found;
    }

    /// <summary>A scan that keeps the 10 best scores, as a screening tool would.</summary>
    private static int Top(string[] names, Func<string, double> score)
    {
        Span<double> best = stackalloc double[10];
        foreach (var name in names)
        {
            var s = score(name);
            if (s > best[9])
            {
                var i = 9;
                while (i > 0 && best[i - 1] < s)
                {
                    best[i] = best[i - 1];
                    i--;
                }

                best[i] = s;
            }
        }

        var count = 0;
        foreach (var s in best)
        {
            count += s >= 0.85 ? 1 : 0;
        }

        return count;
    }
}

/// <summary>Building the index for the full 2021 SDN list (parsed once beforehand): time and memory allocated.</summary>
[MemoryDiagnoser]
public class IndexBuildBenchmarks
{
    private ListSet _lists = null!;

    [GlobalSetup]
    public void Setup() => _lists = SharedData.Sdn2021();

    [Benchmark(Description = "Build the index, 2021 SDN")]
    public int Build() => ScreeningIndex.Build(_lists).NameCount;
}
