using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Clearance.Server.Tests.Api;

public sealed class PlanningApiTests(ClearanceFactory factory) : IClassFixture<ClearanceFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Plan_MeetsTheTargetAndTheDomesticShareFloor()
    {
        var result = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans?targetPflops=300&domesticShare=0.5&asOf=2026-03-01");

        Assert.Equal("Optimal", result.GetProperty("status").GetString());
        var plan = result.GetProperty("plan");
        Assert.True(plan.GetProperty("denseBf16Petaflops").GetDouble() >= 300);
        Assert.True(plan.GetProperty("domesticUnits").GetInt64() * 2 >= plan.GetProperty("units").GetInt64());
    }

    [Fact]
    public async Task Plan_Infeasible_SaysWhichConstraintBinds()
    {
        var result = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans?targetPflops=300&fp8Pflops=100&quota=100&domesticShare=0&asOf=2025-12-01");

        Assert.Equal(JsonValueKind.Null, result.GetProperty("plan").ValueKind);
        Assert.True(result.GetProperty("infeasibility").GetProperty("relaxations").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Frontier_GivesSeveralPlans()
    {
        var result = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans/frontier?targetPflops=300&domesticShare=0.3&asOf=2026-03-01");

        Assert.True(result.GetProperty("frontier").GetArrayLength() >= 3);
    }

    [Fact]
    public async Task Plan_BadQuery_NamesEveryField()
    {
        var response = await _client.GetAsync(new Uri("/api/v1/plans?targetPflops=-3&domesticShare=2&sector=x&asOf=soon", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "targetPflops", "domesticShare", "sector", "asOf" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }
}
