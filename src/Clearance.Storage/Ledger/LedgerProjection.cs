using System.Data.Common;
using Clearance.Core.Ledger;

namespace Clearance.Storage.Ledger;

/// <summary>
/// Writes the current-state tables from a decided batch, in the batch's transaction: every party, licence, pool,
/// cap, order and shipment the batch changed, and one levy row per accrual. The tables are a projection of the
/// audit log for queries; the log stays the record (<see cref="LedgerStore.CheckProjection"/> compares them).
/// </summary>
internal static class LedgerProjection
{
    public static void Write(DbConnection connection, DbTransaction transaction, LedgerState before, LedgerOutcome outcome, long[] seqs)
    {
        var after = outcome.State;
        var last = seqs[^1];
        var parties = new HashSet<string>(StringComparer.Ordinal);
        var orders = new List<OrderDecision>();
        var shipments = new HashSet<string>(StringComparer.Ordinal);
        var levies = new List<(LevyAccrued Levy, long Seq)>();
        for (var i = 0; i < outcome.Events.Length; i++)
        {
            switch (outcome.Events[i])
            {
                case PartyRequested e: parties.Add(e.PartyId); break;
                case PartyScreened e: parties.Add(e.PartyId); break;
                case PartyApproved e: parties.Add(e.PartyId); break;
                case PartyRejected e: parties.Add(e.PartyId); break;
                case PartySuspended e: parties.Add(e.PartyId); break;
                case OrderDecided e: orders.Add(e.Decision); break;
                case ShipmentReserved e: shipments.Add(e.Shipment.Key); break;
                case ShipmentRecorded e: shipments.Add(e.Key); break;
                case ReservationReleased e: shipments.Add(e.Key); break;
                case ShipmentReversed e: shipments.Add(e.Key); break;
                case LevyAccrued e: levies.Add((e, seqs[i])); break;
            }
        }

        if (parties.Count > 0)
        {
            using var upsert = new RowInserts(connection, transaction, "parties", ["id", "name", "roles", "country", "parent_country", "sector", "end_use", "status", "reason", "expires", "list_version", "screening_hit", "seq"], upsert: true);
            foreach (var party in parties.Select(id => after.Parties[id]))
            {
                var r = party.Request;
                upsert.Add(r.PartyId, r.Name, EventJson.List(r.Roles), r.Country, r.ParentCountry, r.Sector, r.EndUse, Key(party.Status), party.Reason, party.Expires, party.LastScreening?.ListVersion, party.LastScreening?.Hit, last);
            }

            upsert.Flush();
        }

        var licences = Changed(before.Licences, after.Licences);
        if (licences.Count > 0)
        {
            using var upsert = new RowInserts(connection, transaction, "licences", ["number", "jurisdiction", "products", "parties", "conditions", "authorised_units", "reserved_units", "used_units", "authorised_value_usd", "reserved_value_usd", "used_value_usd", "valid_from", "valid_to", "seq"], upsert: true);
            foreach (var l in licences)
            {
                var g = l.Grant;
                upsert.Add(g.Number, g.Jurisdiction, EventJson.List(g.Products), EventJson.List(g.Parties), EventJson.List(g.Conditions), g.AuthorisedUnits, l.ReservedUnits, l.UsedUnits, g.AuthorisedValueUsd, l.ReservedValueUsd, l.UsedValueUsd, g.ValidFrom, g.ValidTo, last);
            }

            upsert.Flush();
        }

        var pools = Changed(before.QuotaPools, after.QuotaPools);
        if (pools.Count > 0)
        {
            using var upsert = new RowInserts(connection, transaction, "quota_pools", ["id", "jurisdiction", "product", "buyers", "total_units", "reserved_units", "used_units", "valid_from", "valid_to", "source", "confidence", "seq"], upsert: true);
            foreach (var p in pools)
            {
                var o = p.Opening;
                upsert.Add(o.PoolId, o.Jurisdiction, o.Product, EventJson.List(o.Buyers), o.TotalUnits, p.ReservedUnits, p.UsedUnits, o.ValidFrom, o.ValidTo, o.Source, o.Confidence, last);
            }

            upsert.Flush();
        }

        var caps = Changed(before.VolumeCaps, after.VolumeCaps);
        if (caps.Count > 0)
        {
            using var upsert = new RowInserts(connection, transaction, "volume_caps", ["id", "product", "destinations", "ratio_percent", "base_country", "base_units", "limit_units", "reserved_units", "used_units", "source", "seq"], upsert: true);
            foreach (var c in caps)
            {
                var s = c.Setting;
                upsert.Add(s.CapId, s.Product, EventJson.List(s.Destinations), s.RatioPercent, s.BaseCountry, c.BaseUnits, c.LimitUnits, c.ReservedUnits, c.UsedUnits, s.Source, last);
            }

            upsert.Flush();
        }

        if (orders.Count > 0)
        {
            using var upsert = new RowInserts(connection, transaction, "orders", ["id", "verdict", "as_of", "packs", "levies", "seq"], upsert: true);
            foreach (var d in orders)
            {
                upsert.Add(d.OrderId, d.Verdict, d.AsOf, EventJson.List(d.Packs), EventJson.List(d.Levies), last);
            }

            upsert.Flush();
        }

        if (shipments.Count > 0)
        {
            using var upsert = new RowInserts(connection, transaction, "shipments", ["key", "order_id", "consignee", "end_user", "destination", "product", "units", "value_usd", "licence", "date", "status", "shipped_on", "seq"], upsert: true);
            foreach (var s in shipments.Select(k => after.Shipments[k]))
            {
                var p = s.Plan;
                upsert.Add(p.Key, p.OrderId, p.ConsigneeId, p.EndUserId, p.Destination, p.Product, p.Units, p.ValueUsd, s.Reservation.LicenceNumber, p.Date, Key(s.Status), s.ShippedOn, last);
            }

            upsert.Flush();
        }

        if (levies.Count > 0)
        {
            using var insert = new RowInserts(connection, transaction, "levy_accruals", ["seq", "shipment_key", "kind", "payee", "rate_percent", "amount_usd", "period", "on_date"]);
            foreach (var (levy, seq) in levies)
            {
                insert.Add(seq, levy.ShipmentKey, Key(levy.Kind), levy.Payee, levy.RatePercent, levy.AmountUsd, levy.Period.ToString(), levy.On);
            }

            insert.Flush();
        }
    }

    private static string Key(Enum value) => value.ToString().ToLowerInvariant();

    /// <summary>Entries that are new or replaced between two states (immutable values: a changed entry is a new object).</summary>
    private static List<T> Changed<T>(IReadOnlyDictionary<string, T> before, IReadOnlyDictionary<string, T> after)
        where T : class =>
        [.. after.Where(kv => !before.TryGetValue(kv.Key, out var old) || !ReferenceEquals(old, kv.Value)).Select(kv => kv.Value)];
}
