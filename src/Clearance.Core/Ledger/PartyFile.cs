using Clearance.Core.Parsing;
using YamlDotNet.RepresentationModel;

namespace Clearance.Core.Ledger;

/// <summary>
/// Reads party requests from a JSON or YAML file: <c>{"parties": [{"id", "name", "country", "parent_country",
/// "sector", "end_use", "roles", "requested_on"}]}</c>. Every problem names file, line, column and field; a file
/// with any problem yields nothing.
/// </summary>
public static class PartyFile
{
    private static readonly string[] Fields = ["id", "name", "country", "parent_country", "sector", "end_use", "roles", "requested_on"];

    public static ParseResult<IReadOnlyList<RequestParty>> Parse(SourceText source)
    {
        var problems = new List<Problem>();
        var root = YamlFields.LoadRoot(source.Name, source.Text, problems);
        if (root is not YamlMappingNode mapping)
        {
            if (root is not null)
            {
                problems.Add(new Problem(YamlFields.LocationOf(root, source.Name), "", "the file must be a mapping with a 'parties' list"));
            }

            return ParseResult<IReadOnlyList<RequestParty>>.Failure(problems);
        }

        var top = new YamlFields(mapping, source.Name, "", problems);
        var requests = new List<RequestParty>();
        foreach (var (party, _) in top.Mappings("parties", required: true))
        {
            var before = problems.Count;
            var id = party.Text("id", required: true);
            var name = party.Text("name", required: true);
            var country = party.Text("country", required: true);
            var parent = party.Text("parent_country", required: false) ?? country;
            var sector = party.Text("sector", required: true);
            var endUse = party.Text("end_use", required: true);
            var on = party.Date("requested_on", required: true);
            var roles = new List<PartyRole>();
            foreach (var role in party.StringList("roles"))
            {
                if (Enum.TryParse<PartyRole>(role.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && !role.Any(char.IsDigit))
                {
                    roles.Add(parsed);
                }
                else
                {
                    party.Report("roles", $"'{YamlFields.Clip(role)}' is not a role; use customer, consignee or end-user");
                }
            }

            if (roles.Count == 0 && problems.Count == before)
            {
                party.Report("roles", "name at least one role: customer, consignee or end-user");
            }

            party.RejectUnknownKeys(Fields);
            if (problems.Count == before)
            {
                requests.Add(new RequestParty(id!, name!, [.. roles], country!, parent!, sector!, endUse!, on!.Value) { Origin = party.Location });
            }
        }

        top.RejectUnknownKeys("parties");
        return problems.Count > 0
            ? ParseResult<IReadOnlyList<RequestParty>>.Failure(problems)
            : ParseResult<IReadOnlyList<RequestParty>>.Success(requests);
    }
}
