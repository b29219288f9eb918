using System.Security.Cryptography;
using System.Text;
using Clearance.Core.Parsing;

namespace Clearance.Core.Screening;

/// <summary>
/// Reads the US Consolidated Screening List CSV (trade.gov) in both layouts: the legacy one (header starts
/// "source,entity_number,…") and the current one (header starts "_id,source,…"). Each row's "source" column says
/// which list it is on (Entity List, MEU, UVL, DPL, SDN…); the list's short code becomes the entry's source.
/// </summary>
public static class CslParser
{
    private static readonly string[] RequiredColumns = ["source", "name"];

    public static ParseResult<IReadOnlyList<ListEntry>> Parse(SourceText file, string listVersion)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<Problem>();
        if (DelimitedReader.ReadTable(file.Name, file.Text, ',', RequiredColumns, "a Consolidated Screening List CSV", problems) is not { } table)
        {
            return ParseResult<IReadOnlyList<ListEntry>>.Failure(problems);
        }

        var entries = new List<ListEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in table.Rows)
        {
            string Get(string name) => table.Field(fields, name);
            var sourceText = Get("source");
            var name = Get("name");
            if (sourceText.Length == 0)
            {
                problems.Add(new Problem(new SourceLocation(file.Name, line, 1), "source", "the row names no source list"));
                continue;
            }

            if (name.Length == 0)
            {
                problems.Add(new Problem(new SourceLocation(file.Name, line, 1), "name", "the row has no name"));
                continue;
            }

            var source = "CSL " + ShortName(sourceText);
            var key = Get("_id") is { Length: > 0 } rowId ? rowId
                : Get("entity_number") is { Length: > 0 } number ? $"{ShortName(sourceText)}-{number}"
                : StableKey(sourceText, name, Get("addresses"));
            var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
            var entryId = occurrence == 1 ? $"csl:{key}" : $"csl:{key}~{occurrence}";

            var addresses = Split(Get("addresses")).Select(a => new ListAddress(a, TrailingCountry(a))).ToArray();
            var countries = addresses.Select(a => a.Country)
                .Concat(Split(Get("citizenships")).Select(Countries.Code))
                .Concat(Split(Get("nationalities")).Select(Countries.Code))
                .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            entries.Add(new ListEntry
            {
                EntryId = entryId,
                Source = source,
                ListVersion = listVersion,
                Type = Get("type").ToLowerInvariant() switch
                {
                    "individual" => PartyType.Individual,
                    "entity" => PartyType.Entity,
                    "vessel" => PartyType.Vessel,
                    "aircraft" => PartyType.Aircraft,
                    _ => PartyType.Unknown,
                },
                PrimaryName = name,
                Aliases = Split(Get("alt_names")).Select(a => a.StartsWith("and ", StringComparison.Ordinal) ? a[4..] : a)
                    .Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToArray(),
                Addresses = addresses,
                Countries = countries,
                Identifiers = Split(Get("ids")).Select(Identifier).OfType<ListIdentifier>().ToArray(),
                Programmes = Split(Get("programs")).ToArray(),
                Remarks = Get("remarks") is { Length: > 0 } remarks ? remarks : null,
            });
        }

        return problems.Count > 0
            ? ParseResult<IReadOnlyList<ListEntry>>.Failure(problems)
            : ParseResult<IReadOnlyList<ListEntry>>.Success(entries);
    }

    /// <summary>"Entity List (EL) - Bureau of Industry and Security" → "EL"; a source with no code keeps its text.</summary>
    internal static string ShortName(string source)
    {
        var open = source.IndexOf('(', StringComparison.Ordinal);
        var close = open < 0 ? -1 : source.IndexOf(')', open);
        return close > open + 1 ? source[(open + 1)..close] : source;
    }

    private static string[] Split(string text) =>
        text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>CSL addresses end in an ISO code: "…, Shijiazhuang, Hebei Province, CN".</summary>
    private static string? TrailingCountry(string address)
    {
        var comma = address.LastIndexOf(',');
        var last = (comma < 0 ? address : address[(comma + 1)..]).Trim();
        return last.Length == 2 ? Countries.Code(last) : null;
    }

    /// <summary>Current layout: "Passport, 836238033, KP"; legacy layout: "US, 80-0890696, Tax ID No." or "IMO 8898831, Vessel Registration Identification".</summary>
    private static ListIdentifier? Identifier(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 3 && parts[1].Length > 0)
        {
            return parts[0].Length == 2 && Countries.Code(parts[0]) is { } legacyCountry
                ? new ListIdentifier(parts[2], parts[1], legacyCountry)
                : new ListIdentifier(parts[0], parts[1], Countries.Code(parts[2]));
        }

        if (parts.Length == 2 && parts[0].Length > 0 && parts[0].Any(char.IsDigit) && !parts[0].Contains(' ', StringComparison.Ordinal))
        {
            return new ListIdentifier(parts[1], parts[0], null);
        }

        if (parts.Length == 2 && parts[1].Length > 0 && parts[1].Any(char.IsDigit) && !parts[1].Contains(' ', StringComparison.Ordinal))
        {
            return new ListIdentifier(parts[0], parts[1], null);
        }

        return null;
    }

    internal static string StableKey(params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return Convert.ToHexStringLower(bytes)[..16];
    }
}
