using System.Collections.Immutable;

namespace Clearance.Core.Ledger;

/// <summary>
/// One fact the ledger has recorded. Events are past tense and never change once written; the current state of
/// every party, licence, pool and cap is the fold of all events in order (<see cref="LedgerState.Apply"/>).
/// </summary>
public abstract record LedgerEvent;

/// <summary>Someone asked for a party (customer, consignee or end user) to become an approved customer.</summary>
public sealed record PartyRequested(
    string PartyId,
    string Name,
    ImmutableArray<PartyRole> Roles,
    string Country,
    string ParentCountry,
    string Sector,
    string EndUse,
    DateOnly On) : LedgerEvent;

/// <summary>The party was screened against restricted-party lists; <see cref="Outcome"/> names the list version.</summary>
public sealed record PartyScreened(string PartyId, ScreeningOutcome Outcome, DateOnly On) : LedgerEvent;

/// <summary>An officer approved the party as a customer until <see cref="Expires"/>.</summary>
public sealed record PartyApproved(string PartyId, string Reason, DateOnly On, DateOnly Expires) : LedgerEvent;

/// <summary>An officer rejected the party.</summary>
public sealed record PartyRejected(string PartyId, string Reason, DateOnly On) : LedgerEvent;

/// <summary>A later screening found a hit: the approval is suspended until the party is screened clean and approved again.</summary>
public sealed record PartySuspended(string PartyId, string Reason, DateOnly On) : LedgerEvent;

/// <summary>A licence was granted: what it authorises, to whom, for which products, for how long.</summary>
public sealed record LicenceGranted(
    string Number,
    string Jurisdiction,
    ImmutableArray<string> Parties,
    ImmutableArray<string> Products,
    long AuthorisedUnits,
    decimal AuthorisedValueUsd,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    ImmutableArray<string> Conditions) : LedgerEvent;

/// <summary>
/// An import quota pool opened: a number of units of one product that named buyers share, with no per-buyer split
/// unless one is published (China's 2026 H200 approval is such a pool).
/// </summary>
public sealed record QuotaPoolOpened(
    string PoolId,
    string Jurisdiction,
    string Product,
    ImmutableArray<string> Buyers,
    long TotalUnits,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    string Source,
    string Confidence) : LedgerEvent;

/// <summary>
/// A volume cap was set: shipments of a product to the given destinations may not exceed a percentage of the units
/// of the same product recorded as shipped for end use in the base country (the H200 rule's 50% of US volume).
/// </summary>
public sealed record VolumeCapSet(
    string CapId,
    string Product,
    ImmutableArray<string> Destinations,
    decimal RatioPercent,
    string BaseCountry,
    string Source) : LedgerEvent;

/// <summary>The decision on an order was recorded; it is immutable and names the policy pack versions used.</summary>
public sealed record OrderDecided(OrderDecision Decision) : LedgerEvent;

/// <summary>A shipment reserved its units and value on a licence, and its units on every pool and cap that governs it.</summary>
public sealed record ShipmentReserved(ShipmentPlan Shipment, string? LicenceNumber, ImmutableArray<string> QuotaPools, ImmutableArray<string> VolumeCaps) : LedgerEvent;

/// <summary>The shipment left: its reservation became use (the licence, pools and caps are depleted by it).</summary>
public sealed record ShipmentRecorded(string Key, DateOnly ShippedOn) : LedgerEvent;

/// <summary>A levy or duty fell due on a recorded shipment (or, negative, was compensated by a reversal).</summary>
public sealed record LevyAccrued(string ShipmentKey, LevyKind Kind, string Payee, decimal RatePercent, decimal AmountUsd, RemittancePeriod Period, DateOnly On) : LedgerEvent;

/// <summary>A reservation was released without shipping; its units go back to the licence, pools and caps.</summary>
public sealed record ReservationReleased(string Key, string Reason, DateOnly On) : LedgerEvent;

/// <summary>A compensating entry for a recorded shipment: its use is returned. History itself is never edited.</summary>
public sealed record ShipmentReversed(string Key, string Reason, DateOnly On) : LedgerEvent;
