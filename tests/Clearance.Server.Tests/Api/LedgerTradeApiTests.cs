using System.Net;
using System.Text.Json;
using Clearance.Server.Security;

namespace Clearance.Server.Tests.Api;

/// <summary>
/// The H200 trade through the API, figures from shared/reference/regulatory-facts.md: a BIS licence under the
/// 2026-01-15 rule, a China import pool shared by named buyers [65][66], the 50% China + Macau cap on US end-use
/// volume (91 FR 1684), and the 25% Section 232 duty on entries (Proclamation 11002) decided by the policy packs.
/// Each test has a server and ledger of its own: a quota pool governs every shipment of its product into its country.
/// </summary>
public sealed class LedgerTradeApiTests : IDisposable
{
    private readonly ClearanceFactory _factory = new();
    private readonly HttpClient _client;

    public LedgerTradeApiTests()
    {
        _client = _factory.CreateClient(Role.Officer);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>Parties, a licence of <paramref name="licenceUnits"/>, a pool, a cap, a decided CN and US order, and US volume shipped.</summary>
    private async Task<(string Cn, string Us, string Licence, string Pool)> Trade(string prefix, long licenceUnits = 2_000, long poolUnits = 1_500, long usUnits = 4_000)
    {
        var cn = $"{prefix}-tencent";
        var us = $"{prefix}-us";
        await _client.ApprovedParty(cn, "Tencent Cloud Computing (Shenzhen) Co., Ltd.", "CN");
        await _client.ApprovedParty(us, "Columbia River Compute LLC", "US");
        var licence = $"BIS-{prefix}";
        await _client.Expect(HttpStatusCode.Created, "/api/v1/licences", new
        {
            number = licence, jurisdiction = "US-BIS", parties = new[] { cn }, products = new[] { "H200" }, authorisedUnits = licenceUnits, authorisedValueUsd = licenceUnits * 31_000m,
            validFrom = "2026-01-15", validTo = "2027-01-14", conditions = new[] { "third-party test of each shipment" },
        });
        var pool = $"{prefix}-pool";
        await _client.Expect(HttpStatusCode.Created, "/api/v1/quotas/pools", new
        {
            id = pool, jurisdiction = "CN", product = "nvidia-h200-sxm", buyers = new[] { cn }, totalUnits = poolUnits, validFrom = "2026-01-28", validTo = "2026-12-31", source = "regulatory-facts.md [65][66]",
        });
        await _client.Expect(HttpStatusCode.Created, "/api/v1/quotas/caps", new { id = $"{prefix}-cap", product = "H200", destinations = new[] { "CN", "MO" }, ratioPercent = 50, source = "91 FR 1684" });
        await _client.Expect(HttpStatusCode.Created, "/api/v1/orders", CnOrder($"{prefix}-cn"));
        await _client.Expect(HttpStatusCode.Created, "/api/v1/orders", new Dictionary<string, object>
        {
            ["id"] = $"{prefix}-us", ["order_date"] = "2026-02-02", ["product"] = "H200", ["quantity"] = usUnits, ["unit_value"] = 30_500, ["destination"] = "US", ["export_origin"] = "TW", ["us_entry"] = true,
            ["hts_code"] = "8471.80", ["customer"] = "Columbia River Compute LLC", ["customer_country"] = "US", ["sector"] = "cloud", ["end_use"] = "datacenter",
        });
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment($"{prefix}-us-1", $"{prefix}-us", us, "US", usUnits, licence: null));
        return (cn, us, licence, pool);
    }

    private static Dictionary<string, object> CnOrder(string id) => new()
    {
        ["id"] = id, ["order_date"] = "2026-02-02", ["product"] = "H200", ["quantity"] = 1_000, ["unit_value"] = 31_000, ["destination"] = "CN", ["export_origin"] = "US", ["us_entry"] = true,
        ["hts_code"] = "8471.80", ["customer"] = "Tencent Cloud Computing (Shenzhen) Co., Ltd.", ["customer_country"] = "CN", ["customer_parent"] = "Tencent", ["customer_parent_country"] = "CN",
        ["sector"] = "cloud", ["end_use"] = "datacenter", ["state_owned"] = false, ["critical_infrastructure"] = false, ["state_funded_project"] = false,
    };

