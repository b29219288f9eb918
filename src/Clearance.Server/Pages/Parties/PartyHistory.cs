using System.Text.Json;
using Clearance.Storage.Ledger;

namespace Clearance.Server.Pages.Parties;

/// <summary>One entry of a party's history: what happened, when, by whom, in words, with its audit row number.</summary>
public sealed record HistoryEntry(long Seq, string RecordedAt, string Actor, string Role, string What, string Details);

/// <summary>A party's history read from the audit log: every event that names the party, in the order recorded.</summary>
public static class PartyHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IEnumerable<AuditRow> log, string partyId)
    {
        ArgumentNullException.ThrowIfNull(log);
        var entries = new List<HistoryEntry>();
        foreach (var row in log)
        {
            // Cheap pre-filter: the payload holds the id verbatim when it names the party.
            if (!row.Payload.Contains(partyId, StringComparison.Ordinal))
            {
                continue;
            }

            using var json = JsonDocument.Parse(row.Payload);
            var root = json.RootElement;
            if (root.TryGetProperty("party_id", out var id) && id.GetString() == partyId)
            {
                entries.Add(new HistoryEntry(row.Seq, row.RecordedAt, row.Actor, row.Role, Words(row.EventType), Details(root)));
            }
        }

        return entries;
    }

    /// <summary>"ScreeningHitDismissed" → "screening hit dismissed".</summary>
    public static string Words(string eventType) =>
        string.Concat(eventType.Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static string Details(JsonElement root)
    {
        var parts = new List<string>();
        if (root.TryGetProperty("outcome", out var outcome))
        {
            var hit = outcome.TryGetProperty("hit", out var h) && h.ValueKind == JsonValueKind.True;
            var hits = outcome.TryGetProperty("hits", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
            parts.Add((hit ? hits > 0 ? $"{hits} hit(s)" : "hit" : "no hit") + $" against list version {Text(outcome, "list_version")}");
            if (Text(outcome, "detail") is { Length: > 0 } detail)
            {
                parts.Add(detail);
            }
        }

        foreach (var (name, label) in new[] { ("review", "review"), ("entry_id", "entry"), ("reason", "reason"), ("expires", "expires"), ("on", "on") })
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                parts.Add($"{label} {value}");
            }
        }

        return string.Join(" · ", parts);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
