using System.Diagnostics;
using System.Globalization;

namespace Clearance.Bench.Screening;

/// <summary>
/// The speed ratio against the brute-force peers with the three measured in turn, round after round, in one process:
/// <c>--versus ROUNDS</c>. BenchmarkDotNet measures each benchmark in its own stretch of time, so on a shared machine a
/// busy minute lands on one side of the ratio only; here every round times one batch of each peer and enough Clearance
/// batches to take about as long, back to back (in an order that turns each round, after a full collection each), and
/// the ratio is taken per round. Prints each round, then the median, lowest and highest ratio against the faster peer
/// and the single-thread queries per second.
/// </summary>
public static class AlternatingRatio
{
    public static int Run(int rounds)
    {
        if (rounds < 1)
        {
            Console.Error.WriteLine("--versus needs at least one round.");
            return 2;
        }

        var benchmarks = new ScreeningBenchmarks();
        benchmarks.Setup();
        const int Batch = ScreeningBenchmarks.Batch;
        for (var warm = 0; warm < 10; warm++)
        {
            benchmarks.JaroWinklerBruteForce();
            benchmarks.FuzzySharpBruteForce();
            benchmarks.ClearanceSingleThread();
        }

        // Enough Clearance batches per round to take about as long as one peer batch.
        var repeats = Math.Max(1, (int)(Time(() => benchmarks.JaroWinklerBruteForce()) / Time(() => benchmarks.ClearanceSingleThread())));
        var ratios = new List<double>();
        var perSecond = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            double jaroWinkler = 0, fuzzySharp = 0, clearance = 0;
            for (var turn = 0; turn < 3; turn++)
            {
                switch ((turn + round) % 3)
                {
                    case 0:
                        jaroWinkler = Time(() => benchmarks.JaroWinklerBruteForce());
                        break;
                    case 1:
                        fuzzySharp = Time(() => benchmarks.FuzzySharpBruteForce());
                        break;
                    default:
                        clearance = Time(() =>
                        {
                            for (var k = 0; k < repeats; k++)
                            {
                                benchmarks.ClearanceSingleThread();
                            }
                        }) / repeats;
                        break;
                }
            }

            var ratio = Math.Min(jaroWinkler, fuzzySharp) / clearance;
            ratios.Add(ratio);
            perSecond.Add(Batch / clearance);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: Jaro-Winkler {1e3 * jaroWinkler / Batch:0.000} ms, FuzzySharp {1e3 * fuzzySharp / Batch:0.000} ms, Clearance {1e6 * clearance / Batch:0} µs per query: {ratio:0.0}× the faster peer"));
        }

        ratios.Sort();
        perSecond.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rounds} rounds: median {Median(ratios):0.0}× the faster peer (lowest {ratios[0]:0.0}×, highest {ratios[^1]:0.0}×); Clearance one thread median {Median(perSecond):0} queries/s (lowest {perSecond[0]:0})"));
        return 0;
    }

    private static double Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
