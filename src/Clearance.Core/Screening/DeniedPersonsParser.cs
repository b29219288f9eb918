using Clearance.Core.Parsing;

namespace Clearance.Core.Screening;

/// <summary>
/// Reads the BIS Denied Persons List text file: tab-separated, every field double-quoted, a header row
/// (Name, Street_Address, City, State, Country, Postal_Code, Effective_Date, …, FR_Citation).
/// The list has no entry numbers, so an entry's id is a hash of its name, address and effective date.
/// </summary>
public static class DeniedPersonsParser
{
    private static readonly string[] RequiredColumns = ["Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date"];

    public const string SourceName = "BIS Denied Persons List";

    public static ParseResult<IReadOnlyList<ListEntry>> Parse(SourceText file, string listVersion)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<Problem>();
        if (DelimitedReader.ReadTable(file.Name, file.Text, '\t', RequiredColumns, "the BIS Denied Persons List", problems) is not { } table)
        {
            return ParseResult<IReadOnlyList<ListEntry>>.Failure(problems);
        }

        var entries = new List<ListEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in table.Rows)
        {
            string Get(string name) => table.Field(fields, name);
            var name = Get("Name");
            if (name.Length == 0)
            {
                problems.Add(new Problem(new SourceLocation(file.Name, line, 1), "Name", "the row has no name"));
                continue;
            }

            var country = Countries.Code(Get("Country"));
            var address = string.Join(", ", new[] { Get("Street_Address"), Get("City"), Get("State"), Get("Postal_Code"), Get("Country") }.Where(p => p.Length > 0));
            var key = CslParser.StableKey(name, Get("Street_Address"), Get("City"), Get("Effective_Date"));
            var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
            entries.Add(new ListEntry
            {
                EntryId = occurrence == 1 ? $"bis-dpl:{key}" : $"bis-dpl:{key}~{occurrence}",
                Source = SourceName,
                ListVersion = listVersion,
                Type = PartyType.Unknown,
                PrimaryName = name,
                Addresses = address.Length > 0 ? [new ListAddress(address, country)] : [],
                Countries = country is null ? [] : [country],
                Programmes = Get("Standard_Order") == "Y" ? ["Standard Order"] : [],
                Remarks = Get("FR_Citation") is { Length: > 0 } citation ? citation : null,
            });
        }

        return problems.Count > 0
            ? ParseResult<IReadOnlyList<ListEntry>>.Failure(problems)
            : ParseResult<IReadOnlyList<ListEntry>>.Success(entries);
    }
}
