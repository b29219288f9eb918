using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Clearance.Core.Policy;

namespace Clearance.Server.Policy;

/// <summary>
/// Writes a decision as its <see cref="DecisionReport"/> JSON, byte for byte what the source-generated serializer writes
/// for <see cref="DecisionReport.Of"/> (<c>DecisionReportWriterTests</c> compares the two), without building the report.
/// What never changes between requests is encoded once and copied: each rule's identity, title, verdict, window,
/// confidence and citations, each chip profile's designations, each uncertainty, each pack version. Those are about two
/// thirds of an evaluate answer; what depends on the order (verdicts, obligations and their amounts, each rule's status
/// and reason) is written as usual.
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
    private static readonly JsonEncodedText Jurisdiction = JsonEncodedText.Encode("jurisdiction");
    private static readonly JsonEncodedText DecidedBy = JsonEncodedText.Encode("decidedBy");
    private static readonly JsonEncodedText Obligations = JsonEncodedText.Encode("obligations");
    private static readonly JsonEncodedText Designations = JsonEncodedText.Encode("designations");
    private static readonly JsonEncodedText UndeterminedDesignations = JsonEncodedText.Encode("undeterminedDesignations");
    private static readonly JsonEncodedText Rules = JsonEncodedText.Encode("rules");
    private static readonly JsonEncodedText Uncertainties = JsonEncodedText.Encode("uncertainties");
    private static readonly JsonEncodedText Packs = JsonEncodedText.Encode("packs");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");

    private static readonly ConditionalWeakTable<PolicyRule, RuleParts> RuleJson = [];
    private static readonly ConditionalWeakTable<ChipProfile, ProfileParts> ProfileJson = [];
    private static readonly ConditionalWeakTable<object, byte[]> ValueJson = [];

    /// <param name="writer">A writer with compact output and the default encoder, as the fixed parts are encoded.</param>
    /// <param name="decision">The decision, explained when <paramref name="everyRule"/> is.</param>
    /// <param name="everyRule">As <see cref="DecisionReport.Of"/>: every rule, or only those that bear on the decision.</param>
    public static void Write(Utf8JsonWriter writer, Decision decision, bool everyRule)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decision);
        writer.WriteStartObject();
        writer.WriteString(Id, decision.Order.Id);
        WriteDate(writer, AsOf, decision.AsOf);
        writer.WriteString(Product, decision.Order.Product);
        writer.WriteString(Destination, decision.Order.Destination);
        writer.WriteString(Verdict, decision.Verdict.Key());
        writer.WriteString(VerdictText, decision.Verdict.Describe());

        writer.WritePropertyName(Jurisdictions);
        writer.WriteStartArray();
        foreach (var jurisdiction in decision.Jurisdictions)
        {
            writer.WriteStartObject();
            writer.WriteString(Jurisdiction, jurisdiction.Jurisdiction);
            writer.WriteString(Verdict, jurisdiction.Verdict.Key());
            writer.WritePropertyName(DecidedBy);
            writer.WriteStartArray();
            foreach (var rule in jurisdiction.DecidedBy)
            {
                writer.WriteStringValue(rule);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Obligations);
        writer.WriteStartArray();
        foreach (var due in decision.Obligations)
        {
            JsonSerializer.Serialize(writer, ObligationReport.Of(due), PolicyJson.Default.ObligationReport);
        }

        writer.WriteEndArray();
        var profile = ProfileJson.GetValue(decision.Chip, ProfileParts.Of);
        writer.WritePropertyName(Designations);
        writer.WriteRawValue(profile.Designations, skipInputValidation: true);
        writer.WritePropertyName(UndeterminedDesignations);
        writer.WriteRawValue(profile.Undetermined, skipInputValidation: true);

        writer.WritePropertyName(Rules);
        writer.WriteStartArray();
        foreach (var rule in decision.Rules)
        {
            if (everyRule || DecisionReport.BearsOn(rule.Status))
            {
                WriteRule(writer, rule, PartsOf(rule), withCitations: everyRule || rule.Status is RuleStatus.Fired or RuleStatus.Undetermined);
            }
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Uncertainties);
        writer.WriteStartArray();
        foreach (var uncertainty in decision.Uncertainties)
        {
            writer.WriteRawValue(ValueJson.GetValue(uncertainty, static u => JsonSerializer.SerializeToUtf8Bytes(UncertaintyReport.Of((Uncertainty)u), PolicyJson.Default.UncertaintyReport)), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Packs);
        writer.WriteStartArray();
        foreach (var pack in decision.Packs)
        {
            writer.WriteRawValue(ValueJson.GetValue(pack, static p => JsonSerializer.SerializeToUtf8Bytes(PackVersionReport.Of((PackVersion)p), PolicyJson.Default.PackVersionReport)), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A rule as the serializer writes its report, its fixed properties from their encoded form.</summary>
    private static void WriteRule(Utf8JsonWriter writer, RuleDecision rule, RuleParts parts, bool withCitations)
    {
        writer.WriteStartObject();
        writer.WriteString(RuleParts.PackName, parts.Pack);
        writer.WriteString(RuleParts.JurisdictionName, parts.Jurisdiction);
        writer.WriteString(RuleParts.RuleName, parts.Rule);
        writer.WriteString(RuleParts.TitleName, parts.Title);
        writer.WriteString(Status, PolicyText.Status(rule.Status));
        writer.WriteString(Reason, rule.Reason);
        writer.WriteString(Verdict, parts.Verdict);
        writer.WriteString(RuleParts.EffectiveFromName, parts.EffectiveFrom);
        if (parts.EffectiveTo is { } to)
        {
            writer.WriteString(RuleParts.EffectiveToName, to);
        }

        writer.WriteString(RuleParts.ConfidenceName, parts.Confidence);
        writer.WritePropertyName(RuleParts.CitationsName);
        writer.WriteRawValue(withCitations ? parts.Citations : RuleParts.NoCitations, skipInputValidation: true);
        writer.WriteEndObject();
    }

    private static RuleParts PartsOf(RuleDecision rule) =>
        RuleJson.TryGetValue(rule.Rule, out var parts) ? parts : RuleJson.GetValue(rule.Rule, _ => RuleParts.Of(rule.Pack, rule.Rule));

    private static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, DateOnly date)
    {
        Span<char> text = stackalloc char[10];
        date.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..length]);
    }

    /// <summary>A chip profile's designations and undetermined designations, sorted as the report sorts them.</summary>
    private sealed class ProfileParts
    {
        public required byte[] Designations { get; init; }

        public required byte[] Undetermined { get; init; }

        public static ProfileParts Of(ChipProfile profile) => new()
        {
            Designations = JsonSerializer.SerializeToUtf8Bytes(DecisionReport.Sorted(profile.Designations), PolicyJson.Default.IReadOnlyListString),
            Undetermined = JsonSerializer.SerializeToUtf8Bytes(DecisionReport.Sorted(profile.UndeterminedDesignations), PolicyJson.Default.IReadOnlyListString),
        };
    }

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

        /// <summary>The rule's fixed parts, as its report gives them.</summary>
        public static RuleParts Of(PolicyPack pack, PolicyRule rule) => new()
        {
            Pack = JsonEncodedText.Encode(pack.Id),
            Jurisdiction = JsonEncodedText.Encode(pack.Jurisdiction),
            Rule = JsonEncodedText.Encode(rule.Id),
            Title = JsonEncodedText.Encode(rule.Title),
            Verdict = JsonEncodedText.Encode(rule.Verdict.Key()),
            EffectiveFrom = JsonEncodedText.Encode(Date(rule.EffectiveFrom)),
            EffectiveTo = rule.EffectiveTo is { } to ? JsonEncodedText.Encode(Date(to)) : null,
            Confidence = JsonEncodedText.Encode(PolicyText.Confidence(rule.Confidence)),
            Citations = JsonSerializer.SerializeToUtf8Bytes(CitationReport.Of(rule), PolicyJson.Default.IReadOnlyListCitationReport),
        };
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
