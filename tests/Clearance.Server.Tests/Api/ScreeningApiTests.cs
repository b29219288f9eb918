using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearance.Server.Security;

namespace Clearance.Server.Tests.Api;

/// <summary>A server screening against the sample lists shipped in data/lists/sample, named explicitly.</summary>
public sealed class SampleListsFactory() : ClearanceFactory(new Dictionary<string, string?>(StringComparer.Ordinal)
{
    ["Clearance:Lists"] = Path.Combine(AppContext.BaseDirectory, "data", "lists", "sample"),
});

public sealed class ScreeningApiTests(SampleListsFactory factory) : IClassFixture<SampleListsFactory>
{
    [Fact]
    public async Task Screening_AMisspelledName_FindsTheListedEntryWithPerTokenEvidence()
    {
        using var client = factory.CreateClient(Role.Viewer);

        var response = await client.PostAsJsonAsync("/api/v1/screening", new { name = "Banko Nacional de Kuba", country = "CH" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("isHit").GetBoolean());
        var hit = result.GetProperty("hits")[0];
        Assert.Equal("ofac-sdn:306", hit.GetProperty("entryId").GetString());
        Assert.Contains(hit.GetProperty("tokens").EnumerateArray(), t => t.GetProperty("queryToken").GetString() == "banko" && t.GetProperty("listToken").GetString() == "banco" && t.GetProperty("kind").GetString() == "fuzzy");
        Assert.Contains(hit.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("country CH", StringComparison.Ordinal));
        var lists = await client.GetFromJsonAsync<JsonElement>("/api/v1/lists");
        Assert.Equal(lists.GetProperty("version").GetString(), result.GetProperty("listSetVersion").GetString());
        Assert.Equal("configured", result.GetProperty("listOrigin").GetString());
    }

    [Fact]
    public async Task Screening_AnUnrelatedName_HasNoHit()
    {
        using var client = factory.CreateClient(Role.Viewer);

        var result = await (await client.PostAsJsonAsync("/api/v1/screening", new { name = "Northbridge Cloud Company" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(result.GetProperty("isHit").GetBoolean());
        Assert.Equal(0, result.GetProperty("hits").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"name":"  "}""", "name")]
    [InlineData("""{"name":"Acme","country":"Atlantis"}""", "country")]
    [InlineData("""{"name":"Acme","threshold":1.5}""", "threshold")]
    [InlineData("""{"name":"Acme","maxHits":0}""", "maxHits")]
    public async Task Screening_BadRequest_NamesTheField(string body, string field)
    {
        using var client = factory.CreateClient(Role.Viewer);

        var response = await client.PostAsync(new Uri("/api/v1/screening", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Lists_DescribeTheSetInForceWithEntryCountsPerSource()
    {
        using var client = factory.CreateClient();

        var lists = await client.GetFromJsonAsync<JsonElement>("/api/v1/lists");

        var sources = lists.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(lists.GetProperty("entries").GetInt32(), sources.Sum(s => s.GetProperty("entries").GetInt32()));
        Assert.Contains(sources, s => s.GetProperty("name").GetString() == "OFAC SDN");
        Assert.StartsWith(lists.GetProperty("version").GetString()!, lists.GetProperty("contentHash").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("lists", "sample"), lists.GetProperty("location").GetString(), StringComparison.Ordinal);
    }
}
