using Clearance.Core.Classification;

namespace Clearance.Core.Tests.Classification;

/// <summary>
/// Regulatory cases from issue 2, each citing its source in the Clearance regulatory fact sheet
/// (../shared/reference/regulatory-facts.md; [n] are its source numbers). They run on the shipped catalog and rules.
/// </summary>
public sealed class UsExportClassificationTests
{
    public static TheoryData<string, string, string[], string[], string> Cases => new()
    {
        // chip, as-of date, designations it must have, designations it must not have, source
        { "A100", "2023-01-15", ["3A090"], [], "[4][16] 2022 rule: TPP 4,992 ≥ 4,800 and NVLink 600 GB/s ≥ 600" },
        { "A100", "2024-01-15", ["3A090.a"], ["3A090"], "[1][3] 2023 rule: TPP ≥ 4,800" },
        { "A800", "2023-06-01", [], ["3A090"], "[69] A800 used 400 GB/s links to stay under the 2022 rule" },
        { "A800", "2023-11-17", ["3A090.a"], [], "[1][15] caught from the 2023-11-17 rule" },
        { "H800", "2023-11-16", [], ["3A090", "3A090.a"], "[69] last day of the 2022 rule: 400 GB/s NVLink keeps it out" },
        { "H800", "2023-11-17", ["3A090.a"], [], "[1][15] first day of the 2023 rule" },
        { "H100", "2024-06-01", ["3A090.a"], ["3A090.b"], "[70][71] TPP 15,832" },
        { "H20", "2024-06-01", [], ["3A090.a", "3A090.b", "is-informed (April 2025)"], "[72][73] TPP 2,368, PD 2.91: outside .a/.b" },
        { "H20", "2025-06-01", ["is-informed (April 2025)"], ["3A090.a", "3A090.b"], "[23] April 2025 letters: DRAM 4,000 GB/s ≥ 1,400" },
        { "RTX 4090", "2024-01-15", ["3A090.a"], [], "[11][79][80] consumer GPU with TPP ≈ 5,285 ≥ 4,800" },
        { "RTX 4090D", "2024-06-01", [], ["3A090.a", "3A090.b"], "[81] TPP 4,707 < 4,800; PD tests do not apply to consumer GPUs" },
        { "L40S", "2024-01-15", ["3A090.a"], [], "[82][83] TPP 5,864" },
        { "L20", "2024-01-15", [], ["3A090.a", "3A090.b"], "[72] TPP 1,912, PD 3.14 < 3.2" },
        { "H200", "2026-02-01", ["3A090.a", "H200-class case-by-case review", "Sec. 232 duty window 1"], ["Sec. 232 duty window 2"], "[28][30][36][37] TPP 15,832 < 21,000, DRAM 4,800 < 6,500; window 1" },
        { "H200", "2026-01-14", ["3A090.a"], ["H200-class case-by-case review", "Sec. 232 duty window 1"], "[28][36] the day before both took effect" },
        { "H100", "2026-02-01", ["H200-class case-by-case review"], ["Sec. 232 duty window 1"], "[37] DRAM 3,350 GB/s is outside window 1 (4,500–5,000)" },
        { "MI325X", "2026-02-01", ["3A090.a", "Sec. 232 duty window 2"], ["Sec. 232 duty window 1"], "[37][99] TPP ≈ 20,900, DRAM 6,000: window 2" },
        { "B200", "2026-02-01", ["3A090.a"], ["H200-class case-by-case review", "Sec. 232 duty window 1", "Sec. 232 duty window 2"], "[76][77] TPP ≈ 36,000 ≥ 21,000" },
        { "Ascend 910B", "2024-01-15", ["3A090.a"], [], "[86][88][89][20] TPP ≈ 5,120 ≥ 4,800 (a PRC 3A090 IC per GP10 guidance)" },
        { "MTT S4000", "2024-01-15", [], ["3A090.a", "3A090.b"], "[96] TPP 1,600 < 4,800; the density prong is undetermined without a die area" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_ShippedChip_GetsTheDesignationsItsSourcesGive(string chip, string date, string[] expected, string[] excluded, string source)
    {
        var designations = ShippedData.Designations(chip, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        foreach (var designation in expected)
        {
            Assert.True(designations.Contains(designation), $"{chip} on {date} should be {designation} ({source}); got [{string.Join(", ", designations)}]");
        }

        foreach (var designation in excluded)
        {
            Assert.False(designations.Contains(designation), $"{chip} on {date} should not be {designation} ({source}); got [{string.Join(", ", designations)}]");
        }
    }

    [Theory]
    [InlineData("A100", 4992, 6.04)]
    [InlineData("A800", 4992, 6.04)]
    [InlineData("H100", 15832, 19.45)]
    [InlineData("H800", 15832, 19.45)]
    [InlineData("H200", 15832, 19.45)]
    [InlineData("H20", 2368, 2.91)]
    [InlineData("L40S", 5864, 9.63)]
    [InlineData("RTX 4090D", 4707, 7.74)]
    [InlineData("BR100", 16384, 15.28)]
    public void Figures_MatchTheFactSheet(string chip, double tpp, double density)
    {
        // Fact sheet section 4 ([C] figures, computed there from the cited rates and die areas).
        var figures = PerformanceFigures.Of(ShippedData.Chip(chip));

        Assert.Equal(tpp, figures.Tpp!.Value.Value, 0.5);
        Assert.Equal(density, figures.PerformanceDensity!.Value.Value, 0.01);
    }

    [Fact]
    public void Classify_RtxFourNinetyConsumerCard_IsCaughtByTppAloneAndTheDCardIsNot()
    {
        // [11][81]: RTX 4090 ≈ 5,286 controlled; RTX 4090D 4,707 not — the line is TPP 4,800.
        var rule = ShippedData.RuleSets.Single(r => r.Id == "us-ear-advanced-computing").Rules.Single(r => r.Id == "us-3a090a-2023");
        var date = new DateOnly(2024, 6, 1);

        var full = Classifier.Classify(ShippedData.Chip("RTX 4090"), date, ShippedData.RuleSets[0]);
        var cut = Classifier.Classify(ShippedData.Chip("RTX 4090D"), date, ShippedData.RuleSets[0]);

        Assert.True(rule.When.Evaluate(ChipFacts.Of(ShippedData.Chip("RTX 4090"))));
        Assert.False(rule.When.Evaluate(ChipFacts.Of(ShippedData.Chip("RTX 4090D"))));
        Assert.NotEqual(full.Designations.Length, cut.Designations.Length);
    }

    [Fact]
    public void Classify_ExplainsTheFiguresUsed()
    {
        var result = Classifier.Classify(ShippedData.Chip("H20"), new DateOnly(2025, 6, 1), ShippedData.RuleSets.Single(r => r.Id == "us-ear-advanced-computing"));

        var informed = result.Designations.Single(d => d.Rule.Id == "us-is-informed-2025-04");
        Assert.Contains("memory_bandwidth_gbps = 4,000", informed.Reason, StringComparison.Ordinal);
        var notA = result.Outcomes.Single(o => o.Rule.Id == "us-3a090a-2023");
        Assert.False(notA.Fired);
        Assert.Contains("tpp = 2,368", notA.Reason, StringComparison.Ordinal);
        Assert.Equal("us-ear-advanced-computing@2025-04-14 (rules 2026.11.1)", result.Regime.Label);
    }

    [Fact]
    public void Classify_BeforeAnyRule_HasNoRulesInForce()
    {
        var result = Classifier.Classify(ShippedData.Chip("H100"), new DateOnly(2021, 1, 1), ShippedData.RuleSets[0]);

        Assert.Empty(result.Outcomes);
        Assert.Null(result.Regime.Since);
    }

    [Fact]
    public void Classify_UnknownDieArea_LeavesOnlyTheDensityTestsUndetermined()
    {
        // MI300X-class chip with unknown die area: TPP ≥ 4,800 decides .a anyway (true or unknown = true).
        var chip = ShippedData.Chip("B200") with { DieArea = null };

        var result = Classifier.Classify(chip, new DateOnly(2024, 6, 1), ShippedData.RuleSets.Single(r => r.Id == "us-ear-advanced-computing"));

        Assert.Contains(result.Designations, d => d.Rule.Designation == "3A090.a");
        Assert.Null(PerformanceFigures.Of(chip).PerformanceDensity);
    }

    [Fact]
    public void Classify_MttS4000WithoutDieArea_IsUndeterminedNotCleared()
    {
        // [96]: TPP 1,600 meets the .a density prong's TPP floor, but no die area is published, so PD is unknown.
        var result = Classifier.Classify(ShippedData.Chip("MTT S4000"), new DateOnly(2024, 6, 1), ShippedData.RuleSets.Single(r => r.Id == "us-ear-advanced-computing"));

        Assert.Contains(result.Undetermined, o => o.Rule.Designation == "3A090.a");
        Assert.Contains("performance_density = unknown", result.Undetermined[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_A800_ShowsWhenItBecameControlled()
    {
        var timeline = Classifier.Timeline(ShippedData.Chip("A800"), ShippedData.RuleSets.Single(r => r.Id == "us-ear-advanced-computing"));

        var first = timeline.First(c => c.Designations.Any(d => d.Rule.Designation.StartsWith("3A090", StringComparison.Ordinal)));
        Assert.Equal(new DateOnly(2023, 11, 17), first.Regime.Since);
    }
}
