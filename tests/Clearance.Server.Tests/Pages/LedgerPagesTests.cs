using System.Net;
using System.Text.RegularExpressions;
using Clearance.Core.Ledger;
using Clearance.Server.Security;

namespace Clearance.Server.Tests.Pages;

/// <summary>The ledger pages through the real pipeline, on a ledger seeded for each test class.</summary>
public sealed partial class LedgerPagesTests : IClassFixture<LedgerPagesTests.SeededFactory>
{
    private readonly SeededFactory _server;

    public LedgerPagesTests(SeededFactory server)
    {
        _server = server;
    }

    public sealed class SeededFactory : ClearanceFactory
    {
        private readonly Lazy<bool> _seeded;

        public SeededFactory()
        {
            _seeded = new(() =>
            {
                LedgerSeed.Seed(this);
                return true;
            });
        }

        public void EnsureSeeded() => _ = _seeded.Value;
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/orders")]
    [InlineData("/orders/SO-CN-1")]
    [InlineData("/parties")]
    [InlineData("/parties/bytedance")]
    [InlineData("/licences")]
    [InlineData("/quotas")]
    [InlineData("/screening/reviews")]
    public async Task LedgerPage_ForAnAnonymousVisitor_RedirectsToSignIn(string path)
    {
        using var client = _server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_DrawsOrdersByVerdictPerMonthWithATableAlternative()
    {
        var html = await Get(Role.Viewer, "/dashboard");

        // February: one allowed and one case-by-case order; March: one case-by-case, one presumption of denial.
        var february = Section(html, "<g data-category=\"2026-02\">", "</g>");
        Assert.Contains("data-series=\"allowed\" data-value=\"1\"", february, StringComparison.Ordinal);
        Assert.Contains("data-series=\"licence required (case-by-case review)\" data-value=\"1\"", february, StringComparison.Ordinal);
        var march = Section(html, "<g data-category=\"2026-03\">", "</g>");
        Assert.Contains("data-series=\"licence required (presumption of denial)\" data-value=\"1\"", march, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"orders-chart-desc\">", html, StringComparison.Ordinal);
        Assert.Contains("Show as table", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ShowsTheDutyAccruedAndTheGaugesOfPoolCapAndLicence()
    {
        var html = await Get(Role.Viewer, "/dashboard");

        // 25% duty on the $30M shipped to ByteDance in February.
        Assert.Contains("data-series=\"duties\" data-value=\"7500000", html, StringComparison.Ordinal);
        var pool = Section(html, "<g data-row=\"pool cn-2026-h200\">", "</g>");
        Assert.Contains("data-part=\"used\" data-value=\"1000\"", pool, StringComparison.Ordinal);
        Assert.Contains("data-part=\"reserved\" data-value=\"500\"", pool, StringComparison.Ordinal);
        Assert.Contains("data-part=\"remaining\" data-value=\"398500\"", pool, StringComparison.Ordinal);
        // The cap allows 50% of the 4,000 units shipped for US end use: 2,000, of which 1,500 are held.
        var cap = Section(html, "<g data-row=\"cap h200-cn-mo-50pct\">", "</g>");
        Assert.Contains("data-part=\"remaining\" data-value=\"500\"", cap, StringComparison.Ordinal);
        Assert.Contains("75% held", cap, StringComparison.Ordinal);
        Assert.Contains("<g data-row=\"BIS-H200-0001\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderPage_ShowsTheStoredDecisionPacksDutyAndShipments()
    {
        var html = await Get(Role.Viewer, "/orders/SO-CN-1");

        Assert.Contains("licence required (case-by-case review)", html, StringComparison.Ordinal);
        Assert.Contains("cn-import-controls", html, StringComparison.Ordinal);
        Assert.Contains("Proclamation 11002", html, StringComparison.Ordinal);
        Assert.Contains("data-shipment=\"cn-1\"", html, StringComparison.Ordinal);
        Assert.Contains("$7,500,000", html, StringComparison.Ordinal);
        var jurisdictions = Section(html, "id=\"jurisdictions\"", "</table>");
        Assert.Contains("ear-h200-case-by-case", jurisdictions, StringComparison.Ordinal);
        Assert.Contains("s232-window-1 (us-section-232@2026.1)", Section(html, "id=\"all-obligations\"", "</table>"), StringComparison.Ordinal);
        var fired = Section(html, "id=\"fired-rules\"", "</table>");
        var rule = Section(fired, "data-rule=\"ear-h200-case-by-case\"", "</tr>");
        Assert.Contains("reviewed case by case", rule, StringComparison.Ordinal);
        Assert.Contains("2026-01-15", rule, StringComparison.Ordinal);
        Assert.Contains("91 FR 1684", rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderPage_ForAnUnknownOrder_IsNotFound()
    {
        using var client = Client(Role.Viewer);

        using var response = await client.GetAsync(new Uri("/orders/no-such-order", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("?verdict=prohibited", new[] { "SO-CN-4" })]
    [InlineData("?from=2026-03-01&to=2026-03-31", new[] { "SO-CN-2", "SO-CN-3" })]
    [InlineData("?q=us", new[] { "SO-US-1" })]
    public async Task OrdersList_Filters(string query, string[] expected)
    {
        var html = await Get(Role.Viewer, "/orders" + query);

        Assert.Equal(expected.Order(StringComparer.Ordinal), OrderRows().Matches(html).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OrdersList_WithAnEmptyDateRange_SaysWhy()
    {
        var html = await Get(Role.Viewer, "/orders?from=2026-04-01&to=2026-03-01");

        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("is before From", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartiesList_FiltersByStatus()
    {
        var html = await Get(Role.Viewer, "/parties?status=rejected");

        Assert.Equal(["refused-co"], PartyRows().Matches(html).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task PartyPage_WithPendingHits_SaysWhyItCannotBeApprovedAndShowsItsHistory()
    {
        var html = await Get(Role.Officer, "/parties/" + LedgerSeed.HitParty);

        var why = Section(html, "id=\"why-not\"", "</div>");
        Assert.Contains("ofac-sdn:9001, pending", why, StringComparison.Ordinal);
        Assert.Contains("bis-el:4711, pending", why, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve-form\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"reject-form\"", html, StringComparison.Ordinal);
        var history = Section(html, "id=\"history\"", "</table>");
        Assert.Contains("party requested", history, StringComparison.Ordinal);
        Assert.Contains("party screened", history, StringComparison.Ordinal);
        Assert.Contains("2 hit(s)", history, StringComparison.Ordinal);
        Assert.Contains("seed (officer)", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartyPage_ForAViewer_HasNoApprovalForms()
    {
        var html = await Get(Role.Viewer, "/parties/" + LedgerSeed.CleanParty);

        Assert.Contains("Only an officer can approve", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve-form\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Analyst)]
    public async Task Approve_ByLessThanAnOfficer_IsForbiddenAndChangesNothing(Role role)
    {
        using var client = Client(role);
        var before = _server.Store().ReadAuditLog().Count;

        using var response = await client.PostAsync(new Uri($"/parties/{LedgerSeed.CleanParty}/approve", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "KYC complete", ["Expires"] = "2027-06-30" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, _server.Store().ReadAuditLog().Count);
    }

    [Fact]
    public async Task Approve_WithoutAReason_ShowsTheErrorInlineAndKeepsTheExpiry()
    {
        using var client = Client(Role.Officer);

        var (status, html) = await PostForm(client, $"/parties/{LedgerSeed.CleanParty}/approve", new() { ["Reason"] = "", ["Expires"] = "2027-06-30" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"approve-reason-error\">is required", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2027-06-30\"", html, StringComparison.Ordinal);
        Assert.Equal(PartyStatus.Screened, _server.Store().ReadState().Parties[LedgerSeed.CleanParty].Status);
    }

    [Fact]
    public async Task Approve_WithABadDate_NamesTheFieldAndKeepsTheReason()
    {
        using var client = Client(Role.Officer);

        var (_, html) = await PostForm(client, $"/parties/{LedgerSeed.CleanParty}/approve", new() { ["Reason"] = "KYC \"complete\"", ["Expires"] = "30/06/2027" });

        Assert.Contains("id=\"approve-expires-error\">&#x27;30/06/2027&#x27; is not a date", html, StringComparison.Ordinal);
        Assert.Contains("value=\"KYC &quot;complete&quot;\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ByAnOfficer_RecordsTheApprovalWithTheOfficerAsActor()
    {
        _server.EnsureSeeded();
        var store = _server.Store();
        store.Append([new RequestParty("new-co", "New Co", [PartyRole.EndUser], "SG", "SG", "research", "lab", LedgerSeed.Day), new RecordScreening("new-co", new ScreeningOutcome(false, "lists-0a1b2c3d4e5f", ""), LedgerSeed.Day)], LedgerSeed.Setup);
        using var client = Client(Role.Officer, "Mei Chen");

        var (status, html) = await PostForm(client, "/parties/new-co/approve", new() { ["Reason"] = "KYC complete", ["Expires"] = "2027-06-30" });

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("The party was approved.", await client.GetStringAsync(new Uri(html, UriKind.Relative)), StringComparison.Ordinal);
        var party = store.ReadState().Parties["new-co"];
        Assert.Equal(PartyStatus.Approved, party.Status);
        Assert.Equal(new DateOnly(2027, 6, 30), party.Expires);
        var row = store.ReadAuditLog()[^1];
        Assert.Equal(("PartyApproved", "Mei Chen", "officer"), (row.EventType, row.Actor, row.Role));
    }

    [Fact]
    public async Task ReviewQueue_ShowsEachHitWithItsEvidence()
    {
        var html = await Get(Role.Viewer, "/screening/reviews?party=" + LedgerSeed.HitParty);

        Assert.Contains("Acme Trading Ltd", html, StringComparison.Ordinal);
        Assert.Contains("ofac-sdn:9001", html, StringComparison.Ordinal);
        Assert.Contains("OFAC SDN", html, StringComparison.Ordinal);
        Assert.Contains("0.93", html, StringComparison.Ordinal);
        Assert.Contains("<td>trading</td><td>trade</td><td>0.80</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("decide-review", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_ByAViewer_IsForbidden()
    {
        using var client = Client(Role.Viewer);

        using var response = await client.PostAsync(new Uri("/screening/reviews/1/decide?handler=dismiss", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "false positive" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Decide_WithoutAReason_ShowsTheReviewAgainWithTheError()
    {
        using var client = Client(Role.Officer);
        var number = OpenReview();

        var (status, html) = await PostForm(client, $"/screening/reviews/{number}/decide", new() { ["Reason"] = " ", ["handler"] = "dismiss" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"decide-errors\"", html, StringComparison.Ordinal);
        Assert.Contains("is required", html, StringComparison.Ordinal);
        Assert.Equal(ScreeningReviewStatus.Pending, ScreeningReviews.Find(_server.Store().ReadState(), number)!.Status);
    }

    /// <summary>A fresh party with one pending hit, so tests that decide reviews do not share one.</summary>
    private long OpenReview()
    {
        _server.EnsureSeeded();
        var id = "hit-" + Guid.NewGuid().ToString("N")[..8];
        var result = _server.Store().Append(
            [new RequestParty(id, "Acme Trading Ltd", [PartyRole.Consignee], "HK", "CN", "distribution", "resale", LedgerSeed.Day),
             new RecordScreening(id, new ScreeningOutcome(true, "lists-0a1b2c3d4e5f", "1 hit") { Hits = [LedgerSeed.SdnHit] }, LedgerSeed.Day)],
            LedgerSeed.Setup);
        Assert.True(result.Succeeded);
        return ScreeningReviews.OfLastScreening(result.Outcome.State, id).Single().Number;
    }

    private HttpClient Client(Role role, string? name = null)
    {
        _server.EnsureSeeded();
        var client = _server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", _server.IssueKey(role, name));
        return client;
    }

    private async Task<string> Get(Role role, string path)
    {
        using var client = Client(role);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {html}");
        return html;
    }

    private static Task<(HttpStatusCode Status, string Html)> PostForm(HttpClient client, string path, Dictionary<string, string> fields) =>
        PageForms.PostForm(client, path, fields);

    private static string Section(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' is not on the page");
        var to = html.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return html[from..(to < 0 ? html.Length : to)];
    }

    [GeneratedRegex("<tr data-order=\"([^\"]+)\"")]
    private static partial Regex OrderRows();

    [GeneratedRegex("<tr data-party=\"([^\"]+)\"")]
    private static partial Regex PartyRows();
}
