using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Clearance.Core.Catalog;
using Clearance.Core.Ledger;
using Clearance.Core.Policy;

namespace Clearance.Planning;

/// <summary>
/// Whether the buyer may take one chip on the date and why in one line, as the policy engine decided an order for it.
/// A usable chip carries the levies and duties it owes per unit (they raise its price), the other conditions of its
/// licence, and the units left in the import quota pool it draws on (null: no pool). An excluded chip names the rules
/// that excluded it. Domestic chips (designed in the destination country) are not imports.
/// </summary>
public sealed record ImportRuling(string ChipId, bool IsDomestic, bool MayUse, string Reason)
{
    /// <summary>The combined verdict of every pack on the date.</summary>
    public Verdict Verdict { get; init; }

    /// <summary>The rules that decided the verdict; for an excluded chip, the rules that excluded it.</summary>
    public ImmutableArray<string> Rules { get; init; } = [];

    /// <summary>Levies and duties due on one unit, in USD: the decision's obligation amounts.</summary>
    public decimal ChargesPerUnit { get; init; }

    /// <summary>What the charges are, such as "25% duty = 9,770.85 USD to US Customs and Border Protection (s232-duty-25)".</summary>
    public string? ChargesBasis { get; init; }

    /// <summary>The other obligations of the decision (testing, know-your-customer, certification, caps not in units).</summary>
    public ImmutableArray<LicenceCondition> Conditions { get; init; } = [];

    /// <summary>Units left in the import quota pool the chip draws on; null when it draws on none.</summary>
    public long? QuotaUnits { get; init; }

    /// <summary>Where <see cref="QuotaUnits"/> comes from: the ledger's pools or the pack's figure.</summary>
    public string? QuotaBasis { get; init; }
}

/// <summary>An obligation a usable chip comes with besides payment (kind such as third-party-testing), the rule that imposes it, and what it asks.</summary>
public sealed record LicenceCondition(string Kind, string RuleId, string Summary);

/// <summary>
/// What the policy side says for one buyer on one date: per chip whether it may be imported and why, the overall import
/// quota the buyer set itself (accelerator units; null when none) and the floor on the domestic share of units.
/// The planner takes this as input; <see cref="ImportPolicy.Derive"/> fills it from the policy engine.
/// </summary>
public sealed record PolicyContext(
    DateOnly AsOf,
    string Sector,
    ImmutableSortedDictionary<string, ImportRuling> Permissions,
    long? ImportQuotaUnits,
    double DomesticShareFloor,
    string DerivedBy)
{
    /// <summary>The buyer the orders were decided for (the customer and its ultimate parent).</summary>
    public string Buyer { get; init; } = "";

    public ImportRuling RulingFor(string chipId) =>
        Permissions.TryGetValue(chipId, out var permission)
            ? permission
            : new ImportRuling(chipId, IsDomestic: false, MayUse: false, "the policy context says nothing about this chip");
}

/// <summary>
/// The planner's policy context from the policy engine: for every catalog chip, one order for the buyer (its sector's
/// facts, the import route, one unit at the planning price) decided by <see cref="PolicyEvaluator.Evaluate"/> over the
/// policy packs on the date. Allowed, licence approval and case-by-case licences are usable; hold for review,
/// presumption of denial and prohibited exclude the chip. Quota pools come from the ledger when one is given, else
/// from the packs' volume-cap figures.
/// </summary>
public static class ImportPolicy
{
    /// <summary>The buyer's name when none is given: a buyer no measure names.</summary>
    public const string UnnamedBuyer = "unnamed buyer";

