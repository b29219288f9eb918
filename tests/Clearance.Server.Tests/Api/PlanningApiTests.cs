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
        var relaxations = result.GetProperty("infeasibility").GetProperty("relaxations").EnumerateArray().ToList();
        Assert.NotEmpty(relaxations);
        Assert.Contains(relaxations, r => r.GetProperty("constraint").GetString() == "PolicyExclusion"
            && r.GetProperty("explanation").GetString()!.Contains("ear-3a090-china-macau", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_Buyer_IsDecidedByTheChinaPack()
    {
        // China approved H200 imports for ByteDance, Alibaba and Tencent; other buyers wait [65][66]
        var approved = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans?targetPflops=300&domesticShare=0&asOf=2026-03-01&buyer=ByteDance");
        var other = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans?targetPflops=300&domesticShare=0&asOf=2026-03-01");

        Assert.Equal("ByteDance", approved.GetProperty("buyer").GetString());
        Assert.DoesNotContain(approved.GetProperty("excluded").EnumerateArray(), e => e.GetProperty("chipId").GetString() == "nvidia-h200-sxm");
        var waiting = other.GetProperty("excluded").EnumerateArray().Single(e => e.GetProperty("chipId").GetString() == "nvidia-h200-sxm");
        Assert.Contains(waiting.GetProperty("rules").EnumerateArray(), r => r.GetString() == "cn-h200-other-buyers-wait");
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
