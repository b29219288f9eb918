using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearance.Core.Ledger;
using Clearance.Server.Security;
using Clearance.Server.Tests.Pages;

namespace Clearance.Server.Tests.Api;

public sealed class ScreeningReviewApiTests(ClearanceFactory server) : IClassFixture<ClearanceFactory>
{
    /// <summary>A fresh party with two pending hits; gives the party id and the review numbers.</summary>
    private (string Party, long Sdn, long Entity) PartyWithHits()
    {
        var id = "acme-" + Guid.NewGuid().ToString("N")[..8];
        var result = server.Store().Append(
            [new RequestParty(id, "Acme Trading Ltd", [PartyRole.Consignee], "HK", "CN", "distribution", "resale", LedgerSeed.Day),
             new RecordScreening(id, new ScreeningOutcome(true, "lists-0a1b2c3d4e5f", "2 hits") { Hits = [LedgerSeed.SdnHit, LedgerSeed.EntityHit] }, LedgerSeed.Day)],
            LedgerSeed.Setup);
        Assert.True(result.Succeeded, string.Join("; ", result.Outcome.Problems));
        var reviews = ScreeningReviews.OfLastScreening(result.Outcome.State, id);
        return (id, reviews[0].Number, reviews[1].Number);
    }

    [Fact]
    public async Task Reviews_ListThePendingHitsOfAPartyWithTheirEvidence()
    {
        var (party, sdn, _) = PartyWithHits();
        using var client = server.CreateClient(Role.Viewer);

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/screening/reviews?party={party}");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var first = items[0];
        Assert.Equal(sdn, first.GetProperty("id").GetInt64());
        Assert.Equal("Pending", first.GetProperty("status").GetString());
        Assert.Equal("ofac-sdn:9001", first.GetProperty("hit").GetProperty("entryId").GetString());
        Assert.Equal("Acme Trading Ltd", first.GetProperty("hit").GetProperty("matchedName").GetString());
        Assert.Equal(0.93, first.GetProperty("hit").GetProperty("score").GetDouble());
        Assert.Equal("acme", first.GetProperty("hit").GetProperty("tokens")[0].GetProperty("queryToken").GetString());
    }

    [Fact]
    public async Task Dismiss_EveryHit_LetsTheOfficerApproveAndRecordsWhoDismissed()
    {
        var (party, sdn, entity) = PartyWithHits();
        using var officer = server.CreateClient(Role.Officer);

        using var first = await officer.PostAsJsonAsync($"/api/v1/screening/reviews/{sdn}/dismiss", new { reason = "different registry number" });
        using var second = await officer.PostAsJsonAsync($"/api/v1/screening/reviews/{entity}/dismiss", new { reason = "different address" });
        var store = server.Store();
        var approve = store.Append([new ApproveParty(party, "KYC complete", LedgerSeed.Day, LedgerSeed.Day.AddYears(1))], LedgerSeed.Setup);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Dismissed", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(approve.Succeeded, string.Join("; ", approve.Outcome.Problems));
        var row = store.ReadAuditLog().Last(r => r.EventType == nameof(ScreeningHitDismissed));
        Assert.Equal("officer", row.Role);
        Assert.Contains("different address", row.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_AHitOfAnApprovedParty_SuspendsIt()
    {
        var (party, sdn, entity) = PartyWithHits();
        using var officer = server.CreateClient(Role.Officer);
        using var dismissed = await officer.PostAsJsonAsync($"/api/v1/screening/reviews/{entity}/dismiss", new { reason = "different address" });
        using var dismissedToo = await officer.PostAsJsonAsync($"/api/v1/screening/reviews/{sdn}/dismiss", new { reason = "different registry" });
        var store = server.Store();
        Assert.True(store.Append([new ApproveParty(party, "KYC complete", LedgerSeed.Day, LedgerSeed.Day.AddYears(1))], LedgerSeed.Setup).Succeeded);
        var rescreen = store.Append([new RecordScreening(party, new ScreeningOutcome(true, "lists-99", "new entry") { Hits = [LedgerSeed.SdnHit with { EntryId = "un:123", Source = "UN Security Council" }] }, LedgerSeed.Day.AddDays(5))], LedgerSeed.Setup);
        var fresh = ScreeningReviews.OfLastScreening(rescreen.Outcome.State, party).Single();

        using var confirmed = await officer.PostAsJsonAsync($"/api/v1/screening/reviews/{fresh.Number}/confirm", new { reason = "same passport number" });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(PartyStatus.Suspended, store.ReadState().Parties[party].Status);
    }

    [Fact]
    public async Task Dismiss_WithoutAReason_IsAValidationProblemNamingTheField()
    {
        var (_, sdn, _) = PartyWithHits();
        using var officer = server.CreateClient(Role.Officer);

        using var response = await officer.PostAsJsonAsync($"/api/v1/screening/reviews/{sdn}/dismiss", new { reason = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Decide_AnUnknownReview_Is404_AndAnAlreadyDecidedOne_Is409()
    {
        var (_, sdn, _) = PartyWithHits();
        using var officer = server.CreateClient(Role.Officer);
        using var confirmed = await officer.PostAsJsonAsync($"/api/v1/screening/reviews/{sdn}/confirm", new { reason = "same registry number" });

        using var unknown = await officer.PostAsJsonAsync("/api/v1/screening/reviews/999999/dismiss", new { reason = "false positive" });
        using var flip = await officer.PostAsJsonAsync($"/api/v1/screening/reviews/{sdn}/dismiss", new { reason = "false positive" });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, flip.StatusCode);
        Assert.Contains("already confirmed", (await flip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviews_WithAnUnknownStatus_IsAValidationProblem()
    {
        using var client = server.CreateClient(Role.Viewer);

        using var response = await client.GetAsync(new Uri("/api/v1/screening/reviews?status=maybe", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));
    }
}
