using System.Collections.Immutable;

namespace Clearance.Core.Ledger;

/// <summary>A party and where it stands in the approval workflow.</summary>
public sealed record Party(
    PartyRequested Request,
    PartyStatus Status,
    ScreeningOutcome? LastScreening,
    string? Reason,
    DateOnly? Expires)
{
    public string Id => Request.PartyId;

    /// <summary>Approved and not expired on the given date.</summary>
    public bool IsApprovedOn(DateOnly date) => Status == PartyStatus.Approved && Expires is { } expires && date <= expires;

    /// <summary>The party as the screening index takes it: its name and country, with its ledger id as the reference.</summary>
    public Screening.Party ToScreened() => new(Request.Name) { Reference = Id, Country = Request.Country };
}

/// <summary>A licence line: what it authorises, and how much is reserved and used (units and value).</summary>
public sealed record Licence(LicenceGranted Grant, long ReservedUnits, long UsedUnits, decimal ReservedValueUsd, decimal UsedValueUsd)
{
    public string Number => Grant.Number;

    public long AvailableUnits => Grant.AuthorisedUnits - ReservedUnits - UsedUnits;

    public decimal AvailableValueUsd => Grant.AuthorisedValueUsd - ReservedValueUsd - UsedValueUsd;

    public bool IsValidOn(DateOnly date) => date >= Grant.ValidFrom && date <= Grant.ValidTo;
}

/// <summary>An import quota pool and how many of its units are reserved and used.</summary>
public sealed record QuotaPool(QuotaPoolOpened Opening, long ReservedUnits, long UsedUnits)
{
    public string Id => Opening.PoolId;

    public long AvailableUnits => Opening.TotalUnits - ReservedUnits - UsedUnits;

    public bool IsValidOn(DateOnly date) => date >= Opening.ValidFrom && date <= Opening.ValidTo;
}

/// <summary>A volume cap: the base-country units recorded so far, and the capped units reserved and used.</summary>
public sealed record VolumeCap(VolumeCapSet Setting, long BaseUnits, long ReservedUnits, long UsedUnits)
{
    public string Id => Setting.CapId;

    /// <summary>The most units the capped destinations may take now: the ratio of the base, rounded down.</summary>
    public long LimitUnits => (long)decimal.Floor(BaseUnits * Setting.RatioPercent / 100m);

    public long AvailableUnits => LimitUnits - ReservedUnits - UsedUnits;
}

/// <summary>Where a shipment stands: reserved, recorded (shipped), released or reversed.</summary>
public enum ShipmentStatus
{
    Reserved,
    Recorded,
    Released,
    Reversed,
}

/// <summary>A shipment with what it holds on which licence, pools and caps.</summary>
public sealed record Shipment(ShipmentReserved Reservation, ShipmentStatus Status, DateOnly? ShippedOn)
{
    public ShipmentPlan Plan => Reservation.Shipment;

    public string Key => Plan.Key;
}

