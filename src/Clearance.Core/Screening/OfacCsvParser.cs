using System.Globalization;
using System.Text.RegularExpressions;
using Clearance.Core.Parsing;

namespace Clearance.Core.Screening;

/// <summary>The four files of one OFAC list in OFAC's legacy CSV layout (no header row); only the main file is required.</summary>
public sealed record OfacFiles(SourceText Main, SourceText? Addresses, SourceText? Aliases, SourceText? Comments);

/// <summary>
/// Reads OFAC's legacy CSV layout, used for the SDN list (sdn.csv, add.csv, alt.csv, sdn_comments.csv) and the
/// consolidated non-SDN list (cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv). "-0-" means empty.
/// Every problem names the file, line and column; one problem anywhere means no entries at all.
/// </summary>
public static partial class OfacCsvParser
{
    private static readonly string[] MainColumns = ["ent_num", "name", "type", "program", "title", "call_sign", "vess_type", "tonnage", "grt", "vess_flag", "vess_owner", "remarks"];
    private static readonly string[] AddressColumns = ["ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks"];
    private static readonly string[] AliasColumns = ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"];
    private static readonly string[] CommentColumns = ["ent_num", "remarks_extension"];

    /// <summary>Identifier kinds OFAC prints in remarks ("Passport A1234567 (Iran)"), longest first.</summary>
    private static readonly string[] IdentifierKinds =
    [
        "National Foreign ID Number", "Business Registration Number", "Registration Number", "Registration ID", "Tax ID No.",
        "National ID No.", "Passport", "Cedula No.", "C.U.R.P.", "R.F.C.", "NIT #", "RUC #", "SSN", "D.N.I.", "Legal Entity Number",
        "Public Security and Traffic Police Bureau Registration", "Company Number", "Commercial Registry Number", "Vessel Registration Identification IMO",
        "Aircraft Manufacturer's Serial Number (MSN)", "SWIFT/BIC", "Identification Number", "Citizen's Card Number", "Personal ID Card",
        "Chinese Commercial Code", "Unified Social Credit Code (USCC)", "IMO", "MMSI", "Digital Currency Address - XBT", "Digital Currency Address - ETH",
    ];

