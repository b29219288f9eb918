using System.Net;
using Clearance.Server.Security;

namespace Clearance.Server.Tests.Api;

public sealed class LedgerPartiesApiTests(ClearanceFactory factory) : IClassFixture<ClearanceFactory>
{
    private readonly HttpClient _client = factory.CreateClient(Role.Officer);

    [Fact]
    public async Task RequestParty_IsCreatedOnceAndTheSameRequestAgainChangesNothing()
    {
        var request = new { id = "p-once", name = "Sakura AI Cloud K.K.", country = "JP", sector = "cloud", endUse = "inference", roles = new[] { "customer", "end-user" }, on = "2026-03-02" };

        var created = await _client.Expect(HttpStatusCode.Created, "/api/v1/parties", request);
        var again = await _client.Expect(HttpStatusCode.OK, "/api/v1/parties", request);

        Assert.Equal("requested", created.GetProperty("status").GetString());
        Assert.Equal(["customer", "end-user"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("JP", again.GetProperty("parentCountry").GetString());
        var detail = await _client.GetOk("/api/v1/parties/p-once");
        Assert.Single(detail.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task RequestParty_WithOtherDetailsUnderAnExistingId_IsAConflictNamingTheParty()
    {
        await _client.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id = "p-twice", name = "Rhein Research GmbH", country = "DE", sector = "research", endUse = "research" });

        var refused = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/parties", new { id = "p-twice", name = "Rhein Research AG", country = "DE", sector = "research", endUse = "research" });

        Assert.Contains("never rewritten", Assert.Single(refused.Errors("party")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanParty_IsScreenedApprovedAndItsHistoryNamesEachStep()
    {
        await _client.ApprovedParty("p-clean", "Columbia River Compute LLC", "US");

        var detail = await _client.GetOk("/api/v1/parties/p-clean");

        Assert.Equal("approved", detail.GetProperty("party").GetProperty("status").GetString());
        Assert.Equal("2026-12-31", detail.GetProperty("party").GetProperty("expires").GetString());
        Assert.Equal(["PartyRequested", "PartyScreened", "PartyApproved"], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()));
        Assert.All(detail.GetProperty("history").EnumerateArray(), h => Assert.Equal(("test-officer", "officer"), (h.GetProperty("actor").GetString(), h.GetProperty("role").GetString())));
    }

    [Fact]
    public async Task PartyNamedLikeAListedEntity_ScreensAsAHitWithEvidenceAndCannotBeApproved()
    {
        await _client.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id = "p-listed", name = "China Electronics Technology Group Corp. 13th Research Institute", country = "CN", sector = "research", endUse = "research" });

        var screening = await _client.Expect(HttpStatusCode.OK, "/api/v1/parties/p-listed/screenings", null);
        var approval = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/parties/p-listed/approval", new { reason = "looks fine", expires = "2027-01-31" });

        Assert.True(screening.GetProperty("outcome").GetProperty("hit").GetBoolean());
        var hit = screening.GetProperty("hits")[0];
        Assert.Contains("13th Research Institute", hit.GetProperty("listedName").GetString(), StringComparison.Ordinal);
        Assert.True(hit.GetProperty("score").GetDouble() >= 0.75);
        Assert.Equal(screening.GetProperty("outcome").GetProperty("listVersion").GetString(), (await _client.GetOk("/api/v1/parties/p-listed")).GetProperty("party").GetProperty("lastScreening").GetProperty("listVersion").GetString());
        Assert.Contains("found a hit", Assert.Single(approval.Errors("party")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectedParty_IsListedUnderItsStatusWithTheReason()
    {
        await _client.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id = "p-rejected", name = "Provincial Grid Analytics", country = "CN", sector = "telecom", endUse = "datacenter" });

        var rejected = await _client.Expect(HttpStatusCode.OK, "/api/v1/parties/p-rejected/rejection", new { reason = "state-owned critical infrastructure", on = "2026-02-03" });
        var list = await _client.GetOk("/api/v1/parties?status=rejected&pageSize=200");

        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var row = Assert.Single(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == "p-rejected");
        Assert.Equal("state-owned critical infrastructure", row.GetProperty("reason").GetString());
        Assert.All(list.GetProperty("items").EnumerateArray(), p => Assert.Equal("rejected", p.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ApprovingAPartyNotYetScreened_IsAConflict()
    {
        await _client.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id = "p-unscreened", name = "Desert Compute FZ-LLC", country = "AE", sector = "cloud", endUse = "datacenter" });

        var refused = await _client.Expect(HttpStatusCode.Conflict, "/api/v1/parties/p-unscreened/approval", new { reason = "urgent", expires = "2026-12-31" });

        Assert.Contains("only a screened party can be approved", Assert.Single(refused.Errors("party")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovalThatExpiresBeforeItIsGiven_IsUnprocessableNamingExpires()
    {
        await _client.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id = "p-early", name = "Lone Star AI Labs Inc.", country = "US", sector = "research", endUse = "training" });

        var refused = await _client.Expect(HttpStatusCode.UnprocessableEntity, "/api/v1/parties/p-early/approval", new { reason = "ok", expires = "2026-01-01", on = "2026-02-01" });

        Assert.Contains("expire after", refused.Errors("expires")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/parties/nobody")]
    [InlineData("/api/v1/licences/NO-SUCH")]
    [InlineData("/api/v1/orders/NO-SUCH")]
    [InlineData("/api/v1/shipments/no-such")]
    public async Task UnknownResource_IsNotFoundAsProblemDetails(string path)
    {
        var (status, problem) = await _client.Get(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("no ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScreeningAnUnknownParty_IsNotFound()
    {
        var (status, _) = await _client.Post("/api/v1/parties/nobody/screenings", new { on = "2026-02-01" });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task MissingFields_AreNamedAndNothingIsRecorded()
    {
        var before = (await _client.GetOk("/api/v1/audit/verify")).GetProperty("rowsChecked").GetInt64();

        var problem = await _client.Expect(HttpStatusCode.BadRequest, "/api/v1/parties", new { id = "p-incomplete", name = "X" });

        Assert.Equal(["is required"], problem.Errors("country"));
        Assert.Equal(["is required"], problem.Errors("endUse"));
        Assert.Equal(before, (await _client.GetOk("/api/v1/audit/verify")).GetProperty("rowsChecked").GetInt64());
    }

    [Theory]
    [InlineData("""{ "id": "p-json", "name": "X", "country": 86 }""", "country", "wrong type")]
    [InlineData("""{ "id": "p-json", "nmae": "X" }""", "nmae", "unknown field")]
    [InlineData("""{ "id": "p-json", "on": "31/01/2026" }""", "on", "YYYY-MM-DD")]
    [InlineData("""{ "id": "p-json", """, "body", "not valid JSON")]
    public async Task BadJson_IsABadRequestNamingTheField(string json, string field, string message)
    {
        var (status, problem) = await _client.PostText("/api/v1/parties", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, Assert.Single(problem.Errors(field)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileName_IsStoredVerbatimAndReturnedAsData()
    {
        const string name = "Robert'); DROP TABLE parties; -- <script>alert(1)</script>";

        await _client.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id = "p-hostile", name, country = "US", sector = "cloud", endUse = "training" });

        Assert.Equal(name, (await _client.GetOk("/api/v1/parties/p-hostile")).GetProperty("party").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/api/v1/parties?status=pending", "status")]
    [InlineData("/api/v1/parties?pageSize=500", "pageSize")]
    [InlineData("/api/v1/shipments?status=lost", "status")]
    [InlineData("/api/v1/orders?verdict=maybe", "verdict")]
    [InlineData("/api/v1/levies?period=2026-Q5", "period")]
    [InlineData("/api/v1/levies/statement", "period")]
    public async Task BadQuery_IsABadRequestNamingTheParameter(string path, string field)
    {
        var (status, problem) = await _client.Get(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(problem.Errors(field));
    }
}
