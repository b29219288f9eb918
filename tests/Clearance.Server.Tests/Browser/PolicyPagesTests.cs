using Clearance.Server.Security;
using Microsoft.Playwright;

namespace Clearance.Server.Tests.Browser;

public sealed class PolicyPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Evaluate_AnOrderEnteredByKeyboard_ShowsTheDecisionWithEveryRuleItsReasonAndTheLevy()
    {
        var page = await browser.OpenAsync("/Evaluate");

        await page.GetByLabel("Order reference").FillAsync("SJ-002");
        await page.GetByLabel("Order date", new() { Exact = true }).FillAsync("2025-09-01");
        await page.GetByLabel("Chip (id, name or alias)").FillAsync("H20");
        await page.GetByLabel("Quantity, units").FillAsync("1000");
        await page.GetByLabel("Value of one unit").FillAsync("12000");
        await page.GetByLabel("Entered into US customs territory").SelectOptionAsync("");
        await page.GetByLabel("Sector", new() { Exact = true }).FillAsync("cloud");
        await page.GetByLabel("End use", new() { Exact = true }).FillAsync("inference");
        await page.GetByLabel("Chip (id, name or alias)").PressAsync("Enter");
        await page.WaitForSelectorAsync("#decision");

        Assert.Equal("licence-required/approval", await page.Locator("#verdict").GetAttributeAsync("data-verdict"));
        var levyRule = await page.Locator("#rules tr[data-rule='ear-h20-15-percent']").InnerTextAsync();
        Assert.Contains("fired", levyRule, StringComparison.Ordinal);
        Assert.Contains("met: ", levyRule, StringComparison.Ordinal);
        Assert.Contains("1,800,000.00 USD", await page.Locator("#amount-due").InnerTextAsync(), StringComparison.Ordinal);
        var rules = await page.Locator("#rules tbody tr").CountAsync();
        Assert.Equal(rules, await page.Locator("#rules tr[data-status]").CountAsync());
        Assert.True(await page.Locator("#rules tr[data-status='NotInForce']").CountAsync() > 0, "rules not in force are listed too");
        await BrowserFixture.ScreenshotAsync(page, "evaluate-h20");
    }

    [Fact]
    public async Task Evaluate_AnInvalidOrder_NamesEachFieldAndKeepsWhatWasTyped()
    {
        var page = await browser.OpenAsync("/Evaluate");

        await page.GetByLabel("Quantity, units").FillAsync("-3");
        await page.GetByLabel("Chip (id, name or alias)").FillAsync("H2O");
        await page.Locator("#evaluate").ClickAsync();

        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.Contains("quantity: '-3' is not a whole number", alert, StringComparison.Ordinal);
        Assert.Contains("did you mean H20", alert, StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#quantity").GetAttributeAsync("aria-invalid"));
        Assert.Equal("H2O", await page.Locator("#product").InputValueAsync());
        Assert.Equal(0, await page.Locator("#decision").CountAsync());
    }

    [Fact]
    public async Task WhatIf_ASampleOrderUnderALaterDate_ShowsBothDecisionsSideBySideAndMarksTheRulesThatChanged()
    {
        var page = await browser.OpenAsync("/WhatIf");

        await page.GetByLabel("A sample order", new() { Exact = false }).SelectOptionAsync("SO-2025-010");
        await page.Locator("#asOf").FillAsync("");
        await page.Locator("#thenAsOf").FillAsync("2026-02-01");
        await page.Locator("#thenAsOf").PressAsync("Enter");
        await page.WaitForSelectorAsync("#comparison");

        var order = page.Locator("article[data-order='SO-2025-010']");
        Assert.Equal("true", await order.GetAttributeAsync("data-changed"));
        var before = await order.Locator("[data-side='before'] [data-verdict]").GetAttributeAsync("data-verdict");
        var after = await order.Locator("[data-side='after'] [data-verdict]").GetAttributeAsync("data-verdict");
        Assert.NotEqual(before, after);
        Assert.Equal("licence-required/case-by-case", after);
        var changedRule = order.Locator("[data-side='after'] tr[data-rule='ear-h200-case-by-case']");
        Assert.Equal("true", await changedRule.GetAttributeAsync("data-changed"));
        Assert.Contains("fired", await changedRule.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("changed", await changedRule.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("2026-02-01", await page.Locator("#thenAsOf").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(page, "whatif-h200");
    }

    [Fact]
    public async Task EvaluateBook_TheSampleBookUploaded_ShowsEveryDecisionAndDownloadsThemAsCsv()
    {
        var reference = (Clearance.Server.Hosting.ReferenceData)browser.Server.Services.GetService(typeof(Clearance.Server.Hosting.ReferenceData))!;
        var sample = Path.Combine(reference.DataDirectory, "samples", "orders.csv");
        var orders = (await File.ReadAllLinesAsync(sample)).Count(line => line.Length > 0) - 1;
        var page = await browser.OpenAsync("/Evaluate");

        await page.Locator("#book-link").ClickAsync();
        await page.GetByLabel("Order book file", new() { Exact = false }).SetInputFilesAsync(sample);
        await page.Locator("#evaluate-book").ClickAsync();
        await page.WaitForSelectorAsync("#book-result");

        Assert.Equal(orders, await page.Locator("#decisions tbody tr").CountAsync());
        Assert.Equal("licence-required/presumption-of-denial", await page.Locator("#decisions tr[data-order='SO-2025-010']").GetAttributeAsync("data-verdict"));
        await BrowserFixture.ScreenshotAsync(page, "evaluate-book");

        await page.GetByLabel("Order book file", new() { Exact = false }).SetInputFilesAsync(sample);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-csv").ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Equal("orders-decisions.csv", download.SuggestedFilename);
        Assert.Equal(orders + 1, csv.Length);
        Assert.StartsWith("id,line,as_of,product,destination,verdict,", csv[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyTimeline_DrawsEveryRulesWindowAndListsWhatChangedBetweenTwoDates()
    {
        var page = await browser.OpenAsync("/PolicyTimeline?on=2026-02-01&from=2025-06-01&to=2026-02-01");

        var packs = browser.Server.Services.GetService(typeof(Clearance.Server.Hosting.ReferenceData)) as Clearance.Server.Hosting.ReferenceData;
        Assert.Equal(packs!.Policy.Rules.Length, await page.Locator("#timeline-chart rect.timeline-bar").CountAsync());
        Assert.Equal("true", await page.Locator("#timeline-chart rect[data-rule='ear-h200-case-by-case']").GetAttributeAsync("data-in-force"));
        Assert.Equal("false", await page.Locator("#timeline-chart rect[data-rule='ear-2022-3a090-china']").GetAttributeAsync("data-in-force"));
        Assert.Contains("enters force", await page.Locator("#changes tr[data-rule='ear-h200-case-by-case']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#diff-window").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "policy-timeline");
    }

    [Fact]
    public async Task Screening_AfterSigningIn_ShowsEachHitWithItsEvidence()
    {
        var page = await browser.OpenAsync("/Screening");
        await page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));

        await page.Locator("#api-key").FillAsync(browser.Server.IssueKey(Role.Viewer));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Party name").FillAsync("Banko Nacional de Kuba");
        await page.GetByLabel("Country (ISO code or name)").FillAsync("CH");
        await page.GetByLabel("Party name").PressAsync("Enter");
        await page.WaitForSelectorAsync("#screening-result");

        var hit = await page.Locator("#hits tr[data-entry='ofac-sdn:306']").InnerTextAsync();
        Assert.Contains("BANCO NACIONAL DE CUBA", hit, StringComparison.Ordinal);
        Assert.Contains("banko ↔ banco", hit, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "screening");
    }
}
