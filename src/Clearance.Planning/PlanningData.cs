using System.Collections.Immutable;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;
using Clearance.Core.Units;

namespace Clearance.Planning;

/// <summary>The purchase price the planner uses for one chip, with when and how it was observed.</summary>
public sealed record PriceQuote(
    string ChipId,
    UsDollars PerChip,
    DateOnly ObservedOn,
    string Basis,
    Confidence Confidence,
    ImmutableArray<Citation> Citations,
    SourceLocation DefinedAt);

/// <summary>
/// A published rack- or pod-scale system (CloudMatrix 384, GB200 NVL72): its chip count, compute and power give
/// the all-in power per chip that a buyer of that chip pays for.
/// </summary>
public sealed record ReferenceSystem(
    string Id,
    string Name,
    string ChipId,
    int Chips,
    double DenseBf16Petaflops,
    double PowerKilowatts,
    Confidence Confidence,
    string? Notes,
    ImmutableArray<Citation> Citations,
    SourceLocation DefinedAt)
{
    /// <summary>System power divided by chip count: chip TDP plus its share of hosts, switches, optics and cooling.</summary>
    public Watts PowerPerChip => new(PowerKilowatts * 1000 / Chips);
}

/// <summary>The system share of power for a chip without a reference system, as a fraction of its TDP.</summary>
public sealed record DefaultOverhead(double FractionOfTdp, string DerivedFrom, Confidence Confidence, string? Notes, SourceLocation DefinedAt);

/// <summary>A buyer's sector and, where one applies, the day from which it may use domestic accelerators only.</summary>
public sealed record SectorRule(
    string Id,
    string Title,
    DateOnly? DomesticOnlyFrom,
    Confidence Confidence,
    string? Notes,
    ImmutableArray<Citation> Citations,
    SourceLocation DefinedAt)
{
    public bool IsDomesticOnlyOn(DateOnly date) => DomesticOnlyFrom is { } from && date >= from;
}

/// <summary>A duty on imported chips that carry a classification designation (a Section 232 window), as a percentage of price.</summary>
public sealed record DutyRule(
    string Designation,
    decimal RatePercent,
    Confidence Confidence,
    string? Notes,
    ImmutableArray<Citation> Citations,
    SourceLocation DefinedAt);

/// <summary>The planner's tables (data/planning): prices, reference systems and power overhead, sector rules, duties.</summary>
public sealed record PlanningData(
    ImmutableSortedDictionary<string, PriceQuote> Prices,
    ImmutableArray<ReferenceSystem> Systems,
    DefaultOverhead Overhead,
    ImmutableArray<SectorRule> Sectors,
    ImmutableArray<DutyRule> Duties)
{
    public SectorRule? Sector(string id) => Sectors.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    public ReferenceSystem? SystemFor(string chipId) => Systems.FirstOrDefault(s => s.ChipId == chipId);
}
