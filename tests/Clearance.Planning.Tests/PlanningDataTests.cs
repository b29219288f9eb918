using Clearance.Core.Parsing;

namespace Clearance.Planning.Tests;

public class PlanningDataTests
{
    private static Core.Parsing.ParseResult<PlanningData> Parse(string text, params string[] shipped) =>
        PlanningDataParser.Parse(ShippedFiles(shipped.Length == 0 ? ["power.yaml", "sectors.yaml", "route.yaml"] : shipped).Prepend(new SourceText("planning/test.yaml", text)), Shipped.Catalog);

    private static IEnumerable<SourceText> ShippedFiles(string[] names) =>
        names.Select(name => new SourceText("planning/" + name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "planning", name))));

    [Fact]
    public void ShippedTables_Load_WithAPriceForEveryDomesticFlagship()
    {
        // Act
        var data = Shipped.Planning;

        // Assert
        Assert.Contains("huawei-ascend-910c", data.Prices.Keys);
        Assert.Contains("huawei-ascend-910b", data.Prices.Keys);
        Assert.Contains("nvidia-h200-sxm", data.Prices.Keys);
        Assert.All(data.Prices.Values, p => Assert.NotEmpty(p.Citations));
    }

    [Fact]
    public void CloudMatrix384_PowerPerChip_IsAbout1_46Kilowatts()
    {
        // Arrange: fact sheet section 4, "Implied ≈ 1.46 kW of system power per chip [C]" ([91][92][93])
        var system = Shipped.Planning.SystemFor("huawei-ascend-910c")!;

        // Act
        var perChip = system.PowerPerChip.Value;

        // Assert
        Assert.Equal(1456, perChip, 0);
    }

    [Fact]
    public void DefaultOverhead_AgreesWithTheNvl72FiguresAndTheCatalogTdp()
    {
        // Arrange: 145 kW for 72 GPUs [91]; the GB200 GPU's TDP is the catalog's
        var data = Shipped.Planning;
        var system = data.Systems.Single(s => s.Id == data.Overhead.DerivedFrom);
        var tdp = Shipped.Catalog.Find(system.ChipId)!.ThermalDesignPower!.Value.Value;

        // Act
        var derived = (system.PowerPerChip.Value - tdp) / tdp;

        // Assert
        Assert.Equal(derived, data.Overhead.FractionOfTdp, 3);
    }

    [Fact]
    public void CloudMatrixAgainstNvl72_PowerPerFlop_IsAbout2_3TimesWorse()
    {
        // Arrange: fact sheet section 4: "2.3x worse per FLOP" [91]
        var cloudMatrix = Shipped.Planning.Systems.Single(s => s.Id == "huawei-cloudmatrix-384");
        var nvl72 = Shipped.Planning.Systems.Single(s => s.Id == "nvidia-gb200-nvl72");

        // Act
        var ratio = (cloudMatrix.PowerKilowatts / cloudMatrix.DenseBf16Petaflops) / (nvl72.PowerKilowatts / nvl72.DenseBf16Petaflops);

        // Assert
        Assert.InRange(ratio, 2.25, 2.35);
    }

    [Fact]
    public void Parse_UnknownChip_NamesFileLineFieldAndSuggestion()
    {
        // Arrange
        const string text = """
            prices:
              - chip: nvidia-h2000-sxm
                usd: 30000
                observed: 2025-01-31
                basis: test
                confidence: dataset
                citations: [{ ref: test }]
            """;

        // Act
        var result = Parse(text);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal("planning/test.yaml", problem.Location.File);
        Assert.Equal(2, problem.Location.Line);
        Assert.Equal("prices[0].chip", problem.Field);
        Assert.Contains("not a catalog id", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("usd: -5", "prices[0][nvidia-h20].usd", "greater than zero")]
    [InlineData("usd: 12,000", "prices[0][nvidia-h20].usd", "not a number")]
    [InlineData("usd: 12000\n    colour: red", "prices[0][nvidia-h20].colour", "unknown field")]
    [InlineData("usd: 12000\n    observed: 2025-13-01", "prices[0][nvidia-h20].observed", "not a date")]
    public void Parse_BadPriceRow_IsRefusedWithItsField(string line, string field, string message)
    {
        // Arrange
        var observed = line.Contains("observed", StringComparison.Ordinal) ? "" : "\n    observed: 2025-01-31";
        var text = $"""
            prices:
              - chip: nvidia-h20
                {line}{observed}
                basis: test
                confidence: dataset
                citations:
                  - ref: test
            """;

        // Act
        var result = Parse(text);

        // Assert
        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Field == field && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TwoPricesForOneChip_IsRefused()
    {
        // Arrange
        const string row = """
              - chip: nvidia-h20
                usd: 12000
                observed: 2025-01-31
                basis: test
                confidence: dataset
                citations: [{ ref: test }]
            """;

        // Act
        var result = Parse("prices:\n" + row + "\n" + row);

        // Assert
        Assert.Contains(result.Problems, p => p.Message.Contains("already has a price", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NotYaml_ReportsTheLine()
    {
        // Act
        var result = Parse("prices: [\n  - chip: x");

        // Assert
        Assert.Contains(result.Problems, p => p.Location.File == "planning/test.yaml" && p.Message.StartsWith("not valid YAML", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("state_owned: maybe", "sectors[0][test].order.state_owned", "not true or false")]
    [InlineData("state_owned: false\n      project_completion_percent: 130", "sectors[0][test].order.project_completion_percent", "between 0 and 100")]
    [InlineData("state_owned: false\n      colour: red", "sectors[0][test].order.colour", "unknown field")]
    public void Parse_BadSectorFact_IsRefusedWithItsField(string line, string field, string message)
    {
        // Arrange
        var text = $"""
            sectors:
              - id: test
                title: Test
                order:
                  sector: cloud
                  end_use: datacenter
                  critical_infrastructure: false
                  state_funded_project: false
                  {line.Replace("\\n", "\n", StringComparison.Ordinal)}
                confidence: press
                citations:
                  - ref: test
            """;

        // Act
        var result = Parse(text);

        // Assert
        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Field == field && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RouteWithAnUnknownCountryCode_IsRefusedWithItsLine()
    {
        // Arrange
        const string text = """
            import_route:
              destination: China
              export_origin: US
              us_entry: true
              hts_code: "8473.30"
              confidence: press
              citations: [{ ref: test }]
            """;

        // Act: with the shipped power and sectors tables, not the shipped route
        var result = Parse(text, "power.yaml", "sectors.yaml");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal("import_route.destination", problem.Field);
        Assert.Equal(2, problem.Location.Line);
    }
}
