using Clearance.Server.Security;
using Microsoft.Playwright;

namespace Clearance.Server.Tests.Browser;

public sealed class SignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignIn_WithAnOfficerKey_ShowsWhoIsSignedIn_AndSignOutEndsIt()
    {
        var key = browser.Server.IssueKey(Role.Officer, "Li Na");
        var page = await browser.OpenAsync("/signin");

        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));

        var session = await page.Locator(".session").InnerTextAsync();
        Assert.Contains("Li Na", session, StringComparison.Ordinal);
        Assert.Contains("officer", session, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "signed-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForSelectorAsync(".session a[href='/signin']");
    }

    [Fact]
    public async Task SignIn_WithAWrongKey_SaysSoAndKeepsYouOnTheForm()
    {
        var page = await browser.OpenAsync("/signin");

        await page.GetByLabel("API key").FillAsync("clr_000000000000_not-a-real-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.Contains("not valid", alert, StringComparison.Ordinal);
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
    }
}
