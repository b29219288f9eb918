using System.Collections.Immutable;
using System.Globalization;
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

/// <summary>
/// A kind of buyer the planner decides for, as the order facts the policy packs read (sector, end use, state ownership,
/// critical infrastructure, a state-funded project and how complete it is). Whether it may import a chip is the policy
/// engine's answer for an order with these facts.
/// </summary>
public sealed record BuyerSector(
    string Id,
    string Title,
    string OrderSector,
    string EndUse,
    bool StateOwned,
    bool CriticalInfrastructure,
    bool StateFundedProject,
    double? ProjectCompletionPercent,
    Confidence Confidence,
    string? Notes,
    ImmutableArray<Citation> Citations,
    SourceLocation DefinedAt);

/// <summary>
/// How an imported chip reaches the buyer, as order facts: the destination country, the country it is exported from,
/// whether it is entered into US customs on the way (Section 232) and the tariff heading it is entered under.
/// A chip designed in the destination country is domestic and takes none of this route.
/// </summary>
public sealed record ImportRoute(
    string Destination,
    string ExportOrigin,
    bool UsEntry,
    string HtsCode,
    Confidence Confidence,
    string? Notes,
    ImmutableArray<Citation> Citations,
    SourceLocation DefinedAt);

/// <summary>The planner's tables (data/planning): prices, reference systems and power overhead, buyer sectors, the import route.</summary>
public sealed record PlanningData(
    ImmutableSortedDictionary<string, PriceQuote> Prices,
    ImmutableArray<ReferenceSystem> Systems,
    DefaultOverhead Overhead,
    ImmutableArray<BuyerSector> Sectors,
    ImportRoute Route)
{
    public BuyerSector? Sector(string id) => Sectors.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The price the planner pays for a chip and where it comes from: data/planning/prices.yaml, else the catalog's list price; null when neither.</summary>
    public (UsDollars Price, string Basis)? PriceOf(Accelerator chip)
    {
        ArgumentNullException.ThrowIfNull(chip);
        if (Prices.TryGetValue(chip.Id, out var quote))
        {
            return (quote.PerChip, $"{quote.Basis} ({quote.ObservedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {quote.Confidence.ToString().ToLowerInvariant()})");
        }

        return chip.ListPrice is { } list ? (list.Value, "catalog list_price_usd" + (list.Note is null ? "" : $" ({list.Note})")) : null;
    }

    public ReferenceSystem? SystemFor(string chipId) => Systems.FirstOrDefault(s => s.ChipId == chipId);
}