    public static PolicyContext Derive(
        PolicyLibrary library,
        PlanningData data,
        BuyerSector sector,
        string buyer,
        DateOnly asOf,
        long? importQuotaUnits,
        double domesticShareFloor,
        LedgerState? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sector);
        var rulings = library.Catalog.Accelerators.ToImmutableSortedDictionary(
            chip => chip.Id,
            chip => RulingFor(chip, library, data, sector, buyer, asOf, domesticShareFloor, ledger),
            StringComparer.Ordinal);
        var packs = string.Join(", ", library.Versions.Select(v => $"{v.Id}@{v.Version}"));
        var quota = ledger is null ? "quota pools at the packs' figures" : "quota pools from the ledger";
        return new PolicyContext(asOf, sector.Id, rulings, importQuotaUnits, domesticShareFloor, $"policy engine: {packs}; {quota}") { Buyer = buyer };
    }

    /// <summary>The order the planner has decided for one chip: one unit for the buyer, on the import route unless the chip is domestic.</summary>
    public static Order OrderFor(Accelerator chip, PlanningData data, BuyerSector sector, string buyer, DateOnly asOf, double domesticShareFloor)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sector);
        var route = data.Route;
        var domestic = IsDomestic(chip, route);
        return new Order
        {
            Id = "plan-" + chip.Id,
            OrderDate = asOf,
            Product = chip.Id,
            Quantity = 1,
            UnitValue = data.PriceOf(chip)?.Price.Value ?? 0,
            Destination = route.Destination,
            ExportOrigin = domestic ? route.Destination : route.ExportOrigin,
            UsEntry = !domestic && route.UsEntry,
            HtsCode = domestic ? null : route.HtsCode,
            Customer = new Core.Policy.Party(buyer, route.Destination),
            Sector = sector.OrderSector,
            EndUse = sector.EndUse,
            StateOwned = sector.StateOwned,
            CriticalInfrastructure = sector.CriticalInfrastructure,
            StateFundedProject = sector.StateFundedProject,
            ProjectCompletionPercent = sector.ProjectCompletionPercent,

            // The plan keeps at least this share of domestic units, so a pack's domestic-share test reads the floor.
            DomesticSharePercent = Math.Round(domesticShareFloor * 100, 4),
        };
    }

    public static bool IsDomestic(Accelerator chip, ImportRoute route)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(route);
        return string.Equals(chip.DesignCountry, route.Destination, StringComparison.OrdinalIgnoreCase);
    }

    public static ImportRuling RulingFor(
        Accelerator chip,
        PolicyLibrary library,
        PlanningData data,
        BuyerSector sector,
        string buyer,
        DateOnly asOf,
        double domesticShareFloor,
        LedgerState? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(data);
        var order = OrderFor(chip, data, sector, buyer, asOf, domesticShareFloor);
        var decision = PolicyEvaluator.Evaluate(order, asOf, library, explain: false);
        var domestic = IsDomestic(chip, data.Route);
        var mayUse = decision.Verdict is Verdict.Allowed or Verdict.LicenceApproval or Verdict.LicenceCaseByCase;
        var origin = domestic ? $"domestic (designed in {chip.DesignCountry})" : "imported";
        var binding = decision.Jurisdictions.Where(j => mayUse ? j.Verdict > Verdict.Allowed : j.Verdict >= Verdict.HoldForReview).ToList();
        var rules = binding.SelectMany(j => j.DecidedBy).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var because = binding.Count == 0
            ? "allowed by every pack in force"
            : string.Join("; ", binding.Select(j => $"{j.Jurisdiction} {j.Verdict.Key()} by {string.Join(", ", j.DecidedBy.Select(id => Label(decision, id)))}"));
        if (!mayUse)
        {
            return new ImportRuling(chip.Id, domestic, false, $"{origin}, excluded: {decision.Verdict.Describe()} — {because}") { Verdict = decision.Verdict, Rules = rules };
        }

        var charges = decision.Obligations.Where(o => o.Obligation.Kind is ObligationKind.Levy or ObligationKind.Duty).ToList();
        var conditions = decision.Obligations
            .Where(o => o.Obligation.Kind is not (ObligationKind.Levy or ObligationKind.Duty) && !IsPool(o))
            .Select(o => new LicenceCondition(JsonNamingPolicy.KebabCaseLower.ConvertName(o.Obligation.Kind.ToString()), o.Rule.Id, o.Summary))
            .ToImmutableArray();
        var (quota, quotaBasis) = Quota(chip, library.Catalog, decision, data.Route, buyer, asOf, ledger);
        return new ImportRuling(chip.Id, domestic, true, binding.Count == 0 ? $"{origin}: {because}" : $"{origin}: {decision.Verdict.Describe()} — {because}")
        {
            Verdict = decision.Verdict,
            Rules = rules,
            ChargesPerUnit = charges.Sum(o => o.Amount ?? 0),
            ChargesBasis = charges.Count == 0 ? null : string.Join(" + ", charges.Select(o => o.Amount is null ? $"{o.Obligation.RatePercent}% {Kind(o)} of an unknown base ({o.Rule.Id})" : $"{o.Summary} ({o.Rule.Id})")),
            Conditions = conditions,
            QuotaUnits = quota,
            QuotaBasis = quotaBasis,
        };
    }

    private static string Label(Decision decision, string ruleId) =>
        decision.Rules.Any(r => r.Rule.Id == ruleId && r.Status == RuleStatus.Undetermined) ? $"{ruleId} (undetermined: facts unknown)" : ruleId;

    private static string Kind(ObligationDue due) => due.Obligation.Kind.ToString().ToLowerInvariant();

    private static bool IsPool(ObligationDue due) => due.Obligation is { Kind: ObligationKind.VolumeCap, Pool: not null, Limit: not null };

    /// <summary>
    /// The units left for the buyer in the pools the chip draws on. With a ledger: its open pools for the product into
    /// the destination on the date that name the buyer (none naming the buyer, or none at all while a pack names a pool:
    /// 0 units). Without one: the pack's figure for the whole pool.
    /// </summary>
    private static (long? Units, string? Basis) Quota(Accelerator chip, AcceleratorCatalog catalog, Decision decision, ImportRoute route, string buyer, DateOnly asOf, LedgerState? ledger)
    {
        var named = decision.Obligations.Where(IsPool).ToList();
        if (ledger is null)
        {
            if (named.Count == 0)
            {
                return (null, null);
            }

            var pool = named.MinBy(o => o.Obligation.Limit!.Value)!;
            return ((long)pool.Obligation.Limit!.Value, $"pool {pool.Obligation.Pool}: {pool.Obligation.Limit.Value.ToString("#,0", CultureInfo.InvariantCulture)} {pool.Obligation.Unit} ({pool.Rule.Id}; the pack's figure for the whole pool, not what is left)");
        }

        var pools = ledger.QuotaPools.Values
            .Where(p => p.IsValidOn(asOf)
                && string.Equals(p.Opening.Jurisdiction, route.Destination, StringComparison.OrdinalIgnoreCase)
                && IsProduct(p.Opening.Product, chip, catalog))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        if (pools.Count == 0)
        {
            return named.Count == 0
                ? (null, null)
                : (0, $"the ledger has no quota pool open for {chip.Id} into {route.Destination} on {asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; {named[0].Rule.Id} draws on pool {named[0].Obligation.Pool}");
        }

        var mine = pools.Where(p => p.Opening.Buyers.Any(b => Names(ledger, b, buyer))).ToList();
        if (mine.Count == 0)
        {
            return (0, $"the ledger's quota pools for {chip.Id} ({string.Join(", ", pools.Select(p => p.Id))}) do not name {buyer}");
        }

        var left = Math.Max(0, mine.Sum(p => p.AvailableUnits));
        return (left, $"ledger quota pool {string.Join(", ", mine.Select(p => $"{p.Id}: {Math.Max(0, p.AvailableUnits):N0} of {p.Opening.TotalUnits:N0} units left"))}");
    }

    /// <summary>True when a ledger product names the chip: its id or alias, or vendor-alias ("nvidia-h200" for the H200 SXM).</summary>
    private static bool IsProduct(string product, Accelerator chip, AcceleratorCatalog catalog)
    {
        if (catalog.Find(product) is { } found)
        {
            return found.Id == chip.Id;
        }

        var prefix = chip.Vendor + "-";
        return product.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && catalog.Find(product[prefix.Length..])?.Id == chip.Id;
    }

    /// <summary>True when a pool's buyer (a ledger party id) is the buyer, by id or by the party's name.</summary>
    private static bool Names(LedgerState ledger, string partyId, string buyer) =>
        string.Equals(partyId, buyer, StringComparison.OrdinalIgnoreCase)
        || (ledger.Parties.TryGetValue(partyId, out var party) && string.Equals(party.Request.Name, buyer, StringComparison.OrdinalIgnoreCase));
}