/// <summary>
/// The current state of the ledger: the fold of every event in order. Immutable, so a batch is decided against a
/// copy and either every event of it is kept or none.
/// </summary>
public sealed record LedgerState(
    ImmutableDictionary<string, Party> Parties,
    ImmutableDictionary<string, Licence> Licences,
    ImmutableDictionary<string, QuotaPool> QuotaPools,
    ImmutableDictionary<string, VolumeCap> VolumeCaps,
    ImmutableDictionary<string, OrderDecision> Orders,
    ImmutableDictionary<string, Shipment> Shipments,
    ImmutableList<LevyAccrued> Levies)
{
    public static readonly LedgerState Empty = new(
        ImmutableDictionary.Create<string, Party>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, Licence>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, QuotaPool>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, VolumeCap>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, OrderDecision>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, Shipment>(StringComparer.Ordinal),
        []);

    /// <summary>The review of every screening hit, by party and list entry (<see cref="ScreeningReviews"/>).</summary>
    public ImmutableDictionary<string, ScreeningReview> Reviews { get; init; } = ImmutableDictionary.Create<string, ScreeningReview>(StringComparer.Ordinal);

    public LedgerState ApplyAll(IEnumerable<LedgerEvent> events) => events.Aggregate(this, (state, e) => state.Apply(e));

    /// <summary>The state after one more event. Events were validated when decided, so applying one cannot fail.</summary>
    public LedgerState Apply(LedgerEvent change) => change switch
    {
        PartyRequested e => this with { Parties = Parties.SetItem(e.PartyId, new Party(e, PartyStatus.Requested, null, null, null)) },
        PartyScreened e => ScreeningReviews.Opened(WithParty(e.PartyId, p => p with
        {
            LastScreening = e.Outcome,
            Status = p.Status is PartyStatus.Requested ? PartyStatus.Screened : p.Status is PartyStatus.Suspended && !e.Outcome.Hit ? PartyStatus.Screened : p.Status,
        }), e),
        ScreeningHitConfirmed e => ScreeningReviews.Decided(this, e.PartyId, e.EntryId, ScreeningReviewStatus.Confirmed, e.Reason, e.On),
        ScreeningHitDismissed e => ScreeningReviews.Decided(this, e.PartyId, e.EntryId, ScreeningReviewStatus.Dismissed, e.Reason, e.On),
        PartyApproved e => WithParty(e.PartyId, p => p with { Status = PartyStatus.Approved, Reason = e.Reason, Expires = e.Expires }),
        PartyRejected e => WithParty(e.PartyId, p => p with { Status = PartyStatus.Rejected, Reason = e.Reason, Expires = null }),
        PartySuspended e => WithParty(e.PartyId, p => p with { Status = PartyStatus.Suspended, Reason = e.Reason }),
        LicenceGranted e => this with { Licences = Licences.SetItem(e.Number, new Licence(e, 0, 0, 0m, 0m)) },
        QuotaPoolOpened e => this with { QuotaPools = QuotaPools.SetItem(e.PoolId, new QuotaPool(e, 0, 0)) },
        VolumeCapSet e => this with { VolumeCaps = VolumeCaps.SetItem(e.CapId, new VolumeCap(e, BaseUnitsFor(e), 0, 0)) },
        OrderDecided e => this with { Orders = Orders.SetItem(e.Decision.OrderId, e.Decision) },
        ShipmentReserved e => Hold(e, +1, 0).WithShipment(new Shipment(e, ShipmentStatus.Reserved, null)),
        ShipmentRecorded e => Record(e),
        ReservationReleased e => Hold(Shipments[e.Key].Reservation, -1, 0).WithShipment(Shipments[e.Key] with { Status = ShipmentStatus.Released }),
        ShipmentReversed e => Reverse(e),
        LevyAccrued e => this with { Levies = Levies.Add(e) },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "unknown ledger event"),
    };

    private long BaseUnitsFor(VolumeCapSet cap) =>
        Shipments.Values.Where(s => s.Status == ShipmentStatus.Recorded && s.Plan.Product == cap.Product && s.Plan.Destination == cap.BaseCountry).Sum(s => s.Plan.Units);

    private LedgerState WithParty(string id, Func<Party, Party> change) => this with { Parties = Parties.SetItem(id, change(Parties[id])) };

    private LedgerState WithShipment(Shipment shipment) => this with { Shipments = Shipments.SetItem(shipment.Key, shipment) };

    private LedgerState Record(ShipmentRecorded e)
    {
        var shipment = Shipments[e.Key];
        return Hold(shipment.Reservation, -1, +1).CountBase(shipment.Plan, +1).WithShipment(shipment with { Status = ShipmentStatus.Recorded, ShippedOn = e.ShippedOn });
    }

    private LedgerState Reverse(ShipmentReversed e)
    {
        var shipment = Shipments[e.Key];
        return Hold(shipment.Reservation, 0, -1).CountBase(shipment.Plan, -1).WithShipment(shipment with { Status = ShipmentStatus.Reversed });
    }

    /// <summary>Moves a shipment's units and value by the given signs on reserved and used balances.</summary>
    private LedgerState Hold(ShipmentReserved r, int reserved, int used)
    {
        var plan = r.Shipment;
        var licences = Licences;
        if (r.LicenceNumber is { } number)
        {
            var l = licences[number];
            licences = licences.SetItem(number, l with
            {
                ReservedUnits = l.ReservedUnits + (reserved * plan.Units),
                UsedUnits = l.UsedUnits + (used * plan.Units),
                ReservedValueUsd = l.ReservedValueUsd + (reserved * plan.ValueUsd),
                UsedValueUsd = l.UsedValueUsd + (used * plan.ValueUsd),
            });
        }

        var pools = QuotaPools;
        foreach (var id in r.QuotaPools)
        {
            var p = pools[id];
            pools = pools.SetItem(id, p with { ReservedUnits = p.ReservedUnits + (reserved * plan.Units), UsedUnits = p.UsedUnits + (used * plan.Units) });
        }

        var caps = VolumeCaps;
        foreach (var id in r.VolumeCaps)
        {
            var c = caps[id];
            caps = caps.SetItem(id, c with { ReservedUnits = c.ReservedUnits + (reserved * plan.Units), UsedUnits = c.UsedUnits + (used * plan.Units) });
        }

        return this with { Licences = licences, QuotaPools = pools, VolumeCaps = caps };
    }

    /// <summary>Adds (or, on reversal, removes) a recorded shipment to the base of every cap measured on its destination.</summary>
    private LedgerState CountBase(ShipmentPlan plan, int sign)
    {
        var caps = VolumeCaps;
        foreach (var cap in caps.Values.Where(c => c.Setting.Product == plan.Product && c.Setting.BaseCountry == plan.Destination))
        {
            caps = caps.SetItem(cap.Id, cap with { BaseUnits = cap.BaseUnits + (sign * plan.Units) });
        }

        return this with { VolumeCaps = caps };
    }
}
