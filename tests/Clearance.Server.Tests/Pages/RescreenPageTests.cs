using System.Net;
using Clearance.Core.Ledger;
using Clearance.Server.Security;

namespace Clearance.Server.Tests.Pages;

/// <summary>The parties page's re-screening, on a ledger of its own (it re-screens every party).</summary>
public sealed class RescreenPageTests : IDisposable
{
    private readonly ClearanceFactory _server = new();

    [Fact]
    public async Task PartiesPage_ReScreensThePartiesScreenedAgainstOtherLists_AndRecordsEachOutcome()
    {
        var store = _server.Store();
        store.Append(
            [new RequestParty("bnc", "Banco Nacional de Cuba", [PartyRole.Customer], "CU", "CU", "banking", "none", LedgerSeed.Day),
             new RecordScreening("bnc", new ScreeningOutcome(false, "csl-2026-01-30", "screened elsewhere"), LedgerSeed.Day),
             new RequestParty("fresh", "Northwind Traders", [PartyRole.Customer], "US", "US", "retail", "none", LedgerSeed.Day)],
            LedgerSeed.Setup);
        using var viewer = Client(Role.Viewer);
        using var analyst = Client(Role.Analyst);

        var before = await viewer.GetStringAsync(new Uri("/parties", UriKind.Relative));
        var (forbidden, _) = await PageForms.PostForm(viewer, "/parties", new() { ["handler"] = "Rescreen" });
        var (status, html) = await PageForms.PostForm(analyst, "/parties", new() { ["handler"] = "Rescreen" });

        Assert.Contains("1 party was last screened against other lists.", before, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"rescreen-form\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("1 re-screened against lists", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-rescreened=\"bnc\">", html, StringComparison.Ordinal);
        Assert.Contains("in full", html, StringComparison.Ordinal);
        Assert.Contains("BANCO NACIONAL DE CUBA", html, StringComparison.Ordinal);
        var party = store.ReadState().Parties["bnc"];
        Assert.True(party.LastScreening!.Hit);
        Assert.NotEqual("csl-2026-01-30", party.LastScreening.ListVersion);
        Assert.Null(store.ReadState().Parties["fresh"].LastScreening);
    }

    public void Dispose() => _server.Dispose();

    private HttpClient Client(Role role)
    {
        var client = _server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", _server.IssueKey(role));
        return client;
    }
}
