using System.Collections.Immutable;
using System.Globalization;

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
/// The result of screening one party, as the ledger needs it: hit or no hit, and the list version screened against.
/// The screening feature (issue 4) produces the full hits; this is the smallest record the ledger keeps of them.
/// </summary>
public sealed record ScreeningOutcome(bool Hit, string ListVersion, string Detail)
{
    /// <summary>The entries found, with their evidence, for the review queue (<see cref="ScreeningReviews"/>); empty when not itemised.</summary>
    public ImmutableArray<RecordedScreeningHit> Hits { get; init; } = [];
}

/// <summary>A policy pack and the version of it a decision used.</summary>
public sealed record PackVersionRef(string Pack, string Version);

/// <summary>A levy or duty an order's decision imposes, as a percentage of each shipment's customs value.</summary>
public sealed record LevyObligation(LevyKind Kind, string Payee, decimal RatePercent, string Source);

/// <summary>
/// The decision on an order as the ledger records it: verdict key, the pack versions, levies and duties.
/// The policy engine (issue 3) produces the full decision; this is the part the ledger must keep immutable.
/// </summary>
public sealed record OrderDecision(string OrderId, string Verdict, DateOnly AsOf, ImmutableArray<PackVersionRef> Packs, ImmutableArray<LevyObligation> Levies)
{
    /// <summary>Verdict keys under which nothing may ship.</summary>
    public static readonly ImmutableArray<string> Blocking = ["prohibited", "hold-for-review", "licence-required/presumption-of-denial"];

    public bool RequiresLicence => Verdict.StartsWith("licence-required", StringComparison.Ordinal);

    public bool BlocksShipment => Blocking.Contains(Verdict);

    /// <summary>Same content, element by element (records compare arrays by reference).</summary>
    public bool SameAs(OrderDecision other) =>
        OrderId == other.OrderId && Verdict == other.Verdict && AsOf == other.AsOf &&
        Packs.SequenceEqual(other.Packs) && Levies.SequenceEqual(other.Levies);
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
