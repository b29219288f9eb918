using Clearance.Core.Parsing;

namespace Clearance.Core.Screening;

/// <summary>
/// Reads a CSV of parties to screen. The header names the columns: "name" is required; "reference" (or "id"),
/// "country", "address" and "identifiers" (several separated by ';') are optional; other columns are reported,
/// not ignored. Every problem names the line and the column.
/// </summary>
public static class PartyFileParser
{
    private static readonly string[] Known = ["name", "reference", "id", "country", "address", "identifiers"];

    public static ParseResult<IReadOnlyList<Party>> Parse(SourceText file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<Problem>();
        var records = DelimitedReader.Read(file.Name, file.Text, ',', problems);
        if (problems.Count > 0)
        {
            return ParseResult<IReadOnlyList<Party>>.Failure(problems);
        }

        if (records.Count == 0)
        {
            return ParseResult<IReadOnlyList<Party>>.Failure(new Problem(SourceLocation.StartOf(file.Name), "", "the file is empty; expected a header row with a 'name' column"));
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var unknown in header.Where(h => !Known.Contains(h)))
        {
            problems.Add(new Problem(new SourceLocation(file.Name, 1, 1), unknown, $"unknown column; the columns are {string.Join(", ", Known)}"));
        }

        var name = Array.IndexOf(header, "name");
        if (name < 0)
        {
            problems.Add(new Problem(new SourceLocation(file.Name, 1, 1), "name", "the header has no 'name' column"));
        }

        if (problems.Count > 0)
        {
            return ParseResult<IReadOnlyList<Party>>.Failure(problems);
        }

        int Column(string a, string? b = null) => Array.IndexOf(header, a) is >= 0 and var i ? i : b is null ? -1 : Array.IndexOf(header, b);
        var reference = Column("reference", "id");
        var country = Column("country");
        var address = Column("address");
        var identifiers = Column("identifiers");
        var parties = new List<Party>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length == 1 && fields[0].Trim().Length == 0)
            {
                continue;
            }

            if (fields.Length != header.Length)
            {
                problems.Add(new Problem(new SourceLocation(file.Name, line, 1), "", $"expected {header.Length} fields as in the header but found {fields.Length}"));
                continue;
            }

            var partyName = fields[name].Trim();
            if (partyName.Length == 0)
            {
                problems.Add(new Problem(new SourceLocation(file.Name, line, 1), "name", "the party has no name"));
                continue;
            }

            string? Get(int i) => i >= 0 && fields[i].Trim() is { Length: > 0 } value ? value : null;
            var countryText = Get(country);
            if (countryText is not null && Countries.Code(countryText) is null)
            {
                problems.Add(new Problem(new SourceLocation(file.Name, line, 1), "country", $"'{countryText}' is not a country name or ISO 3166 code"));
                continue;
            }

            parties.Add(new Party(partyName)
            {
                Reference = Get(reference),
                Country = countryText,
                Address = Get(address),
                Identifiers = Get(identifiers)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
            });
        }

        return problems.Count > 0
            ? ParseResult<IReadOnlyList<Party>>.Failure(problems)
            : ParseResult<IReadOnlyList<Party>>.Success(parties);
    }
}
