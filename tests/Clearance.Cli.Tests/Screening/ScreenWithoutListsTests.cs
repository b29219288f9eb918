using System.Text.Json;

namespace Clearance.Cli.Tests.Screening;

public sealed class ScreenWithoutListsTests
{
    [Fact]
    public void Screen_WithNoListsLoaded_WarnsOnStderrAndScreensAgainstTheSamples()
    {
        using var home = new TempFolder();
        using var sampleHome = new TempFolder();
        Assert.Equal(0, CliRun.Invoke("lists", "load", ScreeningTestFiles.Sample, "--home", sampleHome.Path).Exit);
        var sampleVersion = ListsCommandsTests.ActiveVersion(sampleHome.Path);

        var (exit, output, error) = CliRun.Invoke("screen", "BANCO NACIONAL DE CUBA", "--home", home.Path, "--format", "json");

        Assert.True(exit == 0, error);
        Assert.Contains("warning: no restricted-party lists are loaded", error, StringComparison.Ordinal);
        Assert.Contains("SAMPLE", error, StringComparison.Ordinal);
        Assert.Contains("clearance lists load", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var result = json.RootElement[0];
        Assert.Equal(sampleVersion, result.GetProperty("listSetVersion").GetString());
        Assert.Contains(result.GetProperty("hits").EnumerateArray(), h => h.GetProperty("entryId").GetString() == "ofac-sdn:306");
        Assert.False(File.Exists(Path.Combine(home.Path, "lists", "state.json")), "screening must not load lists into the home");
    }

    [Fact]
    public void Screen_WithListsLoaded_DoesNotWarn()
    {
        using var home = new TempFolder();
        Assert.Equal(0, CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("dpl"), "--home", home.Path).Exit);

        var (exit, _, error) = CliRun.Invoke("screen", "BANCO NACIONAL DE CUBA", "--home", home.Path, "--format", "json");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("warning", error, StringComparison.Ordinal);
    }
}
