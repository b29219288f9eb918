using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Expressions;
using Clearance.Core.Parsing;
using YamlDotNet.RepresentationModel;

namespace Clearance.Core.Policy;

/// <summary>
/// Reads a policy-pack file: parses it strictly, type-checks every condition and amount against the order facts
/// and the pack's parameters, and compiles them. A file with any problem yields no pack at all.
/// </summary>
public static partial class PolicyPackParser
{
    private static readonly string[] PackFields = ["pack", "title", "jurisdiction", "instrument", "version", "scope", "parameters", "rules"];

    private static readonly string[] ParameterFields = ["name", "value", "description", "confidence", "notes"];

    private static readonly string[] RuleFields =
        ["id", "title", "effective_from", "effective_to", "when", "unless", "outcome", "review", "obligations", "confidence", "notes", "citations"];

    private static readonly string[] ObligationFields = ["kind", "description", "rate_percent", "base", "payee", "limit", "unit", "pool"];

    public static ParseResult<PolicyPack> Parse(SourceText file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<Problem>();
        if (YamlFields.LoadRoot(file.Name, file.Text, problems) is not { } root)
        {
            return ParseResult<PolicyPack>.Failure(problems);
        }

        if (root is not YamlMappingNode mapping)
        {
            return ParseResult<PolicyPack>.Failure(new Problem(YamlFields.LocationOf(root, file.Name), "", "a policy pack must be a mapping with pack, title, jurisdiction, instrument, version and rules"));
        }

        var document = new YamlFields(mapping, file.Name, "", problems);
        var id = document.Text("pack", required: true);
        var title = document.Text("title", required: true);
        var jurisdiction = document.Text("jurisdiction", required: true);
        var instrument = document.Text("instrument", required: true);
        var version = document.Text("version", required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            document.Report("pack", $"'{YamlFields.Clip(id)}' is not a pack id; use lower-case letters, digits and hyphens");
        }

        var parameters = new List<PackParameter>();
        foreach (var (fields, index) in document.Mappings("parameters", required: false))
        {
            if (ReadParameter(fields, index) is { } parameter)
            {
                if (parameters.Exists(p => p.Name == parameter.Name))
                {
                    fields.Report("name", $"the parameter '{parameter.Name}' is defined twice");
                }
                else
                {
                    parameters.Add(parameter);
                }
            }
        }

        var schema = SchemaWith(parameters);
        var scope = ReadExpression(document, file.Text, "scope", schema, (s, text) => s.CompileCondition(text));
        var rules = new List<PolicyRule>();
        foreach (var (fields, index) in document.Mappings("rules", required: true))
        {
            if (ReadRule(fields, file.Text, index, schema) is { } rule)
            {
                rules.Add(rule);
            }
        }

        document.RejectUnknownKeys(PackFields);
        CheckReferences(rules, problems);
        if (problems.Count > 0)
        {
            return ParseResult<PolicyPack>.Failure(problems);
        }

        return ParseResult<PolicyPack>.Success(new PolicyPack
        {
            Id = id!,
            Title = title!,
            Jurisdiction = jurisdiction!,
            Instrument = instrument!,
            Version = version!,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Text))),
            File = file.Name,
            Parameters = [.. parameters],
            Scope = scope,
            Rules = [.. rules],
        });
    }

    /// <summary>The order facts plus a pack's parameters, each readable by name in that pack's conditions.</summary>
    public static FactSchema<OrderFacts> SchemaWith(IEnumerable<PackParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var schema = OrderFacts.Schema;
        foreach (var parameter in parameters)
        {
            if (parameter.Number is { } number)
            {
                schema = schema.Constant(parameter.Name, number, parameter.Description);
            }
            else
            {
                schema = schema.Constant(parameter.Name, parameter.Texts.ToFrozenSet(StringComparer.OrdinalIgnoreCase), parameter.Description);
            }
        }

        return schema;
    }

    private static PackParameter? ReadParameter(YamlFields fields, int index)
    {
        var before = fields.Problems.Count;
        var name = fields.Text("name", required: true);
        var parameter = fields.WithPath($"parameters[{name ?? "#" + index.ToString(CultureInfo.InvariantCulture)}]");
        if (name is not null && !NamePattern().IsMatch(name))
        {
            parameter.Report("name", $"'{YamlFields.Clip(name)}' is not a parameter name; use lower-case letters, digits and underscores");
        }
        else if (name is not null && OrderFacts.Schema.Facts.ContainsKey(name))
        {
            parameter.Report("name", $"'{name}' is an order fact; choose another name");
        }

        var description = parameter.Text("description", required: true);
        var confidence = ReadConfidence(parameter);
        var notes = parameter.Text("notes", required: false);
        double? number = null;
        var texts = ImmutableArray<string>.Empty;
        switch (parameter.Node("value"))
        {
            case null:
                parameter.Report("value", "is required");
                break;
            case YamlSequenceNode:
                texts = [.. parameter.StringList("value")];
                break;
            case YamlScalarNode scalar when !YamlFields.IsNull(scalar):
                number = parameter.ParseNumber("value", scalar.Value!.Trim());
                break;
            default:
                parameter.Report("value", "must be a number or a list of texts");
                break;
        }

        parameter.RejectUnknownKeys(ParameterFields);
        return fields.Problems.Count > before ? null : new PackParameter(name!, number, texts, description!, confidence!.Value, notes);
    }

    private static PolicyRule? ReadRule(YamlFields fields, string source, int index, FactSchema<OrderFacts> schema)
    {
        var before = fields.Problems.Count;
        var id = fields.Text("id", required: true) ?? $"#{index}";
        var rule = fields.WithPath($"rules[{id}]");
        if (!IdPattern().IsMatch(id) && !id.StartsWith('#'))
        {
            rule.Report("id", $"'{YamlFields.Clip(id)}' is not a rule id; use lower-case letters, digits and hyphens");
        }

        var title = rule.Text("title", required: true);
        var from = rule.Date("effective_from", required: true);
        var to = rule.Date("effective_to", required: false);
        if (from is not null && to is not null && to < from)
        {
            rule.Report("effective_to", $"ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        }

        var verdict = ReadVerdict(rule);
        var condition = ReadExpression(rule, source, "when", schema, (s, text) =>
        {
            var (compiled, error) = s.CompileCondition(text);
            return (compiled, error);
        });
        var obligations = ImmutableArray.CreateBuilder<Obligation>();
        foreach (var (obligationFields, _) in rule.Mappings("obligations", required: false))
        {
            if (ReadObligation(obligationFields, source, schema) is { } obligation)
            {
                obligations.Add(obligation);
            }
        }

        var confidence = ReadConfidence(rule);
        var notes = rule.Text("notes", required: false);
        if (confidence is { } known && known != Confidence.Official && notes is null)
        {
            rule.Report("notes", $"a rule whose confidence is {known.ToString().ToLowerInvariant()} must say what is uncertain in notes");
        }

        var citations = CitationFields.Read(rule);
        var unless = rule.StringList("unless");
        rule.RejectUnknownKeys(RuleFields);
        if (fields.Problems.Count > before)
        {
            return null;
        }

        return new PolicyRule
        {
            Id = id,
            Title = title!,
            EffectiveFrom = from!.Value,
            EffectiveTo = to,
            When = condition!,
            Unless = [.. unless],
            Verdict = verdict!.Value,
            Obligations = obligations.ToImmutable(),
            Confidence = confidence!.Value,
            Notes = notes,
            Citations = citations,
            DefinedAt = rule.Location,
        };
    }

    private static Verdict? ReadVerdict(YamlFields rule)
    {
        var outcome = rule.Text("outcome", required: true);
        var review = rule.Text("review", required: false);
        ReviewPolicy? policy = review?.ToLowerInvariant() switch
        {
            null => null,
            "approval" => ReviewPolicy.Approval,
            "case-by-case" => ReviewPolicy.CaseByCase,
            "presumption-of-denial" => ReviewPolicy.PresumptionOfDenial,
            _ => Fail(rule, "review", $"'{YamlFields.Clip(review)}' is not a review policy; use approval, case-by-case or presumption-of-denial"),
        };
        switch (outcome?.ToLowerInvariant())
        {
            case null:
                return null;
            case "licence-required" or "license-required":
                if (review is null)
                {
                    rule.Report("review", "a licence-required outcome needs its review policy: approval, case-by-case or presumption-of-denial");
                }

                return policy is { } p ? Verdicts.LicenceRequired(p) : null;
            case "allowed" or "prohibited" or "hold-for-review":
                if (review is not null)
                {
                    rule.Report("review", $"only a licence-required outcome has a review policy, not '{outcome}'");
                }

                return Verdicts.Parse(outcome);
            default:
                rule.Report("outcome", $"'{YamlFields.Clip(outcome)}' is not an outcome; use allowed, licence-required, prohibited or hold-for-review");
                return null;
        }
    }

    private static ReviewPolicy? Fail(YamlFields fields, string key, string message)
    {
        fields.Report(key, message);
        return null;
    }

    private static Obligation? ReadObligation(YamlFields fields, string source, FactSchema<OrderFacts> schema)
    {
        var before = fields.Problems.Count;
        var kindText = fields.Text("kind", required: true);
        ObligationKind? kind = null;
        if (kindText is not null)
        {
            if (Enum.TryParse<ObligationKind>(kindText.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && !int.TryParse(kindText, CultureInfo.InvariantCulture, out _))
            {
                kind = parsed;
            }
            else
            {
                fields.Report("kind", $"'{YamlFields.Clip(kindText)}' is not an obligation kind; use levy, duty, prior-notification, third-party-testing, know-your-customer, volume-cap or certification");
            }
        }

        var description = fields.Text("description", required: true);
        var rate = fields.Number("rate_percent", required: false);
        if (rate is < 0 or > 1000)
        {
            fields.Report("rate_percent", $"{rate} is not a plausible rate in percent");
        }

        var baseText = fields.Text("base", required: false);
        var baseExpression = ReadExpression(fields, source, "base", schema, (s, text) => s.CompileNumber(text));
        var payee = fields.Text("payee", required: false);
        var limit = fields.Number("limit", required: false);
        var unit = fields.Text("unit", required: false);
        var pool = fields.Text("pool", required: false);
        if (kind is ObligationKind.Levy or ObligationKind.Duty)
        {
            foreach (var (key, present) in new[] { ("rate_percent", fields.Has("rate_percent")), ("base", baseText is not null), ("payee", payee is not null) })
            {
                if (!present)
                {
                    fields.Report(key, $"a {kindText} needs rate_percent, base and payee");
                }
            }
        }

        if (kind == ObligationKind.VolumeCap && (limit is null || unit is null))
        {
            fields.Report(limit is null ? "limit" : "unit", "a volume-cap needs limit and unit");
        }

        fields.RejectUnknownKeys(ObligationFields);
        return fields.Problems.Count > before ? null : new Obligation
        {
            Kind = kind!.Value,
            Description = description!,
            RatePercent = rate is { } r ? (decimal)r : null,
            BaseText = baseText,
            Base = baseExpression,
            Payee = payee,
            Limit = limit,
            Unit = unit,
            Pool = pool,
        };
    }

    private static T? ReadExpression<T>(YamlFields fields, string source, string key, FactSchema<OrderFacts> schema, Func<FactSchema<OrderFacts>, string, (T? Compiled, ExpressionError? Error)> compile)
        where T : class
    {
        if (fields.Text(key, required: key == "when") is not { } text)
        {
            return null;
        }

        var (compiled, error) = compile(schema, text);
        if (error is not null)
        {
            var scalar = (YamlScalarNode)fields.Node(key)!;
            fields.Problems.Add(new Problem(ConditionLocations.Locate(scalar, fields.File, source, error.Offset + LeadingWhitespace(scalar.Value ?? "")), fields.FieldPath(key), error.Message));
        }

        return compiled;
    }

    /// <summary>YamlFields trims scalars; offsets into the trimmed text shift by the whitespace removed in front.</summary>
    private static int LeadingWhitespace(string text) => text.Length - text.TrimStart().Length;

    private static Confidence? ReadConfidence(YamlFields fields)
    {
        var text = fields.Text("confidence", required: false);
        if (text is null)
        {
            return Confidence.Official;
        }

        if (Enum.TryParse<Confidence>(text, ignoreCase: true, out var confidence) && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
        {
            return confidence;
        }

        fields.Report("confidence", $"'{YamlFields.Clip(text)}' is not a confidence level; use official, press, calculated or unverified");
        return null;
    }

    private static void CheckReferences(List<PolicyRule> rules, List<Problem> problems)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.Where(rule => !ids.Add(rule.Id)))
        {
            problems.Add(new Problem(rule.DefinedAt, $"rules[{rule.Id}].id", $"the rule id '{rule.Id}' is used twice"));
        }

        foreach (var rule in rules)
        {
            foreach (var other in rule.Unless.Where(u => !ids.Contains(u) || u == rule.Id))
            {
                problems.Add(new Problem(rule.DefinedAt, $"rules[{rule.Id}].unless", other == rule.Id
                    ? "a rule cannot be superseded by itself"
                    : $"names rule '{other}', which this pack does not define"));
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}
