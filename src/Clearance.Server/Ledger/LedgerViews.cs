using Clearance.Core.Ledger;
using Clearance.Core.Screening;
using Clearance.Storage.Ledger;
using LedgerParty = Clearance.Core.Ledger.Party;

namespace Clearance.Server.Ledger;

/// <summary>A party as the API shows it.</summary>
public sealed record PartyView(string Id, string Name, IReadOnlyList<string> Roles, string Country, string ParentCountry, string Sector, string EndUse, DateOnly RequestedOn, string Status, string? Reason, DateOnly? Expires, ScreeningOutcome? LastScreening)
{
    public static PartyView Of(LedgerParty p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Request.Name, [.. p.Request.Roles.Select(r => LedgerApi.Kebab(r))], p.Request.Country, p.Request.ParentCountry, p.Request.Sector, p.Request.EndUse, p.Request.On, LedgerApi.Kebab(p.Status), p.Reason, p.Expires, p.LastScreening);
    }
}

/// <summary>One audit row: who did what, when, with its chain hashes.</summary>
public sealed record AuditEntry(long Seq, string RecordedAt, string Actor, string Role, string Event, System.Text.Json.JsonElement Payload, string PreviousHash, string Hash)
{
    public static AuditEntry Of(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var payload = System.Text.Json.JsonDocument.Parse(row.Payload);
        return new(row.Seq, row.RecordedAt, row.Actor, row.Role, row.EventType, payload.RootElement.Clone(), row.PreviousHash, row.Hash);
    }
}

/// <summary>A party with every audit row about it, oldest first.</summary>
public sealed record PartyDetail(PartyView Party, IReadOnlyList<AuditEntry> History);

/// <summary>One party re-screened after a list update: the lists it was last screened against, how (delta or full), and what changed.</summary>
public sealed record RescreenedPartyView(string Id, string Name, string FromVersion, string Method, IReadOnlyList<ScreeningHit> NewHits, IReadOnlyList<ScreeningHit> ClearedHits, int Hits)
{
    public static RescreenedPartyView Of(PartyRescreen rescreen)
    {
        ArgumentNullException.ThrowIfNull(rescreen);
        return new RescreenedPartyView(rescreen.PartyId, rescreen.Name, rescreen.FromVersion, rescreen.Method.ToString().ToLowerInvariant(), rescreen.Outcome.NewHits, rescreen.Outcome.ClearedHits, rescreen.Outcome.Result.Hits.Count);
    }
}

/// <summary>The parties re-screened against the lists in force (recorded unless it was a dry run), and those left alone.</summary>
public sealed record RescreenResponse(string ListVersion, bool SampleLists, bool Recorded, IReadOnlyList<RescreenedPartyView> Rescreened, IReadOnlyList<string> UpToDate, IReadOnlyList<string> NeverScreened);

/// <summary>A screening recorded for a party: the outcome kept by the ledger, the hits with their evidence, and where the party stands now.</summary>
public sealed record PartyScreening(PartyView Party, ScreeningOutcome Outcome, bool SampleLists, IReadOnlyList<ScreeningHit> Hits);

/// <summary>A licence with what it authorises and how much is reserved, used and left, in units and value.</summary>
public sealed record LicenceView(string Number, string Jurisdiction, IReadOnlyList<string> Parties, IReadOnlyList<string> Products, DateOnly ValidFrom, DateOnly ValidTo, IReadOnlyList<string> Conditions,
    long AuthorisedUnits, long ReservedUnits, long UsedUnits, long AvailableUnits, decimal AuthorisedValueUsd, decimal ReservedValueUsd, decimal UsedValueUsd, decimal AvailableValueUsd)
{
    public static LicenceView Of(Licence l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var g = l.Grant;
        return new(l.Number, g.Jurisdiction, g.Parties, g.Products, g.ValidFrom, g.ValidTo, g.Conditions, g.AuthorisedUnits, l.ReservedUnits, l.UsedUnits, l.AvailableUnits, g.AuthorisedValueUsd, l.ReservedValueUsd, l.UsedValueUsd, l.AvailableValueUsd);
    }
}

/// <summary>An import quota pool with what is reserved, used and left.</summary>
public sealed record QuotaPoolView(string Id, string Jurisdiction, string Product, IReadOnlyList<string> Buyers, long TotalUnits, long ReservedUnits, long UsedUnits, long AvailableUnits, DateOnly ValidFrom, DateOnly ValidTo, string Source, string Confidence)
{
    public static QuotaPoolView Of(QuotaPool p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var o = p.Opening;
        return new(p.Id, o.Jurisdiction, o.Product, o.Buyers, o.TotalUnits, p.ReservedUnits, p.UsedUnits, p.AvailableUnits, o.ValidFrom, o.ValidTo, o.Source, o.Confidence);
    }
}

