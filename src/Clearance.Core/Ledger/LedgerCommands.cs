using System.Collections.Immutable;
using Clearance.Core.Parsing;

namespace Clearance.Core.Ledger;

/// <summary>
/// A request to change the ledger. <see cref="Origin"/> says where it came from (a CSV line, a command line), so
/// that every problem with it names the place to fix.
/// </summary>
public abstract record LedgerCommand
{
    public SourceLocation Origin { get; init; } = new("command", 0, 0);
}

public sealed record RequestParty(string PartyId, string Name, ImmutableArray<PartyRole> Roles, string Country, string ParentCountry, string Sector, string EndUse, DateOnly On) : LedgerCommand;

public sealed record RecordScreening(string PartyId, ScreeningOutcome Outcome, DateOnly On) : LedgerCommand;

public sealed record ApproveParty(string PartyId, string Reason, DateOnly On, DateOnly Expires) : LedgerCommand;

public sealed record RejectParty(string PartyId, string Reason, DateOnly On) : LedgerCommand;

public sealed record GrantLicence(LicenceGranted Licence) : LedgerCommand;

public sealed record OpenQuotaPool(QuotaPoolOpened Pool) : LedgerCommand;

public sealed record SetVolumeCap(VolumeCapSet Cap) : LedgerCommand;

public sealed record RecordDecision(OrderDecision Decision) : LedgerCommand;

/// <summary>Reserve a shipment's units; with <see cref="ShipNow"/> it is also recorded as shipped in the same step.</summary>
public sealed record ReserveShipment(ShipmentPlan Shipment, bool ShipNow) : LedgerCommand;

/// <summary>Record a reserved shipment as shipped: depletes its licence, pools and caps exactly once.</summary>
public sealed record RecordShipment(string Key, DateOnly On) : LedgerCommand;

public sealed record ReleaseReservation(string Key, string Reason, DateOnly On) : LedgerCommand;

/// <summary>A correction: a compensating entry that gives back a recorded shipment's use and its levies.</summary>
public sealed record ReverseShipment(string Key, string Reason, DateOnly On) : LedgerCommand;
