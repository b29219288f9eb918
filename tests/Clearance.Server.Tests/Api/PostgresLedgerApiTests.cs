using System.Net;
using Clearance.Server.Security;
using Clearance.Storage.Tests;

namespace Clearance.Server.Tests.Api;

/// <summary>One real PostgreSQL server (initdb into a temp dir) for the class; each test gets its own database.</summary>
public sealed class PostgresServerFixture : IDisposable
{
    public PostgresServer Server { get; } = new();

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// "Several replicas can share one database": two server instances on one PostgreSQL database, as two replicas
/// behind a load balancer would be; what one records, the other reads and builds on, and neither over-depletes.
/// </summary>
public sealed class PostgresLedgerApiTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task TwoReplicasOnOneDatabase_EachReadsWhatTheOtherRecorded()
    {
        var database = postgres.Server.CreateDatabase("replicas");
        using var first = ClearanceFactory.With(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearance:Database"] = database });
        using var second = ClearanceFactory.With(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearance:Database"] = database });
        var a = first.CreateClient(Role.Officer);
        var b = second.CreateClient(Role.Officer);

        await a.ApprovedParty("pg-tencent", "Tencent Cloud Computing (Shenzhen) Co., Ltd.", "CN");
        var readByB = await b.GetOk("/api/v1/parties/pg-tencent");
        await b.Expect(HttpStatusCode.Created, "/api/v1/licences", new { number = "BIS-PG-1", jurisdiction = "US-BIS", parties = new[] { "pg-tencent" }, products = new[] { "H20" }, authorisedUnits = 1_000, authorisedValueUsd = 12_000_000m, validFrom = "2025-08-11", validTo = "2026-08-10" });
        var readByA = await a.GetOk("/api/v1/licences/BIS-PG-1");

        Assert.Equal("approved", readByB.GetProperty("party").GetProperty("status").GetString());
        Assert.Equal(1_000, readByA.GetProperty("authorisedUnits").GetInt64());
        Assert.StartsWith("PostgreSQL", (await a.GetOk("/api/v1/audit/verify")).GetProperty("database").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoReplicasShippingAgainstOneLicence_NeverOverDepleteIt()
    {
        var database = postgres.Server.CreateDatabase("replicas");
        using var first = ClearanceFactory.With(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearance:Database"] = database });
        using var second = ClearanceFactory.With(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearance:Database"] = database });
        var a = first.CreateClient(Role.Officer);
        var b = second.CreateClient(Role.Officer);
        await a.ApprovedParty("pg-alibaba", "Alibaba Cloud Computing (Hangzhou) Co., Ltd.", "CN");
        await a.Expect(HttpStatusCode.Created, "/api/v1/licences", new { number = "BIS-PG-2", jurisdiction = "US-BIS", parties = new[] { "pg-alibaba" }, products = new[] { "H20" }, authorisedUnits = 1_000, authorisedValueUsd = 12_000_000m, validFrom = "2025-08-11", validTo = "2026-08-10" });
        await b.Expect(HttpStatusCode.Created, "/api/v1/orders", new Dictionary<string, object>
        {
            ["id"] = "pg-h20", ["order_date"] = "2025-12-01", ["product"] = "H20", ["quantity"] = 2_000, ["unit_value"] = 12_000, ["destination"] = "CN", ["export_origin"] = "TW",
            ["customer"] = "Alibaba Cloud Computing (Hangzhou) Co., Ltd.", ["customer_country"] = "CN", ["sector"] = "cloud", ["end_use"] = "inference",
            ["state_owned"] = false, ["critical_infrastructure"] = false, ["state_funded_project"] = false,
        });

        // 20 shipments of 100 units, alternating replicas, all at once: exactly 10 fit the licence.
        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => (i % 2 == 0 ? a : b).Post("/api/v1/shipments", new
        {
            key = $"pg-{i}", order = "pg-h20", endUser = "pg-alibaba", destination = "CN", product = "H20", units = 100, valueUsd = 1_200_000m, licence = "BIS-PG-2", date = "2025-12-15",
        })));

        Assert.True(answers.Count(r => r.Status == HttpStatusCode.Created) == 10, string.Join("\n", answers.Select(r => $"{(int)r.Status} {r.Body}")));
        Assert.Equal(10, answers.Count(r => r.Status == HttpStatusCode.Conflict));
        Assert.Equal(1_000, (await b.GetOk("/api/v1/licences/BIS-PG-2")).GetProperty("usedUnits").GetInt64());
        Assert.True((await a.GetOk("/api/v1/audit/verify")).GetProperty("intact").GetBoolean());
    }
}
