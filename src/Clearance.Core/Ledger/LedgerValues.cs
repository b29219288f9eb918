using System.Collections.Immutable;
using System.Globalization;
using Clearance.Core.Policy;
using Clearance.Core.Screening;

namespace Clearance.Core.Ledger;

/// <summary>What a party is to a shipment.</summary>
public enum PartyRole
{
    Customer,
    Consignee,
    EndUser,
}

/// <summary>Where a party stands in the approved-customer workflow.</summary>
public enum PartyStatus
{
    Requested,
    Screened,
    Approved,
    Rejected,
    Suspended,
}

/// <summary>Whether a payment is a levy on exports (the 15% and 25% arrangements) or a customs duty.</summary>
public enum LevyKind
{
    Levy,
    Duty,
}

/// <summary>
/// The result of screening one party as the ledger keeps it: hit or no hit, the list set version screened against,
/// a one-line detail, and — when it came from a real screening (<see cref="From"/>) — every hit with its list entry
/// id and score and the settings used, so an auditor can replay it. Outcomes recorded by hand have no hits listed.
/// </summary>
public sealed record ScreeningOutcome(bool Hit, string ListVersion, string Detail)
{
    /// <summary>The hits behind the outcome, best first; empty when there was none or the outcome was recorded by hand.</summary>
    public ImmutableArray<ScreenedHit> Hits { get; init; } = [];

    /// <summary>The screening settings (<see cref="ScreeningOptions.Describe"/>), or null for an outcome recorded by hand.</summary>
    public string? Options { get; init; }

    /// <summary>The ledger's record of a screening result: its list set version, settings and every hit.</summary>
    public static ScreeningOutcome From(ScreeningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var hits = result.Hits.Select(h => new ScreenedHit(h.EntryId, h.Source, h.ListedName, h.MatchedName, h.Score)).ToImmutableArray();
        var detail = hits.IsEmpty
            ? $"no hit for '{result.Party.Name}'"
            : string.Join("; ", hits.Take(3).Select(h => h.ToString())) + (hits.Length > 3 ? $"; {hits.Length - 3} more" : "");
        return new ScreeningOutcome(result.IsHit, result.ListSetVersion, Clip(detail)) { Hits = hits, Options = result.Options };
    }

    private static string Clip(string text) => text.Length <= TradeLedger.MaxTextLength ? text : text[..(TradeLedger.MaxTextLength - 3)] + "...";
}

/// <summary>One hit of a screening as the ledger keeps it: the list entry (id and source), its names and the score.</summary>
public sealed record ScreenedHit(string EntryId, string Source, string ListedName, string MatchedName, double Score)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ListedName} ({Source} {EntryId}, score {Score:0.000})");
}

/// <summary>A policy pack and the version of it a decision used, with the SHA-256 of its text when known.</summary>
public sealed record PackVersionRef(string Pack, string Version)
{
    public string? Sha256 { get; init; }
}

/// <summary>
/// A levy or duty an order's decision imposes, as a percentage of each shipment's customs value; <see cref="Source"/>
/// names the pack version and rule it comes from.
/// </summary>
public sealed record LevyObligation(LevyKind Kind, string Payee, decimal RatePercent, string Source);

/// <summary>One jurisdiction's verdict on an order and the rules that decided it (comma-separated ids).</summary>
public sealed record JurisdictionVerdictRef(string Jurisdiction, string Verdict, string DecidedBy);

/// <summary>An obligation of a decision as the ledger keeps it: kind, what it asks, the rate and amount for levies and duties, and its rule.</summary>
public sealed record ObligationRef(string Kind, string Description, decimal? RatePercent, decimal? Amount, string Currency, string? Payee, string Pack, string Rule);

/// <summary>
/// The decision on an order as the ledger records it: the combined verdict, the pack versions used and the levies and
/// duties shipments accrue. A decision made by the policy engine (<see cref="From"/>) also keeps the verdict of each
/// jurisdiction, every obligation with its amount, and the product and destination decided, which shipments under
/// the order must match. Decisions recorded by hand have only the first five.
/// </summary>
public sealed record OrderDecision(string OrderId, string Verdict, DateOnly AsOf, ImmutableArray<PackVersionRef> Packs, ImmutableArray<LevyObligation> Levies)
{
    /// <summary>Verdict keys under which nothing may ship.</summary>
    public static readonly ImmutableArray<string> Blocking = ["prohibited", "hold-for-review", "licence-required/presumption-of-denial"];

