using System.Collections.Immutable;
using Clearance.Core.Parsing;
using Clearance.Core.Units;

namespace Clearance.Core.Catalog;

/// <summary>How a chip is designed or marketed; the Commerce Control List treats data-centre parts more strictly.</summary>
public enum Market
{
    Datacenter,
    Consumer,
}

/// <summary>How much trust a figure deserves, from the tag its source carries.</summary>
public enum Confidence
{
    /// <summary>Regulator text.</summary>
    Official,

    /// <summary>The vendor's own datasheet.</summary>
    Datasheet,

    /// <summary>Law-firm, trade or news press.</summary>
    Press,

    /// <summary>A curated data set (Epoch AI).</summary>
    Dataset,

    /// <summary>Derived here from other cited figures.</summary>
    Calculated,

    /// <summary>Claimed, conflicting or not verified.</summary>
    Unverified,
}

/// <summary>Where a figure comes from.</summary>
public sealed record Source(string Key, string Title, Uri? Url);

/// <summary>A known figure with its source. An unknown figure is represented by the absence of a Figure, never by zero.</summary>
public sealed record Figure<T>(T Value, string SourceKey, Confidence Confidence, string? Note = null)
    where T : struct;

/// <summary>One accelerator as the catalog describes it; every figure carries its source and unknowns stay unknown.</summary>
public sealed record Accelerator
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public ImmutableArray<string> Aliases { get; init; } = [];

    public required string Vendor { get; init; }

    public string? Architecture { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code of the country where the chip is designed.</summary>
    public required string DesignCountry { get; init; }

    public DateOnly? ReleaseDate { get; init; }

    public required Market Market { get; init; }

    /// <summary>Dense peak rates by operand width. A width that is absent does not exist on the chip; a null figure exists but is unknown.</summary>
    public ImmutableSortedDictionary<OperandWidth, Figure<TeraOpsPerSecond>?> DenseRates { get; init; } =
        ImmutableSortedDictionary<OperandWidth, Figure<TeraOpsPerSecond>?>.Empty;

    public Figure<Gigabytes>? MemoryCapacity { get; init; }

    public string? MemoryType { get; init; }

    /// <summary>DRAM bandwidth.</summary>
    public Figure<GigabytesPerSecond>? MemoryBandwidth { get; init; }

    /// <summary>Aggregate bidirectional chip-to-chip input/output bandwidth.</summary>
    public Figure<GigabytesPerSecond>? InterconnectBandwidth { get; init; }

    public Figure<int>? DieCount { get; init; }

    /// <summary>Applicable die area: the sum over all compute dies.</summary>
    public Figure<SquareMillimetres>? DieArea { get; init; }

    public Figure<Watts>? ThermalDesignPower { get; init; }

    public Figure<UsDollars>? ListPrice { get; init; }

    public string? Notes { get; init; }

    /// <summary>Where the entry was read from, for messages and provenance.</summary>
    public SourceLocation DefinedAt { get; init; }

    /// <summary>True when the chip is designed in the People's Republic of China (a "domestic" accelerator there).</summary>
    public bool IsChineseDesign => DesignCountry == "CN";

    /// <summary>True when the chip uses high-bandwidth memory stacks.</summary>
    public bool HasHighBandwidthMemory => MemoryType?.StartsWith("HBM", StringComparison.OrdinalIgnoreCase) == true;
}
