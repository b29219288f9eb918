using Clearance.Core.Ledger;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Ledger;

public sealed class PartyFileTests
{
    [Fact]
    public void Parse_Json_GivesOneRequestPerPartyAtItsLine()
    {
        const string json = """
            {"parties": [
              {"id": "bytedance", "name": "Beijing ByteDance Technology Co., Ltd.", "country": "CN", "sector": "cloud",
               "end_use": "model training", "roles": ["customer", "end-user"], "requested_on": "2026-02-01"}
            ]}
            """;

        var parsed = PartyFile.Parse(new SourceText("parties.json", json));

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        var request = Assert.Single(parsed.Value);
        Assert.Equal("CN", request.ParentCountry);
        Assert.Equal([PartyRole.Customer, PartyRole.EndUser], request.Roles.ToArray());
        Assert.Equal(2, request.Origin.Line);
    }

    [Theory]
    [InlineData("""{"parties": [{"id": "a", "name": "A", "country": "CN", "sector": "s", "end_use": "e", "roles": ["buyer"], "requested_on": "2026-02-01"}]}""", "parties.json:1:96: parties[0].roles: 'buyer' is not a role; use customer, consignee or end-user")]
    [InlineData("""{"parties": [{"id": "a", "name": "A", "country": "CN", "sector": "s", "end_use": "e", "roles": ["customer"], "requested_on": "01/02/2026"}]}""", "parties.json:1:126: parties[0].requested_on: '01/02/2026' is not a date; write YYYY-MM-DD")]
    [InlineData("""{"parties": [{"id": "a", "nmae": "A", "country": "CN", "sector": "s", "end_use": "e", "roles": ["customer"], "requested_on": "2026-02-01"}]}""", "parties.json:1:14: parties[0].name: is required")]
    [InlineData("""{"parties": [{"id": "a", """, "parties.json:2:1: not valid YAML/JSON")]
    [InlineData("""["not", "a", "mapping"]""", "parties.json:1:1: the file must be a mapping with a 'parties' list")]
    public void Parse_BadJson_NamesFileLineColumnAndField(string json, string expected)
    {
        var parsed = PartyFile.Parse(new SourceText("parties.json", json));

        Assert.False(parsed.Succeeded);
        Assert.StartsWith(expected, parsed.Problems[0].ToString(), StringComparison.Ordinal);
    }
}