    /// <summary>
    /// Parses one OFAC list; <paramref name="source"/> is the list's name ("OFAC SDN") and <paramref name="idPrefix"/>
    /// prefixes entry ids. Companion rows whose entry is not in the main file (real OFAC snapshots have them) are
    /// not errors but are reported in <paramref name="warnings"/>, never dropped silently.
    /// </summary>
    public static ParseResult<IReadOnlyList<ListEntry>> Parse(OfacFiles files, string source, string idPrefix, string listVersion, List<Problem>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<Problem>();
        var main = Records(files.Main, MainColumns, problems);
        var builders = new Dictionary<int, Builder>();
        var order = new List<int>();
        foreach (var (line, fields) in main)
        {
            if (!Number(files.Main.Name, line, 1, "ent_num", fields[0], problems, out var id))
            {
                continue;
            }

            var name = Value(fields[1]);
            if (name is null)
            {
                problems.Add(At(files.Main.Name, line, 2, "name", "the entry has no name"));
                continue;
            }

            if (builders.ContainsKey(id))
            {
                problems.Add(At(files.Main.Name, line, 1, "ent_num", $"entry {id} appears twice"));
                continue;
            }

            var type = (Value(fields[2]) ?? "").ToLowerInvariant() switch
            {
                "individual" => PartyType.Individual,
                "vessel" => PartyType.Vessel,
                "aircraft" => PartyType.Aircraft,
                "" or "entity" => PartyType.Entity,
                var other => Unknown(files.Main.Name, line, other, problems),
            };
            var builder = new Builder(name, type, line);
            if (Value(fields[3]) is { } programmes)
            {
                builder.Programmes.AddRange(programmes.Split(["] [", "]", "["], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            if (Value(fields[9]) is { } flag && Countries.Code(flag) is { } flagCode)
            {
                builder.Countries.Add(flagCode);
            }

            builder.Remarks = Value(fields[11]);
            builders[id] = builder;
            order.Add(id);
        }

        if (files.Addresses is { } addresses)
        {
            foreach (var (line, fields) in Records(addresses, AddressColumns, problems))
            {
                if (Owner(addresses.Name, line, fields[0], builders, problems, warnings) is not { } builder)
                {
                    continue;
                }

                var country = Value(fields[4]);
                var text = string.Join(", ", new[] { Value(fields[2]), Value(fields[3]), country }.Where(p => p is not null));
                var code = Countries.Code(country);
                if (text.Length > 0)
                {
                    builder.Addresses.Add(new ListAddress(text, code));
                }

                if (code is not null)
                {
                    builder.Countries.Add(code);
                }
            }
        }

        if (files.Aliases is { } aliases)
        {
            foreach (var (line, fields) in Records(aliases, AliasColumns, problems))
            {
                if (Owner(aliases.Name, line, fields[0], builders, problems, warnings) is not { } builder)
                {
                    continue;
                }

                if (Value(fields[3]) is not { } alias)
                {
                    problems.Add(At(aliases.Name, line, 4, "alt_name", "the alias has no name"));
                    continue;
                }

                builder.Aliases.Add(alias);
            }
        }

        if (files.Comments is { } comments)
        {
            foreach (var (line, fields) in Records(comments, CommentColumns, problems))
            {
                if (Owner(comments.Name, line, fields[0], builders, problems, warnings) is { } builder && Value(fields[1]) is { } extension)
                {
                    builder.Remarks = (builder.Remarks ?? "") + extension;
                }
            }
        }

        if (problems.Count > 0)
        {
            return ParseResult<IReadOnlyList<ListEntry>>.Failure(problems);
        }

        var entries = new List<ListEntry>(order.Count);
        foreach (var id in order)
        {
            var b = builders[id];
            var identifiers = b.Remarks is null ? [] : Identifiers(b.Remarks);
            foreach (var nationality in NationalityPattern().Matches(b.Remarks ?? "").Cast<Match>())
            {
                if (Countries.Code(nationality.Groups["country"].Value) is { } code)
                {
                    b.Countries.Add(code);
                }
            }

            entries.Add(new ListEntry
            {
                EntryId = $"{idPrefix}:{id.ToString(CultureInfo.InvariantCulture)}",
                Source = source,
                ListVersion = listVersion,
                Type = b.Type,
                PrimaryName = b.Name,
                Aliases = b.Aliases.Distinct(StringComparer.Ordinal).ToArray(),
                Addresses = b.Addresses.ToArray(),
                Countries = b.Countries.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                Identifiers = identifiers,
                Programmes = b.Programmes.ToArray(),
                Remarks = b.Remarks,
            });
        }

        return ParseResult<IReadOnlyList<ListEntry>>.Success(entries);
    }

    /// <summary>Identifiers in OFAC remarks: "Passport A1234567 (Iran); Tax ID No. 7744001497 (Russia)".</summary>
    internal static ListIdentifier[] Identifiers(string remarks)
    {
        var found = new List<ListIdentifier>();
        foreach (var part in remarks.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var kind in IdentifierKinds)
            {
                if (part.Length > kind.Length + 1 && part.StartsWith(kind, StringComparison.OrdinalIgnoreCase) && part[kind.Length] == ' ')
                {
                    var rest = part[(kind.Length + 1)..].Trim();
                    string? country = null;
                    var open = rest.IndexOf(" (", StringComparison.Ordinal);
                    if (open > 0 && rest.EndsWith(')'))
                    {
                        country = Countries.Code(rest[(open + 2)..^1]);
                        rest = rest[..open];
                    }

                    var value = rest.Split(' ', 2)[0];
                    if (value.Length > 0)
                    {
                        found.Add(new ListIdentifier(kind, value, country));
                    }

                    break;
                }
            }
        }

        return [.. found];
    }

    private static PartyType Unknown(string file, int line, string text, List<Problem> problems)
    {
        problems.Add(At(file, line, 3, "type", $"'{text}' is not a known entry type; expected individual, entity, vessel or aircraft"));
        return PartyType.Unknown;
    }

    private static Builder? Owner(string file, int line, string text, Dictionary<int, Builder> builders, List<Problem> problems, List<Problem>? warnings)
    {
        if (!Number(file, line, 1, "ent_num", text, problems, out var id))
        {
            return null;
        }

        if (builders.TryGetValue(id, out var builder))
        {
            return builder;
        }

        (warnings ?? problems).Add(At(file, line, 1, "ent_num", $"entry {id} is not in the main file; row skipped"));
        return null;
    }

    private static List<DelimitedRecord> Records(SourceText file, string[] columns, List<Problem> problems)
    {
        var good = new List<DelimitedRecord>();
        foreach (var record in DelimitedReader.Read(file.Name, file.Text, ',', problems))
        {
            if (record.Fields.Length != columns.Length)
            {
                problems.Add(At(file.Name, record.Line, 1, "", $"expected {columns.Length} fields ({string.Join(", ", columns)}) but found {record.Fields.Length}"));
                continue;
            }

            good.Add(record);
        }

        return good;
    }

    private static bool Number(string file, int line, int column, string field, string text, List<Problem> problems, out int value)
    {
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        problems.Add(At(file, line, column, field, $"'{Truncate(text)}' is not an entry number"));
        return false;
    }

    internal static string? Value(string field)
    {
        var trimmed = field.Trim();
        return trimmed.Length == 0 || trimmed == "-0-" ? null : trimmed;
    }

    internal static Problem At(string file, int line, int column, string field, string message) =>
        new(new SourceLocation(file, line, 1), string.IsNullOrEmpty(field) ? $"field {column}" : $"{field} (field {column})", message);

    internal static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"(?:nationality|Citizen)\s+(?<country>[A-Z][A-Za-z ,'\-]+?)(?:;|\.$|$)", RegexOptions.CultureInvariant)]
    private static partial Regex NationalityPattern();

    private sealed class Builder(string name, PartyType type, int line)
    {
        public string Name { get; } = name;

        public PartyType Type { get; } = type;

        public int Line { get; } = line;

        public List<string> Aliases { get; } = [];

        public List<ListAddress> Addresses { get; } = [];

        public List<string> Countries { get; } = [];

        public List<string> Programmes { get; } = [];

        public string? Remarks { get; set; }
    }
}
