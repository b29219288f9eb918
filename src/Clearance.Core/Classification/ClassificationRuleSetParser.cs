using System.Security.Cryptography;
using System.Text;
using Clearance.Core.Catalog;
using Clearance.Core.Parsing;
using YamlDotNet.RepresentationModel;

namespace Clearance.Core.Classification;

/// <summary>
/// Reads a classification rule-set file: parses, type-checks and compiles every condition. A file with any problem
/// yields no rule set, so the set in force stays in force.
/// </summary>
public static class ClassificationRuleSetParser
{
    private static readonly string[] RuleFields =
        ["id", "designation", "kind", "title", "effective_from", "effective_to", "when", "unless", "consequence", "confidence", "notes", "citations"];

    public static ParseResult<ClassificationRuleSet> Parse(SourceText file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<Problem>();
        if (YamlFields.LoadMapping(file.Name, file.Text, "rule_set, title, jurisdiction, version and rules", problems) is not { } document)
        {
            return ParseResult<ClassificationRuleSet>.Failure(problems);
        }

        var id = document.Text("rule_set", required: true);
        var title = document.Text("title", required: true);
        var jurisdiction = document.Text("jurisdiction", required: true);
        var version = document.Text("version", required: true);
        var rules = new List<ClassificationRule>();
        foreach (var (fields, index) in document.Mappings("rules", required: true))
        {
            if (ReadRule(fields, index) is { } rule)
            {
                rules.Add(rule);
            }
        }

        document.RejectUnknownKeys("rule_set", "title", "jurisdiction", "version", "rules");
        CheckReferences(rules, problems);

        if (problems.Count > 0)
        {
            return ParseResult<ClassificationRuleSet>.Failure(problems);
        }

        return ParseResult<ClassificationRuleSet>.Success(new ClassificationRuleSet
        {
            Id = id!,
            Title = title!,
            Jurisdiction = jurisdiction!,
            Version = version!,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Text))),
            Rules = [.. rules],
        });
    }

    private static ClassificationRule? ReadRule(YamlFields fields, int index)
    {
        var before = fields.Problems.Count;
        var id = fields.Text("id", required: true) ?? $"#{index}";
        var rule = fields.WithPath($"rules[{id}]");
        var designation = rule.Text("designation", required: true);
        var title = rule.Text("title", required: true);
        var kindText = rule.Text("kind", required: true);
        DesignationKind kind = default;
        if (kindText is not null && !Enum.TryParse(kindText.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out kind))
        {
            rule.Report("kind", $"'{YamlFields.Clip(kindText)}' is not a designation kind; use export-control-entry, licence-trigger, review-window, tariff-window or informational");
        }

        var from = rule.Date("effective_from", required: true);
        var to = rule.Date("effective_to", required: false);
        if (from is not null && to is not null && to < from)
        {
            rule.Report("effective_to", $"ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        }

        var confidenceText = rule.Text("confidence", required: false);
        var confidence = Confidence.Official;
        if (confidenceText is not null && !Enum.TryParse(confidenceText, ignoreCase: true, out confidence))
        {
            rule.Report("confidence", $"'{YamlFields.Clip(confidenceText)}' is not a confidence level");
        }

        var condition = ReadCondition(rule);
        var citations = CitationFields.Read(rule);
        var unless = rule.StringList("unless");
        var consequence = rule.Text("consequence", required: false);
        var notes = rule.Text("notes", required: false);
        rule.RejectUnknownKeys(RuleFields);

        if (fields.Problems.Count > before)
        {
            return null;
        }

        return new ClassificationRule
        {
            Id = id,
            Designation = designation!,
            Kind = kind,
            Title = title!,
            EffectiveFrom = from!.Value,
            EffectiveTo = to,
            When = condition!,
            Unless = [.. unless],
            Consequence = consequence,
            Confidence = confidence,
            Notes = notes,
            Citations = citations,
            DefinedAt = rule.Location,
        };
    }

    private static Expressions.Condition<ChipFacts>? ReadCondition(YamlFields rule)
    {
        var text = rule.Text("when", required: true);
        if (text is null)
        {
            return null;
        }

        var (condition, error) = ChipFacts.Schema.CompileCondition(text);
        if (error is not null)
        {
            var scalar = (YamlScalarNode)rule.Node("when")!;
            rule.Problems.Add(new Problem(ConditionLocations.Locate(scalar, rule.File, error.Offset), rule.FieldPath("when"), error.Message));
        }

        return condition;
    }

    private static void CheckReferences(List<ClassificationRule> rules, List<Problem> problems)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!ids.Add(rule.Id))
            {
                problems.Add(new Problem(rule.DefinedAt, $"rules[{rule.Id}].id", $"the rule id '{rule.Id}' is used twice"));
            }
        }

        foreach (var rule in rules)
        {
            foreach (var other in rule.Unless.Where(u => !ids.Contains(u)))
            {
                problems.Add(new Problem(rule.DefinedAt, $"rules[{rule.Id}].unless", $"names rule '{other}', which this file does not define"));
            }
        }
    }
}
