using Clearance.Core.Catalog;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Catalog;

public sealed class CatalogParserTests
{
    private const string Sources = """
        sources:
          - key: ds
            title: A datasheet
            url: https://example.org/ds
        """;

    private static string Chip(string extra = "", string id = "test-chip", string aliases = "[TC1]") => $"""
        accelerators:
          - id: {id}
            name: Test Chip {id}
            aliases: {aliases}
            vendor: Test
            design_country: US
            market: datacenter
            dense_tops:
              fp16: {"{"} value: 100, source: ds, confidence: datasheet {"}"}
              fp8: unknown
        {extra}
        """;

    private static Clearance.Core.Parsing.ParseResult<AcceleratorCatalog> Parse(params string[] texts) =>
        CatalogParser.Parse(texts.Select((t, i) => new SourceText($"f{i}.yaml", t)));

    [Fact]
    public void Parse_ShippedCatalog_HasAtLeastThirtyChipsAndEveryFigureCitesAKnownSource()
    {
        var catalog = ShippedData.Catalog;

        Assert.True(catalog.Count >= 30, $"only {catalog.Count} chips");
        foreach (var chip in catalog.Accelerators)
        {
            foreach (var rate in chip.DenseRates.Values.OfType<Figure<Units.TeraOpsPerSecond>>())
            {
                Assert.True(catalog.Sources.ContainsKey(rate.SourceKey), $"{chip.Id} cites {rate.SourceKey}");
            }
        }
    }

    [Fact]
    public void Parse_ValidChip_KeepsUnknownAsUnknownNotZero()
    {
        var result = Parse(Sources, Chip());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var chip = result.Value.Find("TC1")!;
        Assert.Null(chip.DenseRates[OperandWidth.Fp8]);
        Assert.Null(chip.MemoryBandwidth);
        Assert.Equal(100, chip.DenseRates[OperandWidth.Fp16]!.Value.Value);
    }

    [Fact]
    public void Parse_MisspelledField_IsReportedWithFileLineAndField()
    {
        var result = Parse(Sources, Chip("    memroy_gb: { value: 80, source: ds, confidence: datasheet }"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("f1.yaml", problem.Location.File);
        Assert.Equal(11, problem.Location.Line);
        Assert.Equal("accelerators[test-chip].memroy_gb", problem.Field);
        Assert.Contains("unknown field", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    tdp_w: { value: 0, source: ds, confidence: datasheet }", "accelerators[test-chip].tdp_w.value", "greater than zero")]
    [InlineData("    tdp_w: { value: -5, source: ds, confidence: datasheet }", "accelerators[test-chip].tdp_w.value", "greater than zero")]
    [InlineData("    tdp_w: { value: 1,000, source: ds, confidence: datasheet }", "accelerators[test-chip].tdp_w", "")]
    [InlineData("    tdp_w: { value: 300 W, source: ds, confidence: datasheet }", "accelerators[test-chip].tdp_w.value", "not a number")]
    [InlineData("    tdp_w: 300", "accelerators[test-chip].tdp_w", "needs a source")]
    [InlineData("    tdp_w: { value: 300, source: nowhere, confidence: datasheet }", "accelerators[test-chip].tdp_w.source", "no sources list defines")]
    [InlineData("    tdp_w: { value: 300, source: ds, confidence: guessed }", "accelerators[test-chip].tdp_w.confidence", "not a confidence")]
    [InlineData("    release_date: 2023/01/05", "accelerators[test-chip].release_date", "YYYY-MM-DD")]
    public void Parse_BadFigure_IsRefusedWithItsField(string line, string field, string message)
    {
        var result = Parse(Sources, Chip(line));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Field.StartsWith(field, StringComparison.Ordinal) && p.Message.Contains(message, StringComparison.Ordinal) && p.Location.Line == 11);
    }

    [Fact]
    public void Parse_OneBadFile_LoadsNothing()
    {
        var result = Parse(Sources, Chip(), Chip("    market: space", id: "other-chip", aliases: "[OC]"));

        Assert.False(result.Succeeded);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void Parse_DuplicateAliasAcrossFiles_IsRefused()
    {
        var result = Parse(Sources, Chip(), Chip(id: "other-chip", aliases: "[tc-1]"));

        Assert.Contains(result.Problems, p => p.Message.Contains("already used by test-chip", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NotYaml_ReportsThePosition()
    {
        var result = Parse("accelerators:\n  - id: [unclosed\n");

        var problem = Assert.Single(result.Problems);
        Assert.True(problem.Location.Line >= 2, problem.ToString());
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSpec_JsonWithPlainNumbers_IsAcceptedAsUnverified()
    {
        var json = """
            { "name": "Prototype X", "market": "datacenter",
              "dense_tops": { "fp8": 700, "bf16": 350 },
              "memory_bandwidth_gbps": 3000, "interconnect_gbps": 400, "die_area_mm2": 600 }
            """;

        var result = CatalogParser.ParseSpec(new SourceText("x.json", json));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Confidence.Unverified, result.Value.MemoryBandwidth!.Confidence);
        Assert.Equal("spec:x.json", result.Value.MemoryBandwidth.SourceKey);
        Assert.Equal("spec-x", result.Value.Id);
    }

    [Fact]
    public void ParseSpec_WithoutMarket_SaysSo()
    {
        var result = CatalogParser.ParseSpec(new SourceText("x.yaml", "name: X\ndense_tops: { fp8: 700 }\n"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("market", problem.Field);
    }

    [Theory]
    [InlineData("h2o", "H20")]
    [InlineData("h100sxm", "H100 SXM")]
    [InlineData("4090D", "RTX 4090D")]
    public void Suggest_CloseName_OffersTheChip(string typed, string expected)
    {
        var suggestions = ShippedData.Catalog.Suggest(typed);

        Assert.Contains(suggestions, s => ShippedData.Catalog.Find(s) == ShippedData.Catalog.Find(expected));
    }

    [Theory]
    [InlineData("rtx 4090 d", "nvidia-rtx-4090d")]
    [InlineData("NVIDIA-H100-SXM", "nvidia-h100-sxm")]
    public void Find_IgnoresCaseSpacesAndHyphens(string typed, string id)
    {
        Assert.Equal(id, ShippedData.Catalog.Find(typed)?.Id);
    }
}
