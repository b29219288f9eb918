using System.Collections.Immutable;
using System.Globalization;
using Clearance.Core.Catalog;
using Clearance.Core.Units;

namespace Clearance.Planning;

/// <summary>
/// One accelerator the planner may buy, with the figures the model uses: dense rates, memory, price, all-in power per
/// chip, whether it is domestic, and how many units can be had (null: no limit known).
/// </summary>
public sealed record Candidate
{
    public required string ChipId { get; init; }

    public required string Name { get; init; }

    public required bool IsDomestic { get; init; }

    public required TeraOpsPerSecond DenseBf16 { get; init; }

    /// <summary>Zero when the chip has no FP8 units or the rate is unknown (then it counts for nothing toward an FP8 target).</summary>
    public required TeraOpsPerSecond DenseFp8 { get; init; }

    public required Gigabytes Memory { get; init; }

    public required GigabytesPerSecond MemoryBandwidth { get; init; }

    /// <summary>Purchase price plus any duty the policy says is due on the chip.</summary>
    public required UsDollars Price { get; init; }

    /// <summary>Chip TDP plus its share of the system around it.</summary>
    public required Watts SystemPower { get; init; }

    /// <summary>The most units that can be had: the lesser of the buyer's availability figure and the quota pool left.</summary>
    public long? MaxUnits { get; init; }

    /// <summary>Where <see cref="MaxUnits"/> comes from ("available", a quota pool); null when there is no limit.</summary>
    public string? MaxUnitsBasis { get; init; }

    /// <summary>Why the chip may be used: "domestic ...", "US licence reviewed case by case ...".</summary>
    public string Ruling { get; init; } = "";

    /// <summary>The policy rules that decided the chip's verdict (for a chip the policy excluded, the rules that excluded it).</summary>
    public ImmutableArray<string> PolicyRules { get; init; } = [];

    /// <summary>What the licence or measure requires besides payment: testing, know-your-customer, certification.</summary>
    public ImmutableArray<LicenceCondition> Conditions { get; init; } = [];

    public string PriceBasis { get; init; } = "";

    public string PowerBasis { get; init; } = "";

    /// <summary>Stand-ins the planner made for unknown figures, said out loud.</summary>
    public ImmutableArray<string> Assumptions { get; init; } = [];
}

/// <summary>A catalog chip the planner leaves out, and why; the rules are the policy rules that excluded it (none when something else did).</summary>
public sealed record Exclusion(string ChipId, string Reason)
{
    public ImmutableArray<string> Rules { get; init; } = [];
}

/// <summary>
/// The chips a plan may use and the ones left out, each with its reason. <see cref="Blocked"/> holds the chips that
/// only the policy excluded, as they would be planned, so that an infeasibility can say which rule removed a chip
/// that would have helped.
/// </summary>
public sealed record CandidateSet(ImmutableArray<Candidate> Candidates, ImmutableArray<Exclusion> Excluded)
{
    public ImmutableArray<Candidate> Blocked { get; init; } = [];
}

/// <summary>Builds the candidate set from the catalog, the planning tables and the policy context on the date.</summary>
public static class CandidateSets
{
    public static CandidateSet Build(
        AcceleratorCatalog catalog,
        PlanningData data,
        PolicyContext policy,
        IReadOnlyDictionary<string, long>? availability = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(policy);
        var candidates = ImmutableArray.CreateBuilder<Candidate>();
        var excluded = ImmutableArray.CreateBuilder<Exclusion>();
        var blocked = ImmutableArray.CreateBuilder<Candidate>();
        foreach (var chip in catalog.Accelerators)
        {
            var ruling = policy.RulingFor(chip.Id);
            var (candidate, reason) = Describe(chip, data, ruling, availability);
            if (candidate is null)
            {
                excluded.Add(new Exclusion(chip.Id, reason!));
            }
            else if (ruling.MayUse)
            {
                candidates.Add(candidate);
            }
            else
            {
                excluded.Add(new Exclusion(chip.Id, ruling.Reason) { Rules = ruling.Rules });
                blocked.Add(candidate);
            }
        }

        return new CandidateSet(candidates.ToImmutable(), excluded.ToImmutable()) { Blocked = blocked.ToImmutable() };
    }

