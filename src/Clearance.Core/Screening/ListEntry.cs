using System.Security.Cryptography;
using System.Text;

namespace Clearance.Core.Screening;

/// <summary>What kind of party a list entry names.</summary>
public enum PartyType
{
    Unknown,
    Individual,
    Entity,
    Vessel,
    Aircraft,
}

/// <summary>An identifier printed on a list (passport, tax number, IMO number…), with its issuing country when given.</summary>
public sealed record ListIdentifier(string Kind, string Value, string? Country);

/// <summary>One address of a listed party as the list prints it, with the country's ISO 3166 code when it is known.</summary>
public sealed record ListAddress(string Text, string? Country);

/// <summary>
/// One party on one restricted-party list, in the single model every list format is read into.
/// <see cref="EntryId"/> is unique within a list set and stable across list versions
/// (the list's own number where it has one), so that list updates can be compared entry by entry.
/// </summary>
public sealed record ListEntry
{
    public required string EntryId { get; init; }

    /// <summary>The list the entry is on, e.g. "OFAC SDN", "BIS Entity List", "UN Security Council".</summary>
    public required string Source { get; init; }

    /// <summary>The version of the source list it came from (a publication date or file hash).</summary>
    public required string ListVersion { get; init; }

    public required PartyType Type { get; init; }

    public required string PrimaryName { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<ListAddress> Addresses { get; init; } = [];

    /// <summary>ISO 3166 alpha-2 codes of every country tied to the entry (addresses, nationality, citizenship).</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<ListIdentifier> Identifiers { get; init; } = [];

    /// <summary>Sanctions programmes or list sub-types, e.g. "SDGT", "IFSR", "NPWMD".</summary>
    public IReadOnlyList<string> Programmes { get; init; } = [];

    public string? Remarks { get; init; }

    /// <summary>Every name the entry is known by: the primary name first, then the aliases.</summary>
    public IEnumerable<string> Names
    {
        get
        {
            yield return PrimaryName;
            foreach (var alias in Aliases)
            {
                yield return alias;
            }
        }
    }

    /// <summary>
    /// A canonical text of every field except <see cref="ListVersion"/>: two entries with the same fingerprint
    /// say the same thing, so a list update that only bumps the version changes nothing.
    /// </summary>
    public string Fingerprint()
    {
        var builder = new StringBuilder();
        Append(builder, "id", EntryId);
        Append(builder, "source", Source);
        Append(builder, "type", Type.ToString());
        Append(builder, "name", PrimaryName);
        foreach (var alias in Aliases)
        {
            Append(builder, "alias", alias);
        }

        foreach (var address in Addresses)
        {
            Append(builder, "address", $"{address.Text}|{address.Country}");
        }

        foreach (var country in Countries)
        {
            Append(builder, "country", country);
        }

        foreach (var identifier in Identifiers)
        {
            Append(builder, "identifier", $"{identifier.Kind}|{identifier.Value}|{identifier.Country}");
        }

        foreach (var programme in Programmes)
        {
            Append(builder, "programme", programme);
        }

        Append(builder, "remarks", Remarks ?? "");
        return builder.ToString();
    }

    /// <summary>The fields whose values differ between this entry and a newer version of it.</summary>
    public IReadOnlyList<string> ChangedFields(ListEntry newer)
    {
        var changed = new List<string>();
        if (Type != newer.Type)
        {
            changed.Add("type");
        }

        if (!string.Equals(PrimaryName, newer.PrimaryName, StringComparison.Ordinal))
        {
            changed.Add("name");
        }

        if (!Aliases.SequenceEqual(newer.Aliases, StringComparer.Ordinal))
        {
            changed.Add("aliases");
        }

        if (!Addresses.SequenceEqual(newer.Addresses))
        {
            changed.Add("addresses");
        }

        if (!Countries.SequenceEqual(newer.Countries, StringComparer.Ordinal))
        {
            changed.Add("countries");
        }

        if (!Identifiers.SequenceEqual(newer.Identifiers))
        {
            changed.Add("identifiers");
        }

        if (!Programmes.SequenceEqual(newer.Programmes, StringComparer.Ordinal))
        {
            changed.Add("programmes");
        }

        if (!string.Equals(Remarks, newer.Remarks, StringComparison.Ordinal))
        {
            changed.Add("remarks");
        }

        return changed;
    }

    private static void Append(StringBuilder builder, string field, string value) =>
        builder.Append(field).Append('=').Append(value.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
}

/// <summary>
/// One source list inside a list set: its name, version, the files it was read from, its size, and the rows that were
/// read but could not be used (e.g. an OFAC alias whose entry is missing from the main file), so nothing is dropped unseen.
/// </summary>
public sealed record ListSource(string Name, string Version, IReadOnlyList<string> Files, int EntryCount)
{
    public IReadOnlyList<Parsing.Problem> Warnings { get; init; } = [];
}

/// <summary>
/// The restricted-party lists in force: every entry of every loaded list, a content hash over all of them
/// (SHA-256 of the entries' fingerprints in entry-id order) and a short version derived from that hash,
/// so the same lists always give the same version and any change gives a new one.
/// </summary>
public sealed class ListSet
{
    private readonly Dictionary<string, ListEntry> _byId;

    private ListSet(IReadOnlyList<ListEntry> entries, IReadOnlyList<ListSource> sources, string contentHash)
    {
        Entries = entries;
        Sources = sources;
        ContentHash = contentHash;
        _byId = entries.ToDictionary(e => e.EntryId, StringComparer.Ordinal);
    }

    public IReadOnlyList<ListEntry> Entries { get; }

    public IReadOnlyList<ListSource> Sources { get; }

    /// <summary>SHA-256 (lower-case hex) over every entry's fingerprint, in entry-id order.</summary>
    public string ContentHash { get; }

    /// <summary>The first 12 hex digits of the content hash: what a screening result records.</summary>
    public string Version => ContentHash[..12];

    public static ListSet Empty { get; } = Create([], []);

    public ListEntry? Find(string entryId) => _byId.GetValueOrDefault(entryId);

    /// <summary>Builds a list set; entry ids must be unique (the parsers guarantee it per source).</summary>
    public static ListSet Create(IEnumerable<ListEntry> entries, IEnumerable<ListSource> sources)
    {
        var ordered = entries.OrderBy(e => e.EntryId, StringComparer.Ordinal).ToArray();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in ordered)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(entry.Fingerprint()));
            sha.AppendData("\u001e"u8);
        }

        var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        return new ListSet(ordered, sources.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray(), hash);
    }
}
