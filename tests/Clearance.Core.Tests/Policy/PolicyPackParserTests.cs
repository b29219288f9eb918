using Clearance.Core.Catalog;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;

namespace Clearance.Core.Tests.Policy;

public class PolicyPackParserTests
{
    private const string Header = """
        pack: test-pack
        title: Test pack
        jurisdiction: US
        instrument: test
        version: "1"

        """;

    private static string Rule(string body) => Header + """
        rules:
          - id: r1
            title: A rule
            effective_from: 2026-01-15

        """ + body;

    private const string Cited = """
            citations:
              - ref: a source

        """;

    private static Problem SingleProblem(string text)
    {
        var parsed = PolicyPackParser.Parse(new SourceText("packs/test.yaml", text));
        Assert.False(parsed.Succeeded);
        return Assert.Single(parsed.Problems);
    }

    [Fact]
    public void Parse_UnknownFactInACondition_NamesFileLineColumnFieldAndSuggests()
    {
        var problem = SingleProblem(Rule("""
                when: destination == "CN" and quantty > 10
                outcome: prohibited

            """ + Cited));

        Assert.Equal(new SourceLocation("packs/test.yaml", 10, 35), problem.Location);
        Assert.Equal("rules[r1].when", problem.Field);
        Assert.Contains("did you mean 'quantity'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TypeErrorInABlockCondition_PointsIntoTheBlock()
    {
        var problem = SingleProblem(Rule("""
                when: >-
                  destination == "CN"
                  and quantity == "ten"
                outcome: prohibited

            """ + Cited));

        Assert.Equal("rules[r1].when", problem.Field);
        Assert.Equal(new SourceLocation("packs/test.yaml", 12, 11), problem.Location);
        Assert.Contains("cannot compare a number with a text", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AConditionThatIsNotTrueOrFalse_IsRejected()
    {
        var problem = SingleProblem(Rule("""
                when: quantity * 2
                outcome: prohibited

            """ + Cited));

        Assert.Equal("rules[r1].when", problem.Field);
        Assert.Contains("must be true or false", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outcome: forbidden", "rules[r1].outcome", "is not an outcome")]
    [InlineData("outcome: licence-required", "rules[r1].review", "needs its review policy")]
    [InlineData("outcome: licence-required\n    review: maybe", "rules[r1].review", "is not a review policy")]
    [InlineData("outcome: allowed\n    review: approval", "rules[r1].review", "only a licence-required outcome")]
    [InlineData("outcome: allowed\n    effective_to: 2025-01-01", "rules[r1].effective_to", "before it starts")]
    [InlineData("outcome: allowed\n    confidence: press", "rules[r1].notes", "must say what is uncertain")]
    [InlineData("outcome: allowed\n    confidence: sure", "rules[r1].confidence", "is not a confidence level")]
    [InlineData("outcome: allowed\n    unles: [r2]", "rules[r1].unles", "unknown field")]
    [InlineData("outcome: allowed\n    unless: [r9]", "rules[r1].unless", "which this pack does not define")]
    [InlineData("outcome: allowed\n    obligations:\n      - kind: duty\n        description: d\n        rate_percent: 25\n        base: total_value", "rules[r1].obligations[0].payee", "needs rate_percent, base and payee")]
    [InlineData("outcome: allowed\n    obligations:\n      - kind: duty\n        description: d\n        rate_percent: 25\n        base: destination\n        payee: CBP", "rules[r1].obligations[0].base", "expected a number")]
    [InlineData("outcome: allowed\n    obligations:\n      - kind: bribe\n        description: d", "rules[r1].obligations[0].kind", "is not an obligation kind")]
    [InlineData("outcome: allowed\n    obligations:\n      - kind: volume-cap\n        description: d\n        unit: units", "rules[r1].obligations[0].limit", "needs limit and unit")]
    public void Parse_ABadRuleField_IsReportedWithItsFieldPath(string fields, string field, string message)
    {
        var problem = SingleProblem(Rule("    when: \"true\"\n    " + fields + "\n" + Cited));

        Assert.Equal(field, problem.Field);
        Assert.Equal("packs/test.yaml", problem.Location.File);
        Assert.True(problem.Location.Line > 6, problem.ToString());
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ARuleWithoutCitations_IsRejected()
    {
        var problem = SingleProblem(Rule("    when: \"true\"\n    outcome: allowed\n"));

        Assert.Equal("rules[r1].citations", problem.Field);
        Assert.Contains("is required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateRuleIds_AreReported()
    {
        var rule = "  - id: r1\n    title: t\n    effective_from: 2026-01-15\n    when: \"true\"\n    outcome: allowed\n    citations: [{ ref: s }]\n";
        var problem = SingleProblem(Header + "rules:\n" + rule + rule);

        Assert.Equal("rules[r1].id", problem.Field);
        Assert.Contains("used twice", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedYaml_GivesTheLineAndColumn()
    {
        var problem = SingleProblem(Header + "rules:\n  - id: r1\n    title: [unclosed\n");

        Assert.Equal("packs/test.yaml", problem.Location.File);
        Assert.True(problem.Location.Line >= 8, problem.ToString());
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - name: quantity\n    value: 3\n    description: d", "parameters[quantity].name", "is an order fact")]
    [InlineData("  - name: Bad-Name\n    value: 3\n    description: d", "parameters[Bad-Name].name", "is not a parameter name")]
    [InlineData("  - name: floor\n    value: ten\n    description: d", "parameters[floor].value", "is not a number")]
    public void Parse_ABadParameter_IsReported(string parameter, string field, string message)
    {
        var problem = SingleProblem(Header + "parameters:\n" + parameter + "\nrules:\n  - id: r1\n    title: t\n    effective_from: 2026-01-15\n    when: \"true\"\n    outcome: allowed\n    citations: [{ ref: s }]\n");

        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParametersAreFactsOfTheirPack()
    {
        var text = Header + "parameters:\n  - name: floor\n    value: 30\n    description: d\n  - name: buyers\n    value: [A, B]\n    description: d\n"
            + "rules:\n  - id: r1\n    title: t\n    effective_from: 2026-01-15\n    when: quantity > floor and customer_parent in buyers\n    outcome: prohibited\n    citations: [{ ref: s }]\n";
        var pack = PolicyPackParser.Parse(new SourceText("p.yaml", text)).Value;
        var library = new PolicyLibrary([pack], ShippedData.Library.Catalog, ShippedData.Library.Classification);

        var big = Orders.Make("nvidia-h100-sxm", "DE", "2026-02-01", parent: "b", quantity: 31);
        var small = big with { Quantity = 30 };

        Assert.Equal(Verdict.Prohibited, PolicyEvaluator.Evaluate(big, big.OrderDate, library).Verdict);
        Assert.Equal(Verdict.Allowed, PolicyEvaluator.Evaluate(small, small.OrderDate, library).Verdict);
    }

    [Fact]
    public void Parse_EveryProblemInAFile_IsReportedNotJustTheFirst()
    {
        var parsed = PolicyPackParser.Parse(new SourceText("p.yaml", "pack: Bad Id\ntitle: t\nrules: []\nextra: 1\n"));

        Assert.Contains(parsed.Problems, p => p.Field == "pack");
        Assert.Contains(parsed.Problems, p => p.Field == "jurisdiction");
        Assert.Contains(parsed.Problems, p => p.Field == "extra");
    }

    [Fact]
    public void Reload_AFailingPackSet_LeavesThePacksInForce()
    {
        var inForce = new PolicyInForce(ShippedData.Library);
        var before = inForce.Current;
        var broken = ShippedData.Files("policy").Select(f => f.Name.EndsWith("us-section-232.yaml", StringComparison.Ordinal)
            ? f with { Text = f.Text.Replace("rate_percent: 25", "rate_percent: twenty-five", StringComparison.Ordinal) }
            : f).ToList();

        var problems = inForce.Reload(broken);

        Assert.Contains(problems, p => p.Location.File.EndsWith("us-section-232.yaml", StringComparison.Ordinal) && p.Field.EndsWith(".rate_percent", StringComparison.Ordinal));
        Assert.Same(before, inForce.Current);
    }

    [Fact]
    public void Reload_AValidPackSet_ReplacesThePacksInForce()
    {
        var inForce = new PolicyInForce(ShippedData.Library);
        var before = inForce.Current;
        var changed = ShippedData.Files("policy").Select(f => f.Name.EndsWith("us-section-232.yaml", StringComparison.Ordinal)
            ? f with { Text = f.Text.Replace("rate_percent: 25", "rate_percent: 30", StringComparison.Ordinal) }
            : f).ToList();

        var problems = inForce.Reload(changed);

        Assert.Empty(problems);
        Assert.NotSame(before, inForce.Current);
        var order = Orders.Make("nvidia-h200-sxm", "JP", "2026-02-01", usEntry: true);
        Assert.Equal(72_000m, PolicyEvaluator.Evaluate(order, order.OrderDate, inForce.Current).Obligations.Single().Amount);
    }

    [Fact]
    public void Parse_DuplicatePackIdsAcrossFiles_FailTheSet()
    {
        var file = ShippedData.Files("policy")[0];

        var parsed = PolicySet.Parse([file, file with { Name = "copy.yaml" }]);

        Assert.False(parsed.Succeeded);
        Assert.Contains(parsed.Problems, p => p.Field == "pack" && p.Message.Contains("also defined", StringComparison.Ordinal));
    }

    [Fact]
    public void ShippedPacks_EveryRuleCitesASourceAndExplainsUncertainty()
    {
        var rules = ShippedData.Packs().SelectMany(p => p.Rules).ToList();

        Assert.True(rules.Count >= 25, $"{rules.Count} rules");
        Assert.All(rules, r => Assert.NotEmpty(r.Citations));
        Assert.All(rules.Where(r => r.Confidence != Confidence.Official), r => Assert.False(string.IsNullOrWhiteSpace(r.Notes)));
    }
}