    public ImmutableArray<JurisdictionVerdictRef> Jurisdictions { get; init; } = [];

    public ImmutableArray<ObligationRef> Obligations { get; init; } = [];

    /// <summary>The catalog id of the product decided, or null for a decision recorded by hand.</summary>
    public string? Product { get; init; }

    /// <summary>The destination decided, or null for a decision recorded by hand.</summary>
    public string? Destination { get; init; }

    public bool RequiresLicence => Verdict.StartsWith("licence-required", StringComparison.Ordinal);

    public bool BlocksShipment => Blocking.Contains(Verdict);

    /// <summary>
    /// The ledger's record of a policy decision: its verdicts, the exact pack versions, every obligation, and the levies
    /// and duties (kind, payee, rate) that shipments under the order accrue on their customs value.
    /// </summary>
    public static OrderDecision From(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var levies = decision.Obligations
            .Where(o => o.Obligation.Kind is ObligationKind.Levy or ObligationKind.Duty && o.Obligation.RatePercent is not null)
            .Select(o => new LevyObligation(
                o.Obligation.Kind == ObligationKind.Duty ? LevyKind.Duty : LevyKind.Levy,
                o.Obligation.Payee ?? o.Pack.Title,
                o.Obligation.RatePercent!.Value,
                $"{o.Pack.Id}@{o.Pack.Version} {o.Rule.Id}" + (o.Rule.Citations.IsEmpty ? "" : $" ({string.Join("; ", o.Rule.Citations.Select(c => c.Reference))})")))
            .ToImmutableArray();
        return new OrderDecision(
            decision.Order.Id,
            decision.Verdict.Key(),
            decision.AsOf,
            [.. decision.Packs.Select(p => new PackVersionRef(p.Id, p.Version) { Sha256 = p.Sha256 })],
            levies)
        {
            Jurisdictions = [.. decision.Jurisdictions.Select(j => new JurisdictionVerdictRef(j.Jurisdiction, j.Verdict.Key(), string.Join(", ", j.DecidedBy)))],
            Obligations = [.. decision.Obligations.Select(o => new ObligationRef(
                Kebab(o.Obligation.Kind), o.Obligation.Description, o.Obligation.RatePercent, o.Amount, o.Currency, o.Obligation.Payee, $"{o.Pack.Id}@{o.Pack.Version}", o.Rule.Id))],
            Product = decision.Order.Product,
            Destination = decision.Order.Destination,
        };
    }

    /// <summary>"volume-cap" for VolumeCap: the spelling of obligation kinds in policy packs.</summary>
    private static string Kebab(ObligationKind kind) =>
        string.Concat(kind.ToString().Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

    /// <summary>Same content, element by element (records compare arrays by reference).</summary>
    public bool SameAs(OrderDecision other) =>
        OrderId == other.OrderId && Verdict == other.Verdict && AsOf == other.AsOf &&
        Packs.SequenceEqual(other.Packs) && Levies.SequenceEqual(other.Levies) &&
        Jurisdictions.SequenceEqual(other.Jurisdictions) && Obligations.SequenceEqual(other.Obligations) &&
        Product == other.Product && Destination == other.Destination;
}

/// <summary>
/// One shipment as requested: its idempotency key, order, parties, destination, product, units and customs value.
/// Recording the same key twice applies it once; the same key with other content is refused.
/// </summary>
public sealed record ShipmentPlan(
    string Key,
    string OrderId,
    string ConsigneeId,
    string EndUserId,
    string Destination,
    string Product,
    long Units,
    decimal ValueUsd,
    string? LicenceNumber,
    DateOnly Date);

/// <summary>A calendar quarter, written 2026-Q1: the period a remittance statement covers.</summary>
public readonly record struct RemittancePeriod(int Year, int Quarter)
{
    public static RemittancePeriod Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    public DateOnly First => new(Year, ((Quarter - 1) * 3) + 1, 1);

    public DateOnly Last => First.AddMonths(3).AddDays(-1);

    public static RemittancePeriod? Parse(string? text)
    {
        if (text is { Length: 7 } && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q') &&
            int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) &&
            year >= 1 && text[6] is >= '1' and <= '4')
        {
            return new RemittancePeriod(year, text[6] - '0');
        }

        return null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-Q{Quarter}");
}
