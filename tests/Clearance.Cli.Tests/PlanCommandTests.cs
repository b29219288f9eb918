using System.Text.Json;

namespace Clearance.Cli.Tests;

public sealed class PlanCommandTests
{
    [Fact]
    public void Plan_IssueExample_MeetsTargetAndShareAndNamesTheChips()
    {
        var (exit, output, error) = CliRun.Invoke("plan", "--target-pflops", "300", "--domestic-share", "0.5", "--as-of", "2026-03-01");

        Assert.True(exit == 0, error);
        Assert.Contains("Optimal", output, StringComparison.Ordinal);
        Assert.Contains("domestic", output, StringComparison.Ordinal);
        Assert.Contains("huawei-ascend", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Json_GivesTotalsCandidatesAndExclusionReasons()
    {
        var (exit, output, error) = CliRun.Invoke("plan", "--target-pflops", "300", "--domestic-share", "0.5", "--as-of", "2026-03-01", "--objective", "power", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.Equal("power", root.GetProperty("objective").GetString());
        var plan = root.GetProperty("plan");
        Assert.True(plan.GetProperty("denseBf16Petaflops").GetDouble() >= 300);
        Assert.True(plan.GetProperty("domesticShare").GetDouble() >= 0.5);
        Assert.Contains(root.GetProperty("excluded").EnumerateArray(), e =>
            e.GetProperty("chipId").GetString() == "nvidia-b200" && e.GetProperty("reason").GetString()!.Contains("3A090.a", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Infeasible_ExitsThreeAndListsRelaxationsAsCsv()
    {
        var (exit, output, _) = CliRun.Invoke("plan", "--target-pflops", "300", "--fp8-pflops", "400", "--domestic-share", "0.9", "--quota", "100", "--as-of", "2026-03-01", "--format", "csv");

        Assert.Equal(3, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("constraint,chip_id,unit,required,reachable,change,alone_suffices,explanation", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("import-quota,,units,100,", StringComparison.Ordinal) && l.Contains(",true,", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Frontier_CsvHasOneRowPerPoint()
    {
        var (exit, output, error) = CliRun.Invoke("plan", "--target-pflops", "100", "--domestic-share", "0.5", "--as-of", "2026-03-01", "--frontier", "6", "--format", "csv");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("point,domestic_share_floor,domestic_share,cost_usd,power_kw", lines[0], StringComparison.Ordinal);
        Assert.InRange(lines.Length - 1, 2, 6);
    }

    [Theory]
    [InlineData("--domestic-share", "1.5", "--domestic-share")]
    [InlineData("--target-pflops", "-1", "--target-pflops")]
    [InlineData("--sector", "military", "not a sector")]
    [InlineData("--available", "910C", "CHIP=UNITS")]
    public void Plan_BadArgument_IsAUsageErrorNamingTheOption(string option, string value, string expected)
    {
        var (exit, _, error) = CliRun.Invoke("plan", "--target-pflops", "300", "--as-of", "2026-03-01", option, value);

        Assert.Equal(CliApplication.UsageError, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoTarget_IsAUsageError()
    {
        var (exit, _, error) = CliRun.Invoke("plan", "--as-of", "2026-03-01");

        Assert.Equal(CliApplication.UsageError, exit);
        Assert.Contains("at least one target", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AvailabilityForUnknownChip_SuggestsANameAndFails()
    {
        var (exit, _, error) = CliRun.Invoke("plan", "--target-pflops", "300", "--as-of", "2026-03-01", "--available", "H2000=5");

        Assert.Equal(CliApplication.InputError, exit);
        Assert.Contains("H2000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AvailabilityCap_IsRespected()
    {
        var (exit, output, error) = CliRun.Invoke("plan", "--target-pflops", "300", "--domestic-share", "0.5", "--as-of", "2026-03-01", "--available", "910B=10", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var lines = json.RootElement.GetProperty("plan").GetProperty("lines").EnumerateArray();
        Assert.All(lines.Where(l => l.GetProperty("chip").GetString() == "huawei-ascend-910b"), l => Assert.True(l.GetProperty("units").GetInt64() <= 10));
    }

    [Fact]
    public void Plan_HugeTargetsAndShareNearOne_AreRefusedAsTooLargeNotACrash()
    {
        var (exit, _, error) = CliRun.Invoke("plan", "--target-pflops", "10000000", "--fp8-pflops", "10000000", "--domestic-share", "0.9999", "--as-of", "2026-03-01");

        Assert.Equal(CliApplication.InputError, exit);
        Assert.Contains("too large to solve exactly", error, StringComparison.Ordinal);
    }
}
