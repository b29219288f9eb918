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
            e.GetProperty("chipId").GetString() == "nvidia-b200"
            && e.GetProperty("rules").EnumerateArray().Any(r => r.GetString() == "ear-advanced-architectures-excluded"));
    }

    [Fact]
    public void Plan_Buyer_DecidesWhetherTheH200IsACandidate()
    {
        // China approved H200 imports for ByteDance, Alibaba and Tencent; other buyers wait [65][66]
        var named = Json(CliRun.Invoke("plan", "--target-pflops", "300", "--as-of", "2026-03-01", "--buyer", "ByteDance", "--format", "json"));
        var unnamed = Json(CliRun.Invoke("plan", "--target-pflops", "300", "--as-of", "2026-03-01", "--format", "json"));

        var h200 = named.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("chip").GetString() == "nvidia-h200-sxm");
        Assert.Equal(400_000, h200.GetProperty("maxUnits").GetInt64());
        Assert.Equal("ByteDance", named.GetProperty("buyer").GetString());
        var waiting = unnamed.GetProperty("excluded").EnumerateArray().Single(e => e.GetProperty("chipId").GetString() == "nvidia-h200-sxm");
        Assert.Contains(waiting.GetProperty("rules").EnumerateArray(), r => r.GetString() == "cn-h200-other-buyers-wait");
    }

    [Fact]
    public void Plan_Ledger_TakesTheQuotaPoolLeftForTheBuyer()
    {
        var folder = Directory.CreateTempSubdirectory("clearance-plan-ledger-");
        try
        {
            var db = Path.Combine(folder.FullName, "ledger.db");
            Assert.Equal(0, CliRun.Invoke("parties", "request", "bytedance", "--name", "ByteDance", "--country", "CN", "--sector", "cloud", "--end-use", "datacenter", "--on", "2026-02-01", "--db", db).Exit);
            Assert.Equal(0, CliRun.Invoke("quotas", "open", "cn-2026-h200", "--jurisdiction", "CN", "--product", "nvidia-h200", "--buyer", "bytedance", "--units", "120", "--valid-from", "2026-01-28", "--valid-to", "2026-12-31", "--source", "[65][66]", "--db", db).Exit);

            var plan = Json(CliRun.Invoke("plan", "--fp8-pflops", "100", "--as-of", "2026-03-01", "--buyer", "ByteDance", "--ledger", db, "--format", "json"));

            var h200 = plan.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("chip").GetString() == "nvidia-h200-sxm");
            Assert.Equal(120, h200.GetProperty("maxUnits").GetInt64());
            Assert.Contains("cn-2026-h200", h200.GetProperty("maxUnitsBasis").GetString(), StringComparison.Ordinal);
            Assert.Contains("from the ledger", plan.GetProperty("policy").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Plan_LedgerThatDoesNotExist_IsAnInputErrorNotANewLedger()
    {
        var missing = Path.Combine(Path.GetTempPath(), "clearance-no-such-ledger-" + Guid.NewGuid().ToString("N") + ".db");

        var (exit, _, error) = CliRun.Invoke("plan", "--target-pflops", "300", "--as-of", "2026-03-01", "--ledger", missing);

        Assert.Equal(CliApplication.InputError, exit);
        Assert.Contains("no ledger at", error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Plan_InfeasibleTable_NamesThePolicyRuleThatRemovedAChip()
    {
        // Before the US review window (2026-01-15) the H200 is presumed denied; 100 PFLOPS FP8 within 100 imported units needs it
        var (exit, output, _) = CliRun.Invoke("plan", "--fp8-pflops", "100", "--quota", "100", "--as-of", "2025-12-01");

        Assert.Equal(3, exit);
        Assert.Contains("nvidia-h200-sxm, excluded by ear-3a090-china-macau: admitting it alone would give a plan", output, StringComparison.Ordinal);
    }

    private static JsonElement Json((int Exit, string Out, string Error) run)
    {
        Assert.True(run.Exit == 0, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.Clone();
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
