using Clearance.Core.Ledger;
using Clearance.Server.Security;
using Clearance.Server.Tests.Pages;
using Microsoft.Playwright;

namespace Clearance.Server.Tests.Browser;

/// <summary>The compliance team's day in the browser: sign in, approve a customer, dismiss a screening hit, open the dashboard.</summary>
public sealed class LedgerUiTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public LedgerUiTests(BrowserFixture browser)
    {
        _browser = browser;
        // Tests of one class run one after another, so the first one seeds the class's server.
        if (!browser.Server.Store().ReadState().Parties.ContainsKey(LedgerSeed.HitParty))
        {
            LedgerSeed.Seed(browser.Server);
        }
    }

    [Fact]
    public async Task Officer_SignsIn_AndApprovesAScreenedCustomerByKeyboard()
    {
        var page = await SignInAsync(Role.Officer, "Mei Chen", "/parties/" + LedgerSeed.CleanParty);

        await page.GetByLabel("Reason").First.FillAsync("KYC file complete; end use verified on site");
        await page.GetByLabel("Approved until").FillAsync("2027-06-30");
        await page.GetByLabel("Approved until").PressAsync("Enter");
        await page.WaitForSelectorAsync("#done");

        Assert.Equal("approved", await page.Locator("#party-status").InnerTextAsync());
        Assert.Contains("Mei Chen (officer)", await page.Locator("#history").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(PartyStatus.Approved, _browser.Server.Store().ReadState().Parties[LedgerSeed.CleanParty].Status);
        await BrowserFixture.ScreenshotAsync(page, "party-approved");
    }

    [Fact]
    public async Task Officer_DismissesAScreeningHitWithAReason()
    {
        var page = await SignInAsync(Role.Officer, "Li Na", "/screening/reviews?party=" + LedgerSeed.HitParty);
        var review = page.Locator("section.review").Filter(new() { HasText = "ofac-sdn:9001" });
        Assert.Contains("Acme Trading Ltd", await review.Locator(".matched-name").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "review-queue");

        await review.GetByLabel("Reason (required)").FillAsync("Registry number differs from the listed entity");
        await review.GetByRole(AriaRole.Button, new() { Name = "Dismiss as false positive" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("status=dismissed", StringComparison.Ordinal));

        var dismissed = page.Locator("section.review").Filter(new() { HasText = "ofac-sdn:9001" });
        Assert.Contains("dismissed", await dismissed.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Registry number differs", await dismissed.InnerTextAsync(), StringComparison.Ordinal);
        var state = _browser.Server.Store().ReadState();
        Assert.Equal(ScreeningReviewStatus.Dismissed, ScreeningReviews.OfLastScreening(state, LedgerSeed.HitParty).Single(r => r.Hit.EntryId == "ofac-sdn:9001").Status);
        await BrowserFixture.ScreenshotAsync(page, "review-dismissed");
    }

    [Fact]
    public async Task Officer_DismissWithoutAReason_IsRefusedByTheForm()
    {
        var page = await SignInAsync(Role.Officer, "Li Na", "/screening/reviews?party=" + LedgerSeed.HitParty);
        var review = page.Locator("section.review").Filter(new() { HasText = "bis-el:4711" });

        await review.GetByRole(AriaRole.Button, new() { Name = "Confirm match" }).ClickAsync();

        // The browser's own check stops the empty reason before anything is sent.
        Assert.False(await review.GetByLabel("Reason (required)").EvaluateAsync<bool>("e => e.checkValidity()"));
        Assert.Contains("/screening/reviews?party=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_OpensTheDashboard_AndSeesEveryChart()
    {
        var page = await SignInAsync(Role.Viewer, "Auditor", "/dashboard");

        Assert.True(await page.Locator("#orders-chart rect").CountAsync() >= 4);
        Assert.True(await page.Locator("#levies-chart rect").CountAsync() >= 1);
        Assert.Equal(2, await page.Locator("#quota-chart g[data-row]").CountAsync());
        Assert.Equal(1, await page.Locator("#licence-chart g[data-row]").CountAsync());
        Assert.Contains("2026-02", await page.Locator("#orders-chart desc").TextContentAsync() ?? "", StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "dashboard");
    }

    private async Task<IPage> SignInAsync(Role role, string name, string then)
    {
        var key = _browser.Server.IssueKey(role, name);
        var page = await _browser.OpenAsync("/signin?ReturnUrl=" + Uri.EscapeDataString(then));
        await page.GetByLabel("API key").FillAsync(key);
        // Only the redirect away from the sign-in page is awaited here: the checks after it wait for what they read. Waiting
        // for the next page's load event as well timed out once in CI (30 s) with both cores busy; and once the click
        // itself went unanswered (the page stayed idle on /signin), so the click is made again, once, after 20 s.
        var leftSignIn = new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = 20_000 };
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), leftSignIn);
        }
        catch (TimeoutException) when (page.Url.Contains("/signin", StringComparison.Ordinal))
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit, Timeout = 40_000 });
        }
        if (!page.Url.Contains(then, StringComparison.Ordinal))
        {
            await page.GotoAsync(new Uri(_browser.Server.BaseAddress, then).ToString());
        }

        return page;
    }
}
