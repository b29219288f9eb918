using Microsoft.Playwright;

namespace Clearance.Server.Tests.Browser;

public sealed class WebUiTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Overview_DrawsEveryChipWithAKnownTppColouredByStatus()
    {
        var page = await browser.OpenAsync("/?asOf=2026-02-01");

        var bars = page.Locator("#tpp-chart rect");
        Assert.True(await bars.CountAsync() >= 30);
        Assert.True(await page.Locator("#tpp-chart rect[data-status='Controlled']").CountAsync() > 0);
        Assert.True(await page.Locator("#tpp-chart rect[data-status='NotControlled']").CountAsync() > 0);
        await BrowserFixture.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task Classify_ByKeyboard_ShowsTheRulesThatFiredWithReasons()
    {
        var page = await browser.OpenAsync("/Classify");

        await page.GetByLabel("Chip (id, name or alias)").FillAsync("H20");
        await page.GetByLabel("As of").FillAsync("2025-06-01");
        await page.GetByLabel("As of").PressAsync("Enter");
        await page.WaitForSelectorAsync("#result");

        var designations = await page.Locator("#designations").InnerTextAsync();
        Assert.Contains("is-informed (April 2025)", designations, StringComparison.Ordinal);
        Assert.DoesNotContain("3A090.a", designations, StringComparison.Ordinal);
        var informed = await page.Locator("tr[data-rule='us-is-informed-2025-04']").InnerTextAsync();
        Assert.Contains("memory_bandwidth_gbps = 4,000", informed, StringComparison.Ordinal);
        Assert.Contains("applies", informed, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "classify-h20");
    }

    [Fact]
    public async Task Classify_UnknownChip_SaysDidYouMean()
    {
        var page = await browser.OpenAsync("/Classify?chip=H2O&asOf=2026-02-01");

        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.Contains("Did you mean: H20", alert, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifySpec_WithAMistake_ShowsLineAndFieldAndKeepsTheText()
    {
        var page = await browser.OpenAsync("/Classify?asOf=2026-02-01");
        await page.Locator("details summary").ClickAsync();
        const string spec = "name: Bad\nmarket: datacenter\ndense_tops: { fp8: 0 }\n";

        await page.GetByLabel("Spec (YAML or JSON, as in a spec file)").FillAsync(spec);
        await page.Locator("#classify-spec").ClickAsync();

        var alert = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.Contains("line 3", alert, StringComparison.Ordinal);
        Assert.Contains("dense_tops.fp8", alert, StringComparison.Ordinal);
        Assert.Equal(spec, await page.GetByLabel("Spec (YAML or JSON, as in a spec file)").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(page, "classify-spec-error");
    }

    [Fact]
    public async Task Plan_ShowsTheMixAndTheFrontierChart()
    {
        var page = await browser.OpenAsync("/Plan");

        await page.GetByLabel("Dense BF16 target, PFLOPS").FillAsync("300");
        await page.GetByLabel("Domestic share floor (0–1)").FillAsync("0.5");
        await page.GetByLabel("As of").FillAsync("2026-03-01");
        await page.Locator("#plan").ClickAsync();
        await page.WaitForSelectorAsync("#plan-result");

        Assert.Contains("Optimal mix", await page.Locator("#plan-title").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#frontier-chart circle").CountAsync() >= 3);
        await BrowserFixture.ScreenshotAsync(page, "plan");
    }
}
