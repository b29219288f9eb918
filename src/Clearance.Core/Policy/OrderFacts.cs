using System.Collections.Immutable;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Expressions;

namespace Clearance.Core.Policy;

/// <summary>
/// What the classification rule sets say about one chip in one regime: its figures and the designations it receives.
/// Computed once per (chip, regime) and shared by every order for that chip in that regime.
/// </summary>
public sealed record ChipProfile(
    Accelerator Accelerator,
    PerformanceFigures Figures,
    DesignationSet Designations,
    ImmutableArray<string> Regimes)
{
    public IReadOnlySet<string> UndeterminedDesignations => Designations.Undetermined;

    /// <summary>TPP as a plain number (unknown: null), read once so that conditions need no unwrapping.</summary>
    public double? Tpp { get; } = Figures.Tpp?.Value;

    /// <summary>TPP per mm² of applicable die area (unknown: null).</summary>
    public double? PerformanceDensity { get; } = Figures.PerformanceDensity?.Value;

    /// <summary>DRAM bandwidth in GB/s (unknown: null).</summary>
    public double? MemoryBandwidthGbps { get; } = Accelerator.MemoryBandwidth?.Value.Value;

    public static ChipProfile Classify(Accelerator accelerator, DateOnly asOf, IEnumerable<ClassificationRuleSet> ruleSets)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        var classifications = ruleSets.Select(set => Classifier.Classify(accelerator, asOf, set)).ToList();
        return new ChipProfile(
            accelerator,
            PerformanceFigures.Of(accelerator),
            new DesignationSet(
                classifications.SelectMany(c => c.Designations).Select(d => d.Rule.Designation),
                classifications.SelectMany(c => c.Undetermined).Select(d => d.Rule.Designation)),
            [.. classifications.Select(c => c.Regime.Label)]);
    }
}

/// <summary>
/// A chip's designations: those it surely receives, and those that depend on figures the catalog does not know.
/// Asking for an undetermined designation gives "unknown", so a rule never treats a missing figure as a "no".
/// </summary>
public sealed class DesignationSet : IUncertainTextSet
{
    // A chip has a handful of designations: array scans that reject on length first beat case-insensitive hashing.
    private readonly TextSet _certain;

    public DesignationSet(IEnumerable<string> certain, IEnumerable<string> undetermined)
    {
        _certain = new TextSet([.. certain]);
        Undetermined = new TextSet([.. undetermined.Where(d => !_certain.Contains(d))]);
    }

    public IReadOnlySet<string> Undetermined { get; }

    public int Count => _certain.Count;

    public bool? Has(string item) => _certain.Contains(item) ? true : Undetermined.Contains(item) ? null : false;

    public bool Contains(string item) => _certain.Contains(item);

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_certain).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<string> other) => _certain.IsProperSubsetOf(other);


    public bool IsProperSupersetOf(IEnumerable<string> other) => _certain.IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => _certain.IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => _certain.IsSupersetOf(other);

    public bool Overlaps(IEnumerable<string> other) => _certain.Overlaps(other);

    public bool SetEquals(IEnumerable<string> other) => _certain.SetEquals(other);
}

/// <summary>
/// The facts a policy rule's condition can name: one order, the profile of its chip, and the evaluation date.
/// <see cref="Schema"/> lists them; docs/policy-packs.md documents them for pack authors.
/// </summary>
public sealed class OrderFacts
{
    private TextSet? _partyCountries;
    private TextSet? _partyHeadquarters;
    private TextSet? _listHits;

    private static readonly Order NoOrder = new()
    {
        Id = "",
        OrderDate = default,
        Product = "",
        Quantity = 0,
        UnitValue = 0,
        Destination = "",
        Customer = new Party("", ""),
    };

    public OrderFacts(Order order, ChipProfile chip, DateOnly asOf)
    {
        Order = order;
        Chip = chip;
        AsOf = asOf;
    }

    private OrderFacts(ChipProfile chip)
    {
        Order = NoOrder;
        Chip = chip;
        ChipOnly = true;
    }

    /// <summary>
    /// True for the facts of a chip with every order fact unknown. Three-valued logic is monotone (learning a fact never
    /// turns true into false or false into true), so a condition that is false here is false for every order of the chip.
    /// </summary>
    public bool ChipOnly { get; }

    public Order Order { get; }

    public ChipProfile Chip { get; }

    public DateOnly AsOf { get; }

    /// <summary>Countries of the customer, consignee and end user.</summary>
    public IReadOnlySet<string> PartyCountries => _partyCountries ??= new TextSet(
        Order.Consignee is null && Order.EndUser is null ? [Order.Customer.Country]
        : [Order.Customer.Country, Order.Consignee?.Country ?? Order.Customer.Country, Order.EndUser?.Country ?? Order.Customer.Country]);

    /// <summary>Headquarters and ultimate-parent countries of every party (§744.23(a)(3) looks at both).</summary>
    public IReadOnlySet<string> PartyHeadquarters => _partyHeadquarters ??= new TextSet(
        Order.Consignee is null && Order.EndUser is null ? [Order.Customer.EffectiveHeadquartersCountry, Order.Customer.EffectiveUltimateParentCountry]
        :
        [
            Order.Customer.EffectiveHeadquartersCountry, Order.Customer.EffectiveUltimateParentCountry,
            (Order.Consignee ?? Order.Customer).EffectiveHeadquartersCountry, (Order.Consignee ?? Order.Customer).EffectiveUltimateParentCountry,
            (Order.EndUser ?? Order.Customer).EffectiveHeadquartersCountry, (Order.EndUser ?? Order.Customer).EffectiveUltimateParentCountry,
        ]);

