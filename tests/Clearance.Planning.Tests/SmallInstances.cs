using System.Collections.Immutable;
using Clearance.Core.Units;
using CsCheck;

namespace Clearance.Planning.Tests;

/// <summary>One small planning problem with integer figures, and a brute-force solver that tries every mix.</summary>
internal sealed record SmallInstance(ImmutableArray<Candidate> Chips, ComputeTargets Targets, long? Quota, double Floor)
{
    /// <summary>Enumeration covers 0..15 units per chip: the generator keeps every optimum inside that box (see Instances).</summary>
    public const int Box = 15;

    public static readonly Gen<Candidate> ChipGen =
        Gen.Select(Gen.Int[10, 60], Gen.Int[0, 80], Gen.Int[0, 40], Gen.Int[1, 100], Gen.Int[1, 50], Gen.Bool, Gen.Int[0, 9])
            .Select((bf16, fp8, memory, price, watts, domestic, limit) => Synthetic.Chip(
                $"c{bf16}-{fp8}-{memory}-{price}-{watts}", bf16, fp8 < 10 ? 0 : fp8, memory < 10 ? 0 : memory, price, watts, domestic, limit >= 7 ? null : limit));

    /// <summary>Targets of at most 60 TFLOPS (dense BF16) against rates of at least 10, so one chip alone needs at most 6 units.</summary>
    public static readonly Gen<SmallInstance> Instances =
        CsCheck.Gen.Select(
            ChipGen.Array[1, 3],
            CsCheck.Gen.Int[1, 60],
            CsCheck.Gen.Int[0, 60],
            CsCheck.Gen.Int[0, 60],
            CsCheck.Gen.Int[-3, 10],
            CsCheck.Gen.Int[0, 2])
        .Select((chips, bf16, fp8, memory, quota, floor) => new SmallInstance(
            [.. chips.Select((c, i) => c with { ChipId = $"{c.ChipId}-{i}" })],
            new ComputeTargets(bf16 / 1000.0, fp8 < 20 ? 0 : fp8 / 1000.0, memory < 20 ? 0 : memory / 1000.0),
            quota < 0 ? null : quota,
            floor * 0.25));

    public PolicyContext Policy => Synthetic.Policy(Quota, Floor);

    public CandidateSet Set => new(Chips, []);

    public IEnumerable<long[]> Mixes()
    {
        var limits = Chips.Select(c => c.MaxUnits ?? Box).ToArray();
        var current = new long[Chips.Length];
        while (true)
        {
            yield return (long[])current.Clone();
            var position = 0;
            while (position < current.Length && current[position] == limits[position])
            {
                current[position] = 0;
                position++;
            }

            if (position == current.Length)
            {
                yield break;
            }

            current[position]++;
        }
    }

    public double Bf16(long[] mix) => Sum(mix, c => c.DenseBf16.Value) / 1000;

    public double Fp8(long[] mix) => Sum(mix, c => c.DenseFp8.Value) / 1000;

    public double Memory(long[] mix) => Sum(mix, c => c.Memory.Value) / 1000;

    public long Imported(long[] mix) => Enumerable.Range(0, mix.Length).Where(i => !Chips[i].IsDomestic).Sum(i => mix[i]);

    public long Domestic(long[] mix) => mix.Sum() - Imported(mix);

    public decimal Cost(long[] mix) => Enumerable.Range(0, mix.Length).Sum(i => Chips[i].Price.Value * mix[i]);

    public double Power(long[] mix) => Sum(mix, c => c.SystemPower.Value);

    public bool MeetsTargets(long[] mix, ConstraintKind? except = null) =>
        (except == ConstraintKind.DenseBf16Target || Bf16(mix) >= Targets.DenseBf16Petaflops - 1e-9)
        && (except == ConstraintKind.DenseFp8Target || Fp8(mix) >= Targets.DenseFp8Petaflops - 1e-9)
        && (except == ConstraintKind.HbmTarget || Memory(mix) >= Targets.HbmTerabytes - 1e-9);

    public bool MeetsQuota(long[] mix) => Quota is not { } quota || Imported(mix) <= quota;

    public bool MeetsShare(long[] mix, double floor) => Domestic(mix) * 10_000 >= (long)Math.Round(floor * 10_000) * mix.Sum();

    public bool Feasible(long[] mix) => MeetsTargets(mix) && MeetsQuota(mix) && MeetsShare(mix, Floor);

    private double Sum(long[] mix, Func<Candidate, double> figure) => Enumerable.Range(0, mix.Length).Sum(i => figure(Chips[i]) * mix[i]);
}

/// <summary>Hand-made candidates and policy contexts for tests that do not need the shipped data.</summary>
internal static class Synthetic
{
    public static Candidate Chip(string id, double bf16, double fp8, double memory, decimal price, double watts, bool domestic, long? maxUnits = null) => new()
    {
        ChipId = id,
        Name = id,
        IsDomestic = domestic,
        DenseBf16 = new TeraOpsPerSecond(bf16),
        DenseFp8 = new TeraOpsPerSecond(fp8),
        Memory = new Gigabytes(memory),
        MemoryBandwidth = new GigabytesPerSecond(0),
        Price = new UsDollars(price),
        SystemPower = new Watts(watts),
        MaxUnits = maxUnits,
    };

    public static PolicyContext Policy(long? quota, double floor) =>
        new(new DateOnly(2026, 3, 1), "commercial", ImmutableSortedDictionary<string, ImportRuling>.Empty, quota, floor, "test");
}
