using Clearance.Core.Policy;
using Clearance.Server.Demo;
using Clearance.Server.Screening;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Clearance.Server.Tests.Api;

/// <summary>A server started on an empty ledger with demo data on; the figures asserted come from regulatory-facts.md.</summary>
public sealed class DemoFactory : ClearanceFactory
{
    public DemoFactory()
        : base(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearance:DemoData"] = "true" })
    {
    }
}

public sealed class DemoDataTests(DemoFactory factory) : IClassFixture<DemoFactory>
{
    private readonly HttpClient _client = factory.CreateClient(Role.Officer);

    [Fact]
    public async Task Demo_HasTheH200PoolForThreeBuyersAndThe50PercentCapBothDepleted()
    {
        var quotas = await _client.GetOk("/api/v1/quotas");

        var pool = Assert.Single(quotas.GetProperty("pools").EnumerateArray());
        Assert.Equal(400_000, pool.GetProperty("totalUnits").GetInt64());
        Assert.Equal(["bytedance", "alibaba", "tencent"], pool.GetProperty("buyers").EnumerateArray().Select(b => b.GetString()));
        Assert.True(pool.GetProperty("usedUnits").GetInt64() > 0);
        var cap = quotas.GetProperty("caps").EnumerateArray().Single(c => c.GetProperty("product").GetString() == "nvidia-h200-sxm");
        Assert.Equal(50m, cap.GetProperty("ratioPercent").GetDecimal());
        Assert.InRange(cap.GetProperty("usedUnits").GetInt64() + cap.GetProperty("reservedUnits").GetInt64(), 1, cap.GetProperty("limitUnits").GetInt64());
    }

    [Fact]
    public async Task Demo_OrdersSpanTheYearFromThreeVendorsWithDecisionsFromThePolicyEngine()
    {
        var orders = (await _client.GetOk("/api/v1/orders?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var more = (await _client.GetOk("/api/v1/orders?page=2&pageSize=200")).GetProperty("items").EnumerateArray();
        orders.AddRange(more);

        Assert.Equal("2025-12-01", orders[0].GetProperty("asOf").GetString());
        Assert.StartsWith("2026-11-", orders[^1].GetProperty("asOf").GetString(), StringComparison.Ordinal);
        Assert.All(orders, o => Assert.NotEmpty(o.GetProperty("packs").EnumerateArray()));
        var verdicts = orders.Select(o => o.GetProperty("verdict").GetString()).ToHashSet();
        Assert.Contains("allowed", verdicts);
        Assert.Contains("licence-required/case-by-case", verdicts);
        Assert.Contains(verdicts, v => v is "prohibited" or "hold-for-review" or "licence-required/presumption-of-denial");
        var shipments = await _client.GetOk("/api/v1/shipments?pageSize=200");
        var products = shipments.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("product").GetString()!).ToHashSet();
        Assert.Contains(products, p => p.StartsWith("nvidia-", StringComparison.Ordinal));
        Assert.Contains(products, p => p.StartsWith("amd-", StringComparison.Ordinal));
        Assert.Contains(products, p => p.StartsWith("intel-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_PartiesNamedLikeListedEntitiesWaitForReviewWithHits()
    {
        var screened = await _client.GetOk("/api/v1/parties?status=screened");

        var hits = screened.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("lastScreening").GetProperty("hit").GetBoolean()).ToList();
        Assert.True(hits.Count >= 2, screened.ToString());
        Assert.Contains((await _client.GetOk("/api/v1/parties?status=approved&pageSize=200")).GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == "bytedance");
    }

    [Fact]
    public async Task Demo_AccruesThe15PercentLevyAndThe25PercentDuty()
    {
        var q1 = await _client.GetOk("/api/v1/levies/statement?period=2026-Q1");

        var rates = q1.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("kind").GetString(), l.GetProperty("ratePercent").GetDecimal())).ToList();
        Assert.Contains(("levy", 15m), rates);
        Assert.Contains(("duty", 25m), rates);
    }

    [Fact]
    public async Task Demo_IsRecordedByDemoSystemWithAnIntactChain()
    {
        var verify = await _client.GetOk("/api/v1/audit/verify");
        var rows = await _client.GetOk("/api/v1/audit?pageSize=200");

        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        Assert.True(verify.GetProperty("rowsChecked").GetInt64() > 500);
        Assert.All(rows.GetProperty("items").EnumerateArray(), r => Assert.Equal(("demo (system)", "admin"), (r.GetProperty("actor").GetString(), r.GetProperty("role").GetString())));
    }

    [Fact]
    public void SeedIfEmpty_OnALedgerThatHoldsAnything_RecordsNothing()
    {
        var store = factory.Services.GetRequiredService<LedgerStore>();
        var before = store.VerifyAudit().RowsChecked;

        var summary = DemoData.SeedIfEmpty(store, factory.Services.GetRequiredService<PolicyLibrary>(), factory.Services.GetRequiredService<ListsInForce>().Current, TimeProvider.System);

        Assert.Null(summary);
        Assert.Equal(before, store.VerifyAudit().RowsChecked);
    }

    [Fact]
    public void Seeding_TwoEmptyLedgers_RecordsTheSameEventsInTheSameOrder()
    {
        var folder = Directory.CreateTempSubdirectory("clearance-demo-");
        try
        {
            var library = factory.Services.GetRequiredService<PolicyLibrary>();
            var index = factory.Services.GetRequiredService<ListsInForce>().Current;
            var clock = new FakeTimeProvider(ClearanceFactory.Now);
            var logs = new List<IReadOnlyList<(string, string)>>();
            foreach (var name in new[] { "a.db", "b.db" })
            {
                var store = new LedgerStore(LedgerDatabase.Parse(Path.Combine(folder.FullName, name)), clock);
                Assert.NotNull(DemoData.SeedIfEmpty(store, library, index, clock));
                logs.Add([.. store.ReadAuditLog().Select(r => (r.EventType, r.Payload))]);
            }

            Assert.Equal(logs[0], logs[1]);
            Assert.Equal(factory.Services.GetRequiredService<LedgerStore>().ReadAuditLog().Select(r => r.Payload), logs[0].Select(r => r.Item2));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
