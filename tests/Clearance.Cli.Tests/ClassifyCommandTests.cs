using System.Text.Json;

namespace Clearance.Cli.Tests;

public sealed class ClassifyCommandTests
{
    [Fact]
    public void Classify_Json_GivesDesignationsFiguresAndTheRegimeUsed()
    {
        var (exit, output, error) = CliRun.Invoke("classify", "H20", "H200", "--as-of", "2026-02-01", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var h20 = json.RootElement[0];
        Assert.Equal("nvidia-h20", h20.GetProperty("chip").GetString());
        Assert.Equal(2368, h20.GetProperty("tpp").GetDouble(), 0.5);
        Assert.Contains("is-informed (April 2025)", h20.GetProperty("designations").EnumerateArray().Select(d => d.GetString()));
        var h200 = json.RootElement[1];
        Assert.Contains("Sec. 232 duty window 1", h200.GetProperty("designations").EnumerateArray().Select(d => d.GetString()));
        var regime = h200.GetProperty("regimes")[0];
        Assert.Equal("2026-01-15", regime.GetProperty("since").GetString());
        Assert.Equal(64, regime.GetProperty("contentSha256").GetString()!.Length);
    }

    [Fact]
    public void Classify_WithoutAsOf_UsesTodayFromTheClock()
    {
        var (_, output, _) = CliRun.Invoke("classify", "H100", "--format", "json");

        using var json = JsonDocument.Parse(output);
        Assert.Equal("2026-11-24", json.RootElement[0].GetProperty("asOf").GetString());
    }

    [Fact]
    public void Classify_Table_ShowsReasonsAndCitations()
    {
        var (exit, output, _) = CliRun.Invoke("classify", "A800", "--as-of", "2023-06-01");

        Assert.Equal(0, exit);
        Assert.Contains("interconnect_gbps = 400", output, StringComparison.Ordinal);
        Assert.Contains("87 FR 62186", output, StringComparison.Ordinal);
        Assert.Contains("Designations: none", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_UnknownChip_SuggestsNamesAndFails()
    {
        var (exit, output, error) = CliRun.Invoke("classify", "H2O", "H100");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("unknown chip 'H2O'. Did you mean: H20", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_BadDate_IsAUsageError()
    {
        var (exit, _, error) = CliRun.Invoke("classify", "H100", "--as-of", "15/01/2026");

        Assert.Equal(2, exit);
        Assert.Contains("YYYY-MM-DD", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Spec_ClassifiesAChipOutsideTheCatalog()
    {
        var path = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: Prototype\nmarket: datacenter\ndense_tops: { fp8: 1900 }\nmemory_bandwidth_gbps: 4700\ndie_area_mm2: 800\n");
        try
        {
            var (exit, output, error) = CliRun.Invoke("classify", "--spec", path, "--as-of", "2026-03-01", "--format", "csv");

            Assert.True(exit == 0, error);
            var row = output.Split('\n')[1];
            Assert.Contains("15200", row, StringComparison.Ordinal);
            Assert.Contains("3A090.a", row, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Classify_Flags_DescribeAChipOnTheCommandLine()
    {
        var (exit, output, error) = CliRun.Invoke("classify", "--rate", "fp8=1900", "--rate", "bf16=950", "--market", "datacenter", "--memory-bandwidth-gbps", "4700", "--as-of", "2026-03-01", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(15200, json.RootElement[0].GetProperty("tpp").GetDouble());
        Assert.Contains("Sec. 232 duty window 1", json.RootElement[0].GetProperty("designations").EnumerateArray().Select(d => d.GetString()));
    }

    [Theory]
    [InlineData("--rate", "fp9=100", "--market", "datacenter", "--rate 'fp9=100'")]
    [InlineData("--rate", "fp8=-1", "--market", "datacenter", "not a positive number")]
    [InlineData("--rate", "fp8=100", "--market", "gaming", "--market 'gaming'")]
    [InlineData("--rate", "fp8=100", "--die-area-mm2", "0", "--market: say datacenter or consumer")]
    public void Classify_BadFlags_NameTheFlag(string a, string b, string c, string d, string expected)
    {
        var (exit, output, error) = CliRun.Invoke("classify", a, b, c, d);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_MalformedSpec_NamesLineAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: Prototype\nmarket: datacenter\ndense_tops: { fp8: lots }\n");
        try
        {
            var (exit, _, error) = CliRun.Invoke("classify", "--spec", path);

            Assert.Equal(1, exit);
            Assert.Contains($"{path}:3:", error, StringComparison.Ordinal);
            Assert.Contains("dense_tops.fp8: 'lots' is not a number", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Classify_Timeline_ListsEachRegime()
    {
        var (exit, output, _) = CliRun.Invoke("classify", "H800", "--timeline", "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Trim().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("nvidia-h800-sxm,", StringComparison.Ordinal) && l.Contains(",2022-10-07,", StringComparison.Ordinal) && !l.Contains("3A090", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",2023-11-17,", StringComparison.Ordinal) && l.Contains("3A090.a", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_BrokenRuleFile_ReportsItAndClassifiesNothing()
    {
        var data = CopyShippedData();
        File.AppendAllText(Path.Combine(data, "classification", "us-section-232.yaml"), "  - id: broken\n    when: tpp >=\n");
        try
        {
            var (exit, output, error) = CliRun.Invoke("classify", "H200", "--data", data);

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.Contains("classification/us-section-232.yaml", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    internal static string CopyShippedData()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "data");
        var target = Path.Combine(Path.GetTempPath(), $"clearance-data-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
