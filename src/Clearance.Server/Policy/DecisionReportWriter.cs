using System.Runtime.CompilerServices;
using System.Text.Json;
using Clearance.Core.Policy;

namespace Clearance.Server.Policy;

/// <summary>
/// Writes a <see cref="DecisionReport"/> as JSON, byte for byte what the source-generated serializer writes
/// (<c>DecisionReportWriterTests</c> compares the two), with what never changes between requests encoded once and
/// copied: each rule's identity, title, verdict, window, confidence and citations, each uncertainty, each pack version.
/// Those are about two thirds of an evaluate answer; what depends on the order (verdicts, obligations and their amounts,
/// each rule's status and reason) is written as usual.
/// </summary>
internal static class DecisionReportWriter
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText AsOf = JsonEncodedText.Encode("asOf");
    private static readonly JsonEncodedText Product = JsonEncodedText.Encode("product");
    private static readonly JsonEncodedText Destination = JsonEncodedText.Encode("destination");
    private static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
    private static readonly JsonEncodedText VerdictText = JsonEncodedText.Encode("verdictText");
    private static readonly JsonEncodedText Jurisdictions = JsonEncodedText.Encode("jurisdictions");
    private static readonly JsonEncodedText Obligations = JsonEncodedText.Encode("obligations");
    private static readonly JsonEncodedText Designations = JsonEncodedText.Encode("designations");
    private static readonly JsonEncodedText UndeterminedDesignations = JsonEncodedText.Encode("undeterminedDesignations");
    private static readonly JsonEncodedText Rules = JsonEncodedText.Encode("rules");
    private static readonly JsonEncodedText Uncertainties = JsonEncodedText.Encode("uncertainties");
    private static readonly JsonEncodedText Packs = JsonEncodedText.Encode("packs");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");

    private static readonly ConditionalWeakTable<PolicyRule, RuleParts> RuleJson = [];
    private static readonly ConditionalWeakTable<object, byte[]> ValueJson = [];

    public static void Write(Utf8JsonWriter writer, DecisionReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var json = PolicyJson.Default;
        writer.WriteStartObject();
        writer.WriteString(Id, report.Id);
        writer.WriteString(AsOf, Date(report.AsOf));
        writer.WriteString(Product, report.Product);
        writer.WriteString(Destination, report.Destination);
        writer.WriteString(Verdict, report.Verdict);
        writer.WriteString(VerdictText, report.VerdictText);
        writer.WritePropertyName(Jurisdictions);
        JsonSerializer.Serialize(writer, report.Jurisdictions, json.IReadOnlyListJurisdictionReport);
        writer.WritePropertyName(Obligations);
        JsonSerializer.Serialize(writer, report.Obligations, json.IReadOnlyListObligationReport);
        writer.WritePropertyName(Designations);
        JsonSerializer.Serialize(writer, report.Designations, json.IReadOnlyListString);
        writer.WritePropertyName(UndeterminedDesignations);
        JsonSerializer.Serialize(writer, report.UndeterminedDesignations, json.IReadOnlyListString);

        writer.WritePropertyName(Rules);
        writer.WriteStartArray();
        foreach (var rule in report.Rules)
        {
            if (rule.Source is { } source)
            {
                WriteRule(writer, rule, RuleJson.TryGetValue(source, out var parts) ? parts : FirstParts(source, rule));
            }
            else
            {
                JsonSerializer.Serialize(writer, rule, json.RuleReport);
            }
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Uncertainties);
        writer.WriteStartArray();
        foreach (var uncertainty in report.Uncertainties)
        {
            writer.WriteRawValue(ValueJson.GetValue(uncertainty, static u => JsonSerializer.SerializeToUtf8Bytes((UncertaintyReport)u, PolicyJson.Default.UncertaintyReport)), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Packs);
        writer.WriteStartArray();
        foreach (var pack in report.Packs)
        {
            writer.WriteRawValue(ValueJson.GetValue(pack, static p => JsonSerializer.SerializeToUtf8Bytes((PackVersionReport)p, PolicyJson.Default.PackVersionReport)), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A rule as the serializer writes it, its fixed properties from their encoded form.</summary>
    private static void WriteRule(Utf8JsonWriter writer, RuleReport rule, RuleParts parts)
    {
        writer.WriteStartObject();
        writer.WriteString(RuleParts.PackName, parts.Pack);
        writer.WriteString(RuleParts.JurisdictionName, parts.Jurisdiction);
        writer.WriteString(RuleParts.RuleName, parts.Rule);
        writer.WriteString(RuleParts.TitleName, parts.Title);
        writer.WriteString(Status, rule.Status);
        writer.WriteString(Reason, rule.Reason);
        writer.WriteString(Verdict, parts.Verdict);
        writer.WriteString(RuleParts.EffectiveFromName, parts.EffectiveFrom);
        if (parts.EffectiveTo is { } to)
        {
            writer.WriteString(RuleParts.EffectiveToName, to);
        }

        writer.WriteString(RuleParts.ConfidenceName, parts.Confidence);
        writer.WritePropertyName(RuleParts.CitationsName);
        writer.WriteRawValue(rule.Citations.Count == 0 ? RuleParts.NoCitations : parts.Citations, skipInputValidation: true);
        writer.WriteEndObject();
    }

    /// <summary>The rule's parts, encoded from its first report (the fixed properties are the rule's, whatever the order).</summary>
    private static RuleParts FirstParts(PolicyRule source, RuleReport report) => RuleJson.GetValue(source, _ => RuleParts.Of(report));

    /// <summary>One rule's fixed properties, encoded the first time the rule is shown.</summary>
    private sealed class RuleParts
    {
        public static readonly JsonEncodedText PackName = JsonEncodedText.Encode("pack");
        public static readonly JsonEncodedText JurisdictionName = JsonEncodedText.Encode("jurisdiction");
        public static readonly JsonEncodedText RuleName = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
        public static readonly JsonEncodedText EffectiveFromName = JsonEncodedText.Encode("effectiveFrom");
        public static readonly JsonEncodedText EffectiveToName = JsonEncodedText.Encode("effectiveTo");
        public static readonly JsonEncodedText ConfidenceName = JsonEncodedText.Encode("confidence");
        public static readonly JsonEncodedText CitationsName = JsonEncodedText.Encode("citations");
        public static readonly byte[] NoCitations = "[]"u8.ToArray();

        public required JsonEncodedText Pack { get; init; }

        public required JsonEncodedText Jurisdiction { get; init; }

        public required JsonEncodedText Rule { get; init; }

        public required JsonEncodedText Title { get; init; }

        public required JsonEncodedText Verdict { get; init; }

        public required JsonEncodedText EffectiveFrom { get; init; }

        public required JsonEncodedText? EffectiveTo { get; init; }

        public required JsonEncodedText Confidence { get; init; }

        public required byte[] Citations { get; init; }

        /// <summary>The parts from the rule's report (its fixed properties are the rule's, whatever the order).</summary>
        public static RuleParts Of(RuleReport report) => new()
        {
            Pack = JsonEncodedText.Encode(report.Pack),
            Jurisdiction = JsonEncodedText.Encode(report.Jurisdiction),
            Rule = JsonEncodedText.Encode(report.Rule),
            Title = JsonEncodedText.Encode(report.Title),
            Verdict = JsonEncodedText.Encode(report.Verdict),
            EffectiveFrom = JsonEncodedText.Encode(Date(report.EffectiveFrom)),
            EffectiveTo = report.EffectiveTo is { } to ? JsonEncodedText.Encode(Date(to)) : null,
            Confidence = JsonEncodedText.Encode(report.Confidence),
            Citations = JsonSerializer.SerializeToUtf8Bytes(CitationReport.Of(report.Source!), PolicyJson.Default.IReadOnlyListCitationReport),
        };
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