    private static (Candidate? Candidate, string? Reason) Describe(
        Accelerator chip,
        PlanningData data,
        ImportRuling ruling,
        IReadOnlyDictionary<string, long>? availability)
    {
        if (chip.Market != Market.Datacenter)
        {
            return (null, "consumer or workstation part: the planner buys data-centre accelerators only");
        }

        var assumptions = new List<string>();
        double? bf16 = Rate(chip, OperandWidth.Bf16);
        if (bf16 is null && Rate(chip, OperandWidth.Fp16) is { } fp16)
        {
            bf16 = fp16;
            assumptions.Add("dense BF16 taken as the FP16 rate (BF16 rate not in the catalog)");
        }

        if (bf16 is null)
        {
            return (null, "dense BF16 and FP16 rates unknown");
        }

        var fp8 = Rate(chip, OperandWidth.Fp8);
        if (fp8 is null && chip.DenseRates.ContainsKey(OperandWidth.Fp8))
        {
            assumptions.Add("FP8 rate unknown: counted as zero toward an FP8 target");
        }

        var memory = chip.MemoryCapacity?.Value.Value;
        if (memory is null)
        {
            assumptions.Add("memory capacity unknown: counted as zero toward an HBM target");
        }

        var bandwidth = chip.MemoryBandwidth?.Value.Value;
        if (bandwidth is null)
        {
            assumptions.Add("memory bandwidth unknown: counted as zero toward a bandwidth target");
        }

        if (data.PriceOf(chip) is not { } priced)
        {
            return (null, "no price: add a row to data/planning/prices.yaml");
        }

        var (price, priceBasis) = priced;
        if (ruling.ChargesPerUnit != 0)
        {
            price = new UsDollars(price.Value + ruling.ChargesPerUnit);
            priceBasis += $" + {ruling.ChargesBasis}";
        }

        double watts;
        string powerBasis;
        if (data.SystemFor(chip.Id) is { } system)
        {
            watts = system.PowerPerChip.Value;
            powerBasis = $"{system.Name}: {Number(system.PowerKilowatts)} kW / {system.Chips} chips, all in";
        }
        else if (chip.ThermalDesignPower is { } tdp)
        {
            watts = tdp.Value.Value * (1 + data.Overhead.FractionOfTdp);
            powerBasis = $"TDP {Number(tdp.Value.Value)} W x (1 + {Number(data.Overhead.FractionOfTdp)} system overhead, from {data.Overhead.DerivedFrom})";
        }
        else
        {
            return (null, "power unknown: no TDP in the catalog and no reference system in data/planning/power.yaml");
        }

        long? maxUnits = availability is not null && availability.TryGetValue(chip.Id, out var units) ? units : null;
        var maxUnitsBasis = maxUnits is null ? null : "available";
        if (ruling.QuotaUnits is { } quota && (maxUnits is null || quota < maxUnits))
        {
            maxUnits = quota;
            maxUnitsBasis = ruling.QuotaBasis;
        }
        return (new Candidate
        {
            ChipId = chip.Id,
            Name = chip.Name,
            IsDomestic = ruling.IsDomestic,
            DenseBf16 = new TeraOpsPerSecond(bf16.Value),
            DenseFp8 = new TeraOpsPerSecond(fp8 ?? 0),
            Memory = new Gigabytes(memory ?? 0),
            MemoryBandwidth = new GigabytesPerSecond(bandwidth ?? 0),
            Price = price,
            SystemPower = new Watts(watts),
            MaxUnits = maxUnits,
            MaxUnitsBasis = maxUnitsBasis,
            Ruling = ruling.Reason,
            Conditions = ruling.Conditions,
            PolicyRules = ruling.Rules,
            PriceBasis = priceBasis,
            PowerBasis = powerBasis,
            Assumptions = [.. assumptions],
        }, null);
    }

    private static double? Rate(Accelerator chip, OperandWidth width) =>
        chip.DenseRates.TryGetValue(width, out var figure) && figure is not null ? figure.Value.Value : null;

    private static string Number(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);
}