    private static object Shipment(string key, string order, string party, string destination, long units, string? licence, string date = "2026-02-16", bool reserveOnly = false) =>
        new { key, order, consignee = party, endUser = party, destination, product = "H200", units, valueUsd = units * 31_000m, licence, date, reserveOnly };

    private async Task<JsonElement> Licence(string number) => await _client.GetOk($"/api/v1/licences/{number}");

    [Fact]
    public async Task Order_IsDecidedByThePolicyPacksOnItsDateAndRecordedWithPackVersionsAndTheDuty()
    {
        await _client.ApprovedParty("o-tencent", "Tencent Cloud Computing (Shenzhen) Co., Ltd.", "CN");

        var decided = await _client.Expect(HttpStatusCode.Created, "/api/v1/orders", CnOrder("o-cn"));
        var stored = await _client.GetOk("/api/v1/orders/o-cn");

        Assert.Equal("licence-required/case-by-case", stored.GetProperty("verdict").GetString());
        Assert.Equal("2026-02-02", stored.GetProperty("asOf").GetString());
        Assert.Contains(decided.GetProperty("firedRules").EnumerateArray(), r => r.GetString()!.EndsWith("ear-h200-case-by-case", StringComparison.Ordinal));
        Assert.Contains(stored.GetProperty("jurisdictions").EnumerateArray(), j => j.GetProperty("jurisdiction").GetString() == "CN" && j.GetProperty("verdict").GetString() == "licence-required/approval");
        Assert.Equal(("nvidia-h200-sxm", "CN"), (stored.GetProperty("product").GetString(), stored.GetProperty("destination").GetString()));
        Assert.Contains(stored.GetProperty("packs").EnumerateArray(), p => p.GetProperty("pack").GetString() == "us-section-232" && p.GetProperty("version").GetString()!.Length > 0);
        var duty = Assert.Single(stored.GetProperty("levies").EnumerateArray());
        Assert.Equal(25m, duty.GetProperty("ratePercent").GetDecimal());
        Assert.Equal("US Customs and Border Protection", duty.GetProperty("payee").GetString());
    }

