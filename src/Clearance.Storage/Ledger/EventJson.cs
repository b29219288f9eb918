using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Clearance.Core.Ledger;

namespace Clearance.Storage.Ledger;

/// <summary>
/// How ledger events are written to the audit log: the event type's name and its JSON. The stored text is what
/// the hash covers, so it is never re-serialized for verification.
/// </summary>
internal static class EventJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly FrozenDictionary<string, Type> Types = typeof(LedgerEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(LedgerEvent)) && !t.IsAbstract)
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static (string Type, string Payload) Write(LedgerEvent change) =>
        (change.GetType().Name, JsonSerializer.Serialize(change, change.GetType(), Options));

    public static LedgerEvent Read(string type, string payload)
    {
        if (!Types.TryGetValue(type, out var clrType))
        {
            throw new LedgerStorageException(StorageFault.Schema, $"the audit log holds an event of unknown type '{type}'; a newer Clearance wrote it");
        }

        return (LedgerEvent?)JsonSerializer.Deserialize(payload, clrType, Options)
            ?? throw new LedgerStorageException(StorageFault.Corrupt, $"the audit log holds an empty '{type}' event");
    }

    public static string List<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values, Options);
}
