using Clearance.Core.Classification;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Classification;

public sealed class ClassificationRuleSetParserTests
{
    private static string RuleSet(string when, string extra = "") => $"""
        rule_set: test
        title: Test rules
        jurisdiction: US
        version: "1"
        rules:
          - id: r1
            designation: X.a
            kind: export-control-entry
            title: A rule
            effective_from: 2023-11-17
            when: {when}
            citations:
              - ref: Test citation
        {extra}
        """;

    [Fact]
    public void Parse_ShippedRuleSets_Load()
    {
        Assert.Equal(["us-ear-advanced-computing", "us-section-232-semiconductors"], ShippedData.RuleSets.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_BadCondition_PointsAtTheOffendingTokenInTheFile()
    {
        var result = ClassificationRuleSetParser.Parse(new SourceText("rules.yaml", RuleSet("tpp >= 4800 and performance_densty >= 5.92")));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("rules[r1].when", problem.Field);
        Assert.Equal(11, problem.Location.Line);
        Assert.Equal(27, problem.Location.Column);
        Assert.Contains("did you mean 'performance_density'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnlessNamingAMissingRule_IsRefused()
    {
        var result = ClassificationRuleSetParser.Parse(new SourceText("rules.yaml", RuleSet("tpp >= 4800", "    unless: [nope]")));

        Assert.Contains(result.Problems, p => p.Field == "rules[r1].unless" && p.Message.Contains("'nope'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_EndBeforeStart_IsRefused()
    {
        var result = ClassificationRuleSetParser.Parse(new SourceText("rules.yaml", RuleSet("tpp >= 4800", "    effective_to: 2020-01-01")));

        Assert.Contains(result.Problems, p => p.Field == "rules[r1].effective_to");
    }

    [Fact]
    public void Parse_SameText_GivesTheSameHashAndAnEditChangesIt()
    {
        var a = ClassificationRuleSetParser.Parse(new SourceText("a.yaml", RuleSet("tpp >= 4800"))).Value;
        var b = ClassificationRuleSetParser.Parse(new SourceText("b.yaml", RuleSet("tpp >= 4800"))).Value;
        var c = ClassificationRuleSetParser.Parse(new SourceText("c.yaml", RuleSet("tpp >= 4801"))).Value;

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }

    [Fact]
    public void RegimeOn_NamesTheDateTheRegimeBegan()
    {
        var set = ShippedData.RuleSets.Single(r => r.Id == "us-ear-advanced-computing");

        Assert.Equal(new DateOnly(2022, 10, 7), set.RegimeOn(new DateOnly(2023, 11, 16)).Since);
        Assert.Equal(new DateOnly(2023, 11, 17), set.RegimeOn(new DateOnly(2023, 11, 17)).Since);
        Assert.Equal(new DateOnly(2026, 1, 15), set.RegimeOn(new DateOnly(2026, 11, 24)).Since);
    }
}
