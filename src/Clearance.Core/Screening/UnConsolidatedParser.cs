using System.Xml;
using System.Xml.Linq;
using Clearance.Core.Parsing;

namespace Clearance.Core.Screening;

/// <summary>
/// Reads the UN Security Council consolidated list XML (CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES).
/// Entry ids are the UN's DATAID; the list version is the file's dateGenerated. DTDs are refused.
/// </summary>
public static class UnConsolidatedParser
{
    public const string SourceName = "UN Security Council";

    private static readonly string[] NameParts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"];

    private static readonly string[] AddressParts = ["STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"];

    public static ParseResult<(IReadOnlyList<ListEntry> Entries, string Version)> Parse(SourceText file)
    {
        ArgumentNullException.ThrowIfNull(file);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(file.Text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return ParseResult<(IReadOnlyList<ListEntry>, string)>.Failure(new Problem(new SourceLocation(file.Name, ex.LineNumber, ex.LinePosition), "", $"not well-formed XML: {ex.Message}"));
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "CONSOLIDATED_LIST")
        {
            return ParseResult<(IReadOnlyList<ListEntry>, string)>.Failure(new Problem(Where(file.Name, root), "", "the root element is not CONSOLIDATED_LIST; is this the UN consolidated list?"));
        }

        var version = (string?)root.Attribute("dateGenerated") ?? "unknown";
        var problems = new List<Problem>();
        var entries = new List<ListEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in root.Elements("INDIVIDUALS").Elements("INDIVIDUAL").Concat(root.Elements("ENTITIES").Elements("ENTITY")))
        {
            var individual = element.Name.LocalName == "INDIVIDUAL";
            var id = Text(element, "DATAID");
            if (id is null)
            {
                problems.Add(new Problem(Where(file.Name, element), "DATAID", "the entry has no DATAID"));
                continue;
            }

            if (!seen.Add(id))
            {
                problems.Add(new Problem(Where(file.Name, element), "DATAID", $"entry {id} appears twice"));
                continue;
            }

            var name = string.Join(' ', NameParts.Select(n => Text(element, n)).OfType<string>());
            if (name.Length == 0)
            {
                problems.Add(new Problem(Where(file.Name, element), "FIRST_NAME", $"entry {id} has no name"));
                continue;
            }

            var aliasElement = individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
            var aliases = element.Elements(aliasElement).Select(a => Text(a, "ALIAS_NAME")).OfType<string>()
                .Concat(Text(element, "NAME_ORIGINAL_SCRIPT") is { } original ? [original] : [])
                .Distinct(StringComparer.Ordinal).ToArray();
            var addresses = element.Elements(individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")
                .Select(a => (Text: string.Join(", ", AddressParts.Select(n => Text(a, n)).OfType<string>()), Country: Countries.Code(Text(a, "COUNTRY"))))
                .Where(a => a.Text.Length > 0)
                .Select(a => new ListAddress(a.Text, a.Country))
                .ToArray();
            var nationalities = element.Elements("NATIONALITY").Elements("VALUE").Select(v => Countries.Code(v.Value));
            var identifiers = element.Elements("INDIVIDUAL_DOCUMENT")
                .Where(d => Text(d, "NUMBER") is not null)
                .Select(d => new ListIdentifier(Text(d, "TYPE_OF_DOCUMENT") ?? "Document", Text(d, "NUMBER")!, Countries.Code(Text(d, "ISSUING_COUNTRY"))))
                .ToArray();
            entries.Add(new ListEntry
            {
                EntryId = $"un:{id}",
                Source = SourceName,
                ListVersion = version,
                Type = individual ? PartyType.Individual : PartyType.Entity,
                PrimaryName = name,
                Aliases = aliases,
                Addresses = addresses,
                Countries = addresses.Select(a => a.Country).Concat(nationalities).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                Identifiers = identifiers,
                Programmes = Text(element, "UN_LIST_TYPE") is { } programme ? [programme] : [],
                Remarks = Text(element, "REFERENCE_NUMBER"),
            });
        }

        return problems.Count > 0
            ? ParseResult<(IReadOnlyList<ListEntry>, string)>.Failure(problems)
            : ParseResult<(IReadOnlyList<ListEntry>, string)>.Success((entries, version));
    }

    private static string? Text(XElement parent, string name) =>
        parent.Element(name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static SourceLocation Where(string file, XObject? node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? new SourceLocation(file, info.LineNumber, info.LinePosition) : SourceLocation.StartOf(file);
}