/// <summary>A volume cap: the base-country units recorded, the limit they give, and the capped units held and left.</summary>
public sealed record VolumeCapView(string Id, string Product, IReadOnlyList<string> Destinations, decimal RatioPercent, string BaseCountry, long BaseUnits, long LimitUnits, long ReservedUnits, long UsedUnits, long AvailableUnits, string Source)
{
    public static VolumeCapView Of(VolumeCap c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var s = c.Setting;
        return new(c.Id, s.Product, s.Destinations, s.RatioPercent, s.BaseCountry, c.BaseUnits, c.LimitUnits, c.ReservedUnits, c.UsedUnits, c.AvailableUnits, s.Source);
    }
}

/// <summary>Every quota pool and volume cap.</summary>
public sealed record QuotasView(IReadOnlyList<QuotaPoolView> Pools, IReadOnlyList<VolumeCapView> Caps);

/// <summary>An order's recorded decision: verdicts, pack versions, obligations, the levies its shipments accrue, and the shipments made under it.</summary>
public sealed record OrderView(string Id, string Verdict, DateOnly AsOf, string? Product, string? Destination, IReadOnlyList<JurisdictionVerdictRef> Jurisdictions, IReadOnlyList<PackVersionRef> Packs,
    IReadOnlyList<ObligationRef> Obligations, IReadOnlyList<LevyObligation> Levies, bool BlocksShipment, bool RequiresLicence, IReadOnlyList<string> Shipments)
{
    public static OrderView Of(OrderDecision d, LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(state);
        return new(d.OrderId, d.Verdict, d.AsOf, d.Product, d.Destination, d.Jurisdictions, d.Packs, d.Obligations, d.Levies, d.BlocksShipment, d.RequiresLicence,
            [.. state.Shipments.Values.Where(s => s.Plan.OrderId == d.OrderId).Select(s => s.Key).Order(StringComparer.Ordinal)]);
    }
}

/// <summary>The outcome of posting an order: the recorded decision, the rules that fired, and whether the same decision was already recorded.</summary>
public sealed record OrderDecisionView(OrderView Order, IReadOnlyList<string> FiredRules, bool AlreadyRecorded);

/// <summary>A shipment: its plan, what it holds on which licence, pools and caps, and where it stands.</summary>
public sealed record ShipmentView(string Key, string Order, string Consignee, string EndUser, string Destination, string Product, long Units, decimal ValueUsd, DateOnly Date,
    string? Licence, IReadOnlyList<string> QuotaPools, IReadOnlyList<string> VolumeCaps, string Status, DateOnly? ShippedOn, IReadOnlyList<LevyAccrualView> Levies)
{
    public static ShipmentView Of(Shipment s, LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(state);
        var p = s.Plan;
        return new(p.Key, p.OrderId, p.ConsigneeId, p.EndUserId, p.Destination, p.Product, p.Units, p.ValueUsd, p.Date, s.Reservation.LicenceNumber, s.Reservation.QuotaPools, s.Reservation.VolumeCaps,
            LedgerApi.Kebab(s.Status), s.ShippedOn, [.. state.Levies.Where(l => l.ShipmentKey == s.Key).Select(LevyAccrualView.Of)]);
    }
}

/// <summary>The result of posting a shipment: the shipment as recorded, and whether the same key had already done it.</summary>
public sealed record ShipmentOutcome(ShipmentView Shipment, bool AlreadyRecorded);

/// <summary>One levy or duty accrued on a shipment (negative for a reversal's compensating entry).</summary>
public sealed record LevyAccrualView(string Shipment, string Kind, string Payee, decimal RatePercent, decimal AmountUsd, string Period, DateOnly On)
{
    public static LevyAccrualView Of(LevyAccrued a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.ShipmentKey, LedgerApi.Kebab(a.Kind), a.Payee, a.RatePercent, a.AmountUsd, a.Period.ToString(), a.On);
    }
}

/// <summary>A remittance statement for a quarter: each payee's total of each levy or duty, and the grand total.</summary>
public sealed record StatementView(string Period, DateOnly From, DateOnly To, IReadOnlyList<RemittanceLineView> Lines, decimal TotalUsd)
{
    public static StatementView Of(RemittanceStatement s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Period.ToString(), s.Period.First, s.Period.Last, [.. s.Lines.Select(l => new RemittanceLineView(LedgerApi.Kebab(l.Kind), l.Payee, l.RatePercent, l.Entries, l.AmountUsd))], s.TotalUsd);
    }
}

public sealed record RemittanceLineView(string Kind, string Payee, decimal RatePercent, int Entries, decimal AmountUsd);

/// <summary>The audit check: rows checked, the first broken link if any, and any difference between the log and the current-state tables.</summary>
public sealed record AuditVerification(bool Intact, long RowsChecked, long? FirstBrokenSeq, string? Problem, IReadOnlyList<string> ProjectionDifferences, string Database);
