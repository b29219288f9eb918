using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Clearance.Core.Policy;

namespace Clearance.Server.Policy;

/// <summary>
/// Writes a decision as its <see cref="DecisionReport"/> JSON, byte for byte what the source-generated serializer writes
/// for <see cref="DecisionReport.Of"/> with the writer's encoder (<c>DecisionReportWriterTests</c> compares the two, with
/// the default encoder and with the relaxed one the HTTP answers use), without building the report. What never changes
/// between requests is encoded once per encoder and copied: each rule's identity, title, verdict, window, confidence and
/// citations, each chip profile's designations, each obligation without an amount, each uncertainty, each pack version.
/// Those are most of an evaluate answer; what depends on the order (verdicts, levies and duties with their amounts, each
/// rule's status and reason) is written as usual.
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
    private static readonly JsonEncodedText PackName = JsonEncodedText.Encode("pack");
    private static readonly JsonEncodedText RuleName = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText EffectiveFromName = JsonEncodedText.Encode("effectiveFrom");
    private static readonly JsonEncodedText EffectiveToName = JsonEncodedText.Encode("effectiveTo");
    private static readonly JsonEncodedText ConfidenceName = JsonEncodedText.Encode("confidence");
    private static readonly JsonEncodedText CitationsName = JsonEncodedText.Encode("citations");
    private static readonly byte[] NoCitations = "[]"u8.ToArray();

    /// <param name="writer">A writer with compact output; its encoder is the one the fixed parts are encoded with.</param>
    /// <param name="decision">The decision, explained when <paramref name="everyRule"/> is.</param>
    /// <param name="everyRule">As <see cref="DecisionReport.Of"/>: every rule, or only those that bear on the decision.</param>
    public static void Write(Utf8JsonWriter writer, Decision decision, bool everyRule)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(decision);
        var parts = Encoded.For(writer.Options.Encoder);
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
            if (due.Amount is null)
            {
                // Without an amount the report is the obligation's alone (an obligation belongs to one rule of one pack).
                writer.WriteRawValue(parts.Obligation(due), skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, ObligationReport.Of(due), PolicyJson.Default.ObligationReport);
            }
        }

        writer.WriteEndArray();
        var profile = parts.Profile(decision.Chip);
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
                WriteRule(writer, rule, parts.Rule(rule), withCitations: everyRule || rule.Status is RuleStatus.Fired or RuleStatus.Undetermined);
            }
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Uncertainties);
        writer.WriteStartArray();
        foreach (var uncertainty in decision.Uncertainties)
        {
            writer.WriteRawValue(parts.Uncertainty(uncertainty), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Packs);
        writer.WriteStartArray();
        foreach (var pack in decision.Packs)
        {
            writer.WriteRawValue(parts.Pack(pack), skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A rule as the serializer writes its report, its fixed properties from their encoded form.</summary>
    private static void WriteRule(Utf8JsonWriter writer, RuleDecision rule, RuleParts parts, bool withCitations)
    {
        writer.WriteStartObject();
        writer.WriteString(PackName, parts.Pack);
        writer.WriteString(Jurisdiction, parts.Jurisdiction);
        writer.WriteString(RuleName, parts.Rule);
        writer.WriteString(TitleName, parts.Title);
        writer.WriteString(Status, PolicyText.Status(rule.Status));
        writer.WriteString(Reason, rule.Reason);
        writer.WriteString(Verdict, parts.Verdict);
        writer.WriteString(EffectiveFromName, parts.EffectiveFrom);
        if (parts.EffectiveTo is { } to)
        {
            writer.WriteString(EffectiveToName, to);
        }

        writer.WriteString(ConfidenceName, parts.Confidence);
        writer.WritePropertyName(CitationsName);
        writer.WriteRawValue(withCitations ? parts.Citations : NoCitations, skipInputValidation: true);
        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, DateOnly date)
    {
        Span<char> text = stackalloc char[10];
        date.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..length]);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The fixed parts encoded with one encoder (null: the writer's default), each made on first use.</summary>
    private sealed class Encoded(JavaScriptEncoder? encoder)
    {
        private static readonly Encoded Default = new(null);
        private static readonly ConcurrentDictionary<JavaScriptEncoder, Encoded> ByEncoder = new();

        private readonly ConditionalWeakTable<PolicyRule, RuleParts> _rules = [];
        private readonly ConditionalWeakTable<ChipProfile, ProfileParts> _profiles = [];
        private readonly ConditionalWeakTable<object, byte[]> _values = [];

        public static Encoded For(JavaScriptEncoder? encoder) => encoder is null ? Default : ByEncoder.GetOrAdd(encoder, e => new Encoded(e));

        public RuleParts Rule(RuleDecision rule) =>
            _rules.TryGetValue(rule.Rule, out var parts) ? parts : _rules.GetValue(rule.Rule, _ => RuleParts.Of(rule.Pack, rule.Rule, encoder));

        public ProfileParts Profile(ChipProfile profile) =>
            _profiles.TryGetValue(profile, out var parts) ? parts : _profiles.GetValue(profile, p => new ProfileParts
            {
                Designations = Json(DecisionReport.Sorted(p.Designations), PolicyJson.Default.IReadOnlyListString),
                Undetermined = Json(DecisionReport.Sorted(p.UndeterminedDesignations), PolicyJson.Default.IReadOnlyListString),
            });

        public byte[] Obligation(ObligationDue due) =>
            _values.TryGetValue(due.Obligation, out var json) ? json : _values.GetValue(due.Obligation, _ => Json(ObligationReport.Of(due), PolicyJson.Default.ObligationReport));

        public byte[] Uncertainty(Uncertainty uncertainty) =>
            _values.TryGetValue(uncertainty, out var json) ? json : _values.GetValue(uncertainty, u => Json(UncertaintyReport.Of((Uncertainty)u), PolicyJson.Default.UncertaintyReport));

        public byte[] Pack(PackVersion pack) =>
            _values.TryGetValue(pack, out var json) ? json : _values.GetValue(pack, p => Json(PackVersionReport.Of((PackVersion)p), PolicyJson.Default.PackVersionReport));

        private byte[] Json<T>(T value, JsonTypeInfo<T> typeInfo) => Encode(value, typeInfo, encoder);
    }

    /// <summary>A value as the serializer writes it with the encoder.</summary>
    private static byte[] Encode<T>(T value, JsonTypeInfo<T> typeInfo, JavaScriptEncoder? encoder)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A chip profile's designations and undetermined designations, sorted as the report sorts them.</summary>
    private sealed class ProfileParts
    {
        public required byte[] Designations { get; init; }

        public required byte[] Undetermined { get; init; }
    }

    /// <summary>One rule's fixed properties, encoded the first time the rule is shown.</summary>
    private sealed class RuleParts
    {
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
        public static RuleParts Of(PolicyPack pack, PolicyRule rule, JavaScriptEncoder? encoder) => new()
        {
            Pack = JsonEncodedText.Encode(pack.Id, encoder),
            Jurisdiction = JsonEncodedText.Encode(pack.Jurisdiction, encoder),
            Rule = JsonEncodedText.Encode(rule.Id, encoder),
            Title = JsonEncodedText.Encode(rule.Title, encoder),
            Verdict = JsonEncodedText.Encode(rule.Verdict.Key(), encoder),
            EffectiveFrom = JsonEncodedText.Encode(Date(rule.EffectiveFrom), encoder),
            EffectiveTo = rule.EffectiveTo is { } to ? JsonEncodedText.Encode(Date(to), encoder) : null,
            Confidence = JsonEncodedText.Encode(PolicyText.Confidence(rule.Confidence), encoder),
            Citations = Encode(CitationReport.Of(rule), PolicyJson.Default.IReadOnlyListCitationReport, encoder),
        };
    }
}
