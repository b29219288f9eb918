using System.Text.Json;

namespace Clearance.Cli.Tests;

public sealed class CatalogCommandsTests
{
    [Fact]
    public void CatalogList_Json_HasEveryChipWithDerivedFigures()
    {
        var (exit, output, _) = CliRun.Invoke("catalog", "list", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetArrayLength() >= 30);
        var h100 = json.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "nvidia-h100-sxm");
        Assert.Equal(15832, h100.GetProperty("tpp").GetDouble(), 0.5);
    }

    [Fact]
    public void CatalogList_Csv_QuotesFieldsThatNeedIt()
    {
        var (exit, output, _) = CliRun.Invoke("catalog", "list", "--format", "csv", "--vendor", "nvidia");

        Assert.Equal(0, exit);
        var lines = output.Trim().Split('\n');
        Assert.StartsWith("id,name,vendor,market", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Contains(",NVIDIA,", l, StringComparison.Ordinal));
    }

    [Fact]
    public void CatalogShow_GivesEveryFigureWithItsSource()
    {
        var (exit, output, _) = CliRun.Invoke("catalog", "show", "H20");

        Assert.Equal(0, exit);
        Assert.Contains("NVIDIA H20", output, StringComparison.Ordinal);
        Assert.Contains("memory bandwidth", output, StringComparison.Ordinal);
        Assert.Contains("4,000 GB/s", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogShow_UnknownChip_SuggestsNames()
    {
        var (exit, _, error) = CliRun.Invoke("catalog", "show", "MI352X");

        Assert.Equal(1, exit);
        Assert.Contains("Did you mean", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_BrokenFile_LoadsNothingAndNamesTheLine()
    {
        var data = ClassifyCommandTests.CopyShippedData();
        File.AppendAllText(Path.Combine(data, "catalog", "nvidia.yaml"), "  - id: bad-chip\n    name: Bad\n    vendor: X\n    design_country: US\n    market: datacenter\n    dense_tops: { fp8: { value: 0, source: epoch, confidence: dataset } }\n");
        try
        {
            var (exit, output, error) = CliRun.Invoke("catalog", "list", "--data", data);

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.Contains("catalog/nvidia.yaml:", error, StringComparison.Ordinal);
            Assert.Contains("accelerators[bad-chip].dense_tops.fp8.value: must be greater than zero", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void UnknownCommand_IsAUsageError()
    {
        var (exit, _, error) = CliRun.Invoke("catalogue");

        Assert.Equal(2, exit);
        Assert.Contains("clearance --help", error, StringComparison.Ordinal);
    }
}