    [Fact]
    public async Task Order_PostedAgain_ReturnsTheSameDecisionAndADifferentOneIsRefused()
    {
        await _client.Expect(HttpStatusCode.Created, "/api/v1/orders", CnOrder("o-again"));

        var again = await _client.Expect(HttpStatusCode.OK, "/api/v1/orders", CnOrder("o-again"));
        var changed = CnOrder("o-again");
        changed["order_date"] = "2026-01-10";
        var refused = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/orders", changed);

        Assert.True(again.GetProperty("alreadyRecorded").GetBoolean());
        Assert.Contains("decisions are immutable", Assert.Single(refused.Errors("order")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_WithAnUnknownChipOrBadQuantity_IsABadRequestNamingLineAndField()
    {
        var order = CnOrder("o-bad");
        order["product"] = "H2O";
        order["quantity"] = -3;

        var problem = await _client.Expect(HttpStatusCode.BadRequest, "/api/v1/orders", order);

        Assert.Contains("did you mean", Assert.Single(problem.Errors("product")), StringComparison.Ordinal);
        Assert.StartsWith("line 1, column", Assert.Single(problem.Errors("quantity")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipment_DepletesLicencePoolAndCapOnceAndAccruesTheDuty()
    {
        var (cn, _, licence, pool) = await Trade("s1");
        using var depletions = new DepletionCounter(_factory);

        var shipped = await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s1-cn-1", "s1-cn", cn, "CN", 1_000, licence));

        var shipment = shipped.GetProperty("shipment");
        Assert.Equal("recorded", shipment.GetProperty("status").GetString());
        Assert.Equal([pool], shipment.GetProperty("quotaPools").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(7_750_000m, Assert.Single(shipment.GetProperty("levies").EnumerateArray()).GetProperty("amountUsd").GetDecimal());
        Assert.Equal(1_000, (await Licence(licence)).GetProperty("usedUnits").GetInt64());
        var quotas = await _client.GetOk("/api/v1/quotas");
        Assert.Equal(500, quotas.GetProperty("pools").EnumerateArray().Single(p => p.GetProperty("id").GetString() == pool).GetProperty("availableUnits").GetInt64());
        var cap = quotas.GetProperty("caps").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "s1-cap");
        Assert.Equal(2_000, cap.GetProperty("limitUnits").GetInt64());
        Assert.Equal(1_000, cap.GetProperty("usedUnits").GetInt64());
        Assert.Equal([("cap", 1_000L), ("licence", 1_000L), ("quota", 1_000L)], depletions.Totals());
    }

    [Fact]
    public async Task Shipment_ReplayedWithTheSameKey_ReturnsTheSameShipmentAndDepletesNothingTwice()
    {
        var (cn, _, licence, _) = await Trade("s2");
        var request = Shipment("s2-cn-1", "s2-cn", cn, "CN", 600, licence);
        var first = await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", request);
        var rows = (await _client.GetOk("/api/v1/audit/verify")).GetProperty("rowsChecked").GetInt64();
        using var depletions = new DepletionCounter(_factory);

        var replay = await _client.Expect(HttpStatusCode.OK, "/api/v1/shipments", request);

        Assert.True(replay.GetProperty("alreadyRecorded").GetBoolean());
        Assert.Equal(first.GetProperty("shipment").ToString(), replay.GetProperty("shipment").ToString());
        Assert.Equal(600, (await Licence(licence)).GetProperty("usedUnits").GetInt64());
        Assert.Equal(rows, (await _client.GetOk("/api/v1/audit/verify")).GetProperty("rowsChecked").GetInt64());
        Assert.Single((await _client.GetOk("/api/v1/levies?shipment=s2-cn-1")).GetProperty("items").EnumerateArray());
        Assert.Empty(depletions.Totals());
    }

    [Fact]
    public async Task Shipment_KeyFromTheIdempotencyKeyHeader_IsHonouredOnReplay()
    {
        var (cn, _, licence, _) = await Trade("s3");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/shipments", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { order = "s3-cn", endUser = cn, destination = "CN", product = "H200", units = 100, valueUsd = 3_100_000m, licence, date = "2026-02-16" }),
        };
        request.Headers.Add("Idempotency-Key", "s3-header-key");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("recorded", (await _client.GetOk("/api/v1/shipments/s3-header-key")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Shipment_SameKeyWithOtherContent_IsAConflictNamingTheKey()
    {
        var (cn, _, licence, _) = await Trade("s4");
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s4-cn-1", "s4-cn", cn, "CN", 100, licence));

        var refused = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/shipments", Shipment("s4-cn-1", "s4-cn", cn, "CN", 200, licence));

        Assert.Contains("already used for another shipment", Assert.Single(refused.Errors("key")), StringComparison.Ordinal);
        Assert.Equal(100, (await Licence(licence)).GetProperty("usedUnits").GetInt64());
    }

    [Fact]
    public async Task Shipment_BeyondThePool_IsAConflictNamingUnitsAndChangesNothing()
    {
        var (cn, _, licence, pool) = await Trade("s5");
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s5-cn-1", "s5-cn", cn, "CN", 1_000, licence));

        var refused = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/shipments", Shipment("s5-cn-2", "s5-cn", cn, "CN", 800, licence));

        Assert.Contains(refused.Errors("units"), m => m.Contains($"the quota pool '{pool}' has 500 units left, not 800", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Get("/api/v1/shipments/s5-cn-2")).Status);
        Assert.Equal(1_000, (await Licence(licence)).GetProperty("usedUnits").GetInt64());
    }

    [Fact]
    public async Task Shipment_BeyondTheVolumeCap_IsAConflictNamingTheCap()
    {
        var (cn, _, licence, _) = await Trade("s6", licenceUnits: 5_000, poolUnits: 5_000, usUnits: 1_000);

        var refused = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/shipments", Shipment("s6-cn-1", "s6-cn", cn, "CN", 1_000, licence));

        Assert.Contains(refused.Errors("units"), m => m.Contains("the volume cap 's6-cap' allows 500 more units", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-5, "units", "must be a positive number")]
    [InlineData(0, "units", "must be a positive number")]
    public async Task Shipment_WithImpossibleUnits_IsUnprocessable(long units, string field, string message)
    {
        var (cn, _, licence, _) = await Trade($"s7{-units}");

        var refused = await _client.Expect(HttpStatusCode.UnprocessableEntity, "/api/v1/shipments", Shipment($"s7{-units}-x", $"s7{-units}-cn", cn, "CN", units, licence));

        Assert.Contains(message, Assert.Single(refused.Errors(field)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipment_ToAnUnknownParty_IsUnprocessableNamingTheEndUser()
    {
        await _client.Expect(HttpStatusCode.Created, "/api/v1/orders", CnOrder("s8-cn"));

        var refused = await _client.Expect(HttpStatusCode.UnprocessableEntity, "/api/v1/shipments", Shipment("s8-x", "s8-cn", "nobody-at-all", "CN", 10, licence: null));

        Assert.Contains("unknown party 'nobody-at-all'", Assert.Single(refused.Errors("endUser")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipment_UnderAnExpiredLicence_IsAConflictNamingTheLicence()
    {
        var (cn, _, licence, _) = await Trade("s9");

        var refused = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/shipments", Shipment("s9-late", "s9-cn", cn, "CN", 10, licence, date: "2027-02-01"));

        Assert.Contains(refused.Errors("licence"), m => m.Contains("is valid 2026-01-15 to 2027-01-14, not on 2027-02-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReservationReleased_GivesItsUnitsBack()
    {
        var (cn, _, licence, _) = await Trade("s10");
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s10-cn-1", "s10-cn", cn, "CN", 700, licence, reserveOnly: true));
        Assert.Equal(700, (await Licence(licence)).GetProperty("reservedUnits").GetInt64());

        var released = await _client.Expect(HttpStatusCode.OK, "/api/v1/shipments/s10-cn-1/release", new { reason = "customer cancelled", on = "2026-02-20" });

        Assert.Equal("released", released.GetProperty("status").GetString());
        var after = await Licence(licence);
        Assert.Equal(0, after.GetProperty("reservedUnits").GetInt64());
        Assert.Equal(2_000, after.GetProperty("availableUnits").GetInt64());
    }

    [Fact]
    public async Task ReservedShipment_RecordedAsShipped_DepletesOnceAndAccruesTheDuty()
    {
        var (cn, _, licence, _) = await Trade("s11");
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s11-cn-1", "s11-cn", cn, "CN", 400, licence, reserveOnly: true));

        var shipped = await _client.Expect(HttpStatusCode.OK, "/api/v1/shipments/s11-cn-1/shipped", new { on = "2026-02-20" });
        await _client.Expect(HttpStatusCode.OK, "/api/v1/shipments/s11-cn-1/shipped", new { on = "2026-02-21" });

        Assert.Equal("2026-02-20", shipped.GetProperty("shippedOn").GetString());
        Assert.Equal(400, (await Licence(licence)).GetProperty("usedUnits").GetInt64());
        Assert.Single(shipped.GetProperty("levies").EnumerateArray());
    }

    [Fact]
    public async Task Reversal_IsACompensatingEntryBookedInTheQuarterOfTheCorrection()
    {
        var (cn, _, licence, _) = await Trade("s12");
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s12-cn-1", "s12-cn", cn, "CN", 1_000, licence));
        var q1Before = (await _client.GetOk("/api/v1/levies/statement?period=2026-Q1")).GetProperty("totalUsd").GetDecimal();
        var q2Before = (await _client.GetOk("/api/v1/levies/statement?period=2026-Q2")).GetProperty("totalUsd").GetDecimal();

        var reversed = await _client.Expect(HttpStatusCode.OK, "/api/v1/shipments/s12-cn-1/reversal", new { reason = "returned before entry", on = "2026-04-02" });

        Assert.Equal("reversed", reversed.GetProperty("status").GetString());
        Assert.Equal([7_750_000m, -7_750_000m], reversed.GetProperty("levies").EnumerateArray().Select(l => l.GetProperty("amountUsd").GetDecimal()));
        Assert.Equal(0, (await Licence(licence)).GetProperty("usedUnits").GetInt64());
        Assert.Equal(q1Before, (await _client.GetOk("/api/v1/levies/statement?period=2026-Q1")).GetProperty("totalUsd").GetDecimal());
        Assert.Equal(q2Before - 7_750_000m, (await _client.GetOk("/api/v1/levies/statement?period=2026-Q2")).GetProperty("totalUsd").GetDecimal());
        Assert.Contains((await _client.GetOk("/api/v1/levies?period=2026-Q2&pageSize=200")).GetProperty("items").EnumerateArray(), l => l.GetProperty("shipment").GetString() == "s12-cn-1");
    }

    [Fact]
    public async Task ReversingAReservation_IsAConflictNamingTheKey()
    {
        var (cn, _, licence, _) = await Trade("s13");
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s13-cn-1", "s13-cn", cn, "CN", 10, licence, reserveOnly: true));

        var refused = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/shipments/s13-cn-1/reversal", new { reason = "mistake" });

        Assert.Contains("only a recorded shipment can be reversed", Assert.Single(refused.Errors("key")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Licences_AreListedWithAuthorisedReservedUsedAndAvailable()
    {
        var (cn, _, licence, _) = await Trade("s14");
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s14-cn-1", "s14-cn", cn, "CN", 300, licence));
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s14-cn-2", "s14-cn", cn, "CN", 200, licence, reserveOnly: true));

        var list = await _client.GetOk("/api/v1/licences?product=H200&pageSize=200");

        var row = list.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("number").GetString() == licence);
        Assert.Equal((2_000, 200, 300, 1_500), (row.GetProperty("authorisedUnits").GetInt64(), row.GetProperty("reservedUnits").GetInt64(), row.GetProperty("usedUnits").GetInt64(), row.GetProperty("availableUnits").GetInt64()));
        Assert.Equal(1_500 * 31_000m, row.GetProperty("availableValueUsd").GetDecimal());
        Assert.Equal(["nvidia-h200-sxm"], row.GetProperty("products").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Licence_WithNegativeUnits_IsUnprocessableAndTheSameGrantAgainChangesNothing()
    {
        var body = new { number = "BIS-L1", jurisdiction = "US-BIS", products = new[] { "H20" }, authorisedUnits = 10, authorisedValueUsd = 120_000m, validFrom = "2026-01-01", validTo = "2026-12-31" };
        await _client.Expect(HttpStatusCode.Created, "/api/v1/licences", body);

        await _client.Expect(HttpStatusCode.OK, "/api/v1/licences", body);
        var refused = await _client.Expect(HttpStatusCode.UnprocessableEntity, "/api/v1/licences", body with { number = "BIS-L2", authorisedUnits = -10 });

        Assert.Contains("positive", Assert.Single(refused.Errors("authorisedUnits")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipments_AreListedByStatusAndOrder()
    {
        var (cn, _, licence, _) = await Trade("s15");
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s15-cn-1", "s15-cn", cn, "CN", 10, licence));
        await _client.Expect(HttpStatusCode.Created, "/api/v1/shipments", Shipment("s15-cn-2", "s15-cn", cn, "CN", 10, licence, reserveOnly: true));

        var reserved = await _client.GetOk("/api/v1/shipments?status=reserved&order=s15-cn");
        var all = await _client.GetOk("/api/v1/shipments?order=s15-cn");

        Assert.Equal(["s15-cn-2"], reserved.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal(["s15-cn-1", "s15-cn-2"], (await _client.GetOk("/api/v1/orders/s15-cn")).GetProperty("shipments").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task AuditLog_IsPagedInOrderAndTheChainVerifies()
    {
        await Trade("s16");

        var verify = await _client.GetOk("/api/v1/audit/verify");
        var first = await _client.GetOk("/api/v1/audit?page=1&pageSize=5");
        var second = await _client.GetOk("/api/v1/audit?page=2&pageSize=5");

        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        Assert.Empty(verify.GetProperty("projectionDifferences").EnumerateArray());
        Assert.Equal(verify.GetProperty("rowsChecked").GetInt64(), first.GetProperty("total").GetInt32());
        Assert.Equal([1L, 2, 3, 4, 5], first.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()));
        Assert.Equal(6, second.GetProperty("items")[0].GetProperty("seq").GetInt64());
        Assert.Equal(first.GetProperty("items")[4].GetProperty("hash").GetString(), second.GetProperty("items")[0].GetProperty("previousHash").GetString());
        Assert.Equal(new string('0', 64), first.GetProperty("items")[0].GetProperty("previousHash").GetString());
    }
}

/// <summary>Totals of the clearance.depletions metric of one server, by kind, while it lives.</summary>
internal sealed class DepletionCounter : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public DepletionCounter(ClearanceFactory factory)
    {
        var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(factory.Services);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name == "clearance.depletions")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "kind" && tag.Value is string kind)
                {
                    _totals.AddOrUpdate(kind, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    public (string Kind, long Units)[] Totals() => [.. _totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value))];

    public void Dispose() => _listener.Dispose();
}
