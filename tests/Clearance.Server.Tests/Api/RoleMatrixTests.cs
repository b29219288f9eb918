using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Clearance.Server.Security;

namespace Clearance.Server.Tests.Api;

/// <summary>
/// Every write endpoint with the least role it needs: anonymous callers get 401, each lower role 403, and the
/// least role itself gets past authorization (any status but 401/403). Add a row for every write endpoint.
/// </summary>
public sealed class RoleMatrixTests(ClearanceFactory server) : IClassFixture<ClearanceFactory>
{
    public static TheoryData<string, string, string, Role> WriteEndpoints => new()
    {
        { "POST", "/api/v1/keys", """{"name":"someone","role":"viewer"}""", Role.Admin },
        { "GET", "/api/v1/keys", "", Role.Admin },
        { "POST", "/api/v1/keys/000000000000/revoke", """{"reason":"left the team"}""", Role.Admin },
        { "POST", "/api/v1/screening", """{"name":"Banco Nacional de Cuba"}""", Role.Viewer },
        { "POST", "/api/v1/lists/reload", "", Role.Admin },

        // The ledger (src/Clearance.Server/Ledger): analysts record, officers decide; every read needs a viewer.
        { "GET", "/api/v1/parties", "", Role.Viewer },
        { "GET", "/api/v1/audit/verify", "", Role.Viewer },
        { "POST", "/api/v1/parties", """{"id":"rm-party","name":"Role Matrix Ltd","country":"US","sector":"cloud","endUse":"training"}""", Role.Analyst },
        { "POST", "/api/v1/parties/rm-party/screenings", "{}", Role.Analyst },
        { "POST", "/api/v1/parties/rescreenings", """{"dryRun":true}""", Role.Analyst },
        { "POST", "/api/v1/parties/rm-party/approval", """{"reason":"KYC complete","expires":"2026-12-31"}""", Role.Officer },
        { "POST", "/api/v1/parties/rm-party/rejection", """{"reason":"not a customer"}""", Role.Officer },
        { "POST", "/api/v1/licences", """{"number":"BIS-RM-1","jurisdiction":"US-BIS","products":["H20"],"authorisedUnits":10,"authorisedValueUsd":120000,"validFrom":"2026-01-01","validTo":"2026-12-31"}""", Role.Officer },
        { "POST", "/api/v1/quotas/pools", """{"id":"rm-pool","jurisdiction":"CN","product":"H200","buyers":["rm-party"],"totalUnits":10,"validFrom":"2026-01-28","validTo":"2026-12-31","source":"test"}""", Role.Officer },
        { "POST", "/api/v1/quotas/caps", """{"id":"rm-cap","product":"H200","destinations":["CN"],"ratioPercent":50,"source":"test"}""", Role.Officer },
        { "POST", "/api/v1/orders", """{"id":"rm-order","order_date":"2026-02-02","product":"H20","quantity":1,"unit_value":12000,"destination":"US","customer":"Role Matrix Ltd","customer_country":"US"}""", Role.Analyst },
        { "POST", "/api/v1/shipments", """{"key":"rm-1","order":"rm-order","endUser":"rm-party","destination":"US","product":"H20","units":1,"valueUsd":12000,"date":"2026-02-16"}""", Role.Analyst },
        { "POST", "/api/v1/shipments/rm-1/shipped", "{}", Role.Analyst },
        { "POST", "/api/v1/shipments/rm-1/release", """{"reason":"cancelled"}""", Role.Officer },
        { "POST", "/api/v1/shipments/rm-1/reversal", """{"reason":"returned"}""", Role.Officer },
        { "GET", "/api/v1/audit", "", Role.Officer },

        // Screening reviews (src/Clearance.Server/Screening/Review*): officers decide hits.
        { "GET", "/api/v1/screening/reviews", "", Role.Viewer },
        { "POST", "/api/v1/screening/reviews/1/confirm", """{"reason":"same registry number"}""", Role.Officer },
        { "POST", "/api/v1/screening/reviews/1/dismiss", """{"reason":"false positive"}""", Role.Officer },
    };

    [Theory]
    [MemberData(nameof(WriteEndpoints))]
    public async Task Endpoint_WithoutAKey_IsUnauthorized(string method, string path, string body, Role least)
    {
        _ = least;
        using var client = server.CreateClient();

        using var response = await client.SendAsync(Request(method, path, body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(WriteEndpoints))]
    public async Task Endpoint_ForEveryRoleBelowItsLeast_IsForbidden(string method, string path, string body, Role least)
    {
        foreach (var role in Enum.GetValues<Role>().Where(r => r < least))
        {
            using var client = server.CreateClient(role);

            using var response = await client.SendAsync(Request(method, path, body));

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} got {(int)response.StatusCode} for {method} {path}");
        }
    }

    [Theory]
    [MemberData(nameof(WriteEndpoints))]
    public async Task Endpoint_ForItsLeastRole_IsAuthorized(string method, string path, string body, Role least)
    {
        using var client = server.CreateClient(least);

        using var response = await client.SendAsync(Request(method, path, body));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Endpoint_WithAForgedOrRevokedKey_IsUnauthorized()
    {
        using var admin = server.CreateClient(Role.Admin);
        using var issued = await admin.PostAsync("/api/v1/keys", Json("""{"name":"leaver","role":"officer"}"""));
        var key = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        var id = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("credential").GetProperty("id").GetString()!;
        using var revoked = await admin.PostAsync($"/api/v1/keys/{id}/revoke", Json("""{"reason":"left"}"""));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        foreach (var presented in new[] { key, key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), "clr_000000000000_x", "not-a-key" })
        {
            using var client = server.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", presented);
            using var response = await client.GetAsync("/api/v1/keys");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private static HttpRequestMessage Request(string method, string path, string body) =>
        new(new HttpMethod(method), path) { Content = body.Length > 0 ? Json(body) : null };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
