using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Clearance.Server.Tests.Api;

public sealed class CatalogAndClassificationApiTests(ClearanceFactory factory) : IClassFixture<ClearanceFactory>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Catalog_PagesThroughEveryChip()
    {
        var first = await _client.GetFromJsonAsync<JsonElement>("/api/v1/catalog?pageSize=10");
        var second = await _client.GetFromJsonAsync<JsonElement>("/api/v1/catalog?page=2&pageSize=10");

        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.True(first.GetProperty("total").GetInt32() >= 30);
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetString(), second.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Catalog_OversizedPage_IsAValidationProblem()
    {
        var response = await _client.GetAsync(new Uri("/api/v1/catalog?pageSize=5000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Catalog_UnknownChip_Is404WithSuggestions()
    {
        var response = await _client.GetAsync(new Uri("/api/v1/catalog/H2O", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("H20", problem.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Classify_H200_InTheReviewAndDutyWindowsFrom2026()
    {
        var result = await _client.GetFromJsonAsync<JsonElement>("/api/v1/classifications/H200?asOf=2026-02-01");

        var designations = result.GetProperty("designations").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Contains("H200-class case-by-case review", designations);
        Assert.Contains("Sec. 232 duty window 1", designations);
        Assert.Equal("2026-01-15", result.GetProperty("regimes")[0].GetProperty("since").GetString());
    }

    [Fact]
    public async Task Classify_WithoutDate_UsesTheServerClock()
    {
        var result = await _client.GetFromJsonAsync<JsonElement>("/api/v1/classifications/H100");

        Assert.Equal("2026-11-24", result.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Classify_BadDate_IsAValidationProblem()
    {
        var response = await _client.GetAsync(new Uri("/api/v1/classifications/H100?asOf=tomorrow", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("YYYY-MM-DD", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifySpec_ValidJson_IsClassified()
    {
        using var body = new StringContent("""{ "name": "Prototype", "market": "datacenter", "dense_tops": { "fp8": 1900 }, "memory_bandwidth_gbps": 4700 }""", Encoding.UTF8, "application/json");

        var response = await _client.PostAsync(new Uri("/api/v1/classifications?asOf=2026-03-01", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(15200, result.GetProperty("tpp").GetDouble());
        Assert.Contains("3A090.a", result.GetProperty("designations").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task ClassifySpec_Malformed_NamesLineColumnAndField()
    {
        using var body = new StringContent("name: X\nmarket: datacenter\ndense_tops: { fp8: -3 }\n", Encoding.UTF8, "application/yaml");

        var response = await _client.PostAsync(new Uri("/api/v1/classifications", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty("dense_tops.fp8").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.StartsWith("line 3, column 20:", StringComparison.Ordinal) && m.Contains("greater than zero", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClassifySpec_HostileText_IsRejectedNotReflectedAsMarkup()
    {
        using var body = new StringContent("name: \"<script>alert(1)</script>\"\nmarket: \"'; DROP TABLE chips; --\"\n", Encoding.UTF8, "application/yaml");

        var response = await _client.PostAsync(new Uri("/api/v1/classifications", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a market", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_IsHealthy(string path)
    {
        var response = await _client.GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("Healthy", response);
    }

    [Fact]
    public async Task OpenApi_MatchesTheSnapshot()
    {
        // A change to the API must be deliberate: regenerate with UPDATE_SNAPSHOTS=1 and review the diff.
        var actual = await _client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var normalised = JsonSerializer.Serialize(JsonDocument.Parse(actual).RootElement, Indented) + "\n";
        var snapshot = Path.Combine(AppContext.BaseDirectory, "Snapshots", "openapi-v1.json");

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            var source = Path.Combine(RepositoryFiles.Root, "tests", "Clearance.Server.Tests", "Snapshots", "openapi-v1.json");
            await File.WriteAllTextAsync(source, normalised);
            return;
        }

        Assert.True(File.Exists(snapshot), "No OpenAPI snapshot; run the tests once with UPDATE_SNAPSHOTS=1.");
        Assert.Equal(await File.ReadAllTextAsync(snapshot), normalised);
    }
}