    public IReadOnlySet<string> ListHits => _listHits ??= Order.ListHits.IsDefaultOrEmpty ? TextSet.Empty : new TextSet(Order.ListHits.ToArray());

    /// <summary>The chip's facts with every order fact unknown; see <see cref="ChipOnly"/>.</summary>
    public static OrderFacts ForChipOnly(ChipProfile chip) => new(chip);

    /// <summary>The facts of policy conditions. Pack parameters are added per pack as further facts.</summary>
    public static FactSchema<OrderFacts> Schema { get; } = new FactSchema<OrderFacts>()
        .Text("product", f => f.Chip.Accelerator.Id, "the catalog id of the chip ordered")
        .Text("vendor", f => f.Chip.Accelerator.Vendor, "the chip's vendor")
        .Text("architecture", f => f.Chip.Accelerator.Architecture, "the chip's architecture (Hopper, Blackwell, ...)")
        .Text("design_country", f => f.Chip.Accelerator.DesignCountry, "ISO code of the country where the chip is designed")
        .Boolean("datacenter", f => f.Chip.Accelerator.Market == Market.Datacenter, "true when the chip is designed or marketed for data centres")
        .TextSet("designations", f => f.Chip.Designations, "the chip's classification designations on the evaluation date (3A090.a, Sec. 232 duty window 1, ...)")
        .Number("tpp", f => f.Chip.Tpp, "Total Processing Performance", "TPP")
        .Number("performance_density", f => f.Chip.PerformanceDensity, "TPP ÷ applicable die area", "TPP/mm²")
        .Number("memory_bandwidth_gbps", f => f.Chip.MemoryBandwidthGbps, "DRAM bandwidth", "GB/s")
        .Number("quantity", f => f.ChipOnly ? null : (double?)f.Order.Quantity, "units ordered", "units")
        .Number("unit_value", f => f.ChipOnly ? null : (double?)(double)f.Order.UnitValue, "value of one unit in the order's currency", "currency")
        .Number("total_value", f => f.ChipOnly ? null : (double?)(double)f.Order.TotalValue, "quantity × unit value in the order's currency", "currency")
        .Text("currency", f => f.ChipOnly ? null : f.Order.Currency, "ISO 4217 code of the order's amounts")
        .Text("destination", f => f.ChipOnly ? null : f.Order.Destination, "ISO code of the country of final destination")
        .Text("export_origin", f => f.ChipOnly ? null : f.Order.ExportOrigin, "ISO code of the country the goods are exported from (US = export from the United States)")
        .Boolean("us_entry", f => f.ChipOnly ? null : f.Order.UsEntry, "true when the goods are entered into US customs territory for this transaction")
        .Text("hts_code", f => f.ChipOnly ? null : f.Order.HtsCode, "Harmonized Tariff Schedule code as entered (8471.80, ...)")
        .Text("customer", f => f.ChipOnly ? null : f.Order.Customer.Name, "the customer's name")
        .Text("customer_parent", f => f.ChipOnly ? null : f.Order.Customer.UltimateParent ?? f.Order.Customer.Name, "the customer's ultimate parent (defaults to the customer)")
        .Text("customer_country", f => f.ChipOnly ? null : f.Order.Customer.Country, "ISO code of the customer's country")
        .Text("consignee_country", f => f.ChipOnly || f.Order.Consignee == null ? null : f.Order.Consignee.Country, "ISO code of the consignee's country")
        .Text("end_user_country", f => f.ChipOnly || f.Order.EndUser == null ? null : f.Order.EndUser.Country, "ISO code of the end user's country")
        .TextSet("party_countries", f => f.ChipOnly ? null : f.PartyCountries, "countries of the customer, consignee and end user")
        .TextSet("party_headquarters", f => f.ChipOnly ? null : f.PartyHeadquarters, "headquarters and ultimate-parent countries of every party")
        .TextSet("list_hits", f => f.ChipOnly ? null : f.ListHits, "screening-list hits on any party (entity-list, meu, ...)")
        .Text("sector", f => f.ChipOnly ? null : f.Order.Sector, "the end user's sector (internet, cloud, research, government, military, telecom, ...)")
        .Text("end_use", f => f.ChipOnly ? null : f.Order.EndUse, "the declared end use (datacenter, training, inference, research, military, repair, ...)")
        .Boolean("state_owned", f => f.ChipOnly ? null : f.Order.StateOwned, "true when the buyer or end user is state-owned")
        .Boolean("critical_infrastructure", f => f.ChipOnly ? null : f.Order.CriticalInfrastructure, "true when the end user operates critical infrastructure")
        .Boolean("state_funded_project", f => f.ChipOnly ? null : f.Order.StateFundedProject, "true when the chips go into a state-funded data-centre project")
        .Number("project_completion_percent", f => f.ChipOnly ? null : f.Order.ProjectCompletionPercent, "completion of the receiving data-centre project", "%")
        .Number("domestic_share_percent", f => f.ChipOnly ? null : f.Order.DomesticSharePercent, "the buyer's share of domestic chips in its accelerator purchases", "%")
        .Date("order_date", f => f.ChipOnly ? null : (DateOnly?)f.Order.OrderDate, "the date the order was placed")
        .Date("as_of", f => f.ChipOnly ? null : (DateOnly?)f.AsOf, "the date the decision is made under");
}
