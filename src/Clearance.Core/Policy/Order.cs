using System.Collections.Immutable;
using Clearance.Core.Parsing;

namespace Clearance.Core.Policy;

/// <summary>
/// A party to an order. Countries are ISO 3166-1 alpha-2 codes. The headquarters country defaults to the party's
/// country and the ultimate parent's country to the headquarters country, so an order never loses a party's nexus.
/// </summary>
public sealed record Party(string Name, string Country, string? HeadquartersCountry = null, string? UltimateParent = null, string? UltimateParentCountry = null)
{
    public string EffectiveHeadquartersCountry => HeadquartersCountry ?? Country;

    public string EffectiveUltimateParentCountry => UltimateParentCountry ?? EffectiveHeadquartersCountry;
}

/// <summary>
/// One order line to decide: which chip, how many, at what value, from where to whom, for what use.
/// Every optional fact may be unknown (null); conditions that need it then come out undetermined, never false.
/// </summary>
public sealed record Order
{
    public required string Id { get; init; }

    public required DateOnly OrderDate { get; init; }

    /// <summary>The catalog id of the accelerator ordered.</summary>
    public required string Product { get; init; }

    public required int Quantity { get; init; }

    /// <summary>The value of one unit in <see cref="Currency"/>.</summary>
    public required decimal UnitValue { get; init; }

    /// <summary>ISO 4217 code of the order's money amounts.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>The country of final destination.</summary>
    public required string Destination { get; init; }

    /// <summary>The country the goods are exported from: "US" for an export from the United States, else a reexport or export from abroad.</summary>
    public string? ExportOrigin { get; init; }

    /// <summary>True when the goods are entered into US customs territory for this transaction (Section 232 duty applies on entry).</summary>
    public bool? UsEntry { get; init; }

    /// <summary>Harmonized Tariff Schedule code of the goods as entered, such as 8471.80.</summary>
    public string? HtsCode { get; init; }

    public required Party Customer { get; init; }

    public Party? Consignee { get; init; }

    public Party? EndUser { get; init; }

    /// <summary>The end user's sector, such as internet, cloud, research, government, military, telecom.</summary>
    public string? Sector { get; init; }

    /// <summary>The declared end use, such as datacenter, training, inference, research, military, government, repair.</summary>
    public string? EndUse { get; init; }

    public bool? StateOwned { get; init; }

    public bool? CriticalInfrastructure { get; init; }

    /// <summary>True when the chips go into a state-funded data-centre project (China, November 2025 rule).</summary>
    public bool? StateFundedProject { get; init; }

    /// <summary>How complete the receiving data-centre project is, in percent.</summary>
    public double? ProjectCompletionPercent { get; init; }

    /// <summary>The buyer's share of domestically designed chips in its accelerator purchases, in percent.</summary>
    public double? DomesticSharePercent { get; init; }

    /// <summary>Screening-list hits on any party, such as entity-list or meu.</summary>
    public ImmutableArray<string> ListHits { get; init; } = [];

    /// <summary>Where the order was read from, for messages.</summary>
    public SourceLocation DefinedAt { get; init; }

    public decimal TotalValue => UnitValue * Quantity;

    /// <summary>The parties present, customer first.</summary>
    public IEnumerable<Party> Parties
    {
        get
        {
            yield return Customer;
            if (Consignee is not null)
            {
                yield return Consignee;
            }

            if (EndUser is not null)
            {
                yield return EndUser;
            }
        }
    }
}
