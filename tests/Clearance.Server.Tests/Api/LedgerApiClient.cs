using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Clearance.Server.Tests.Api;

/// <summary>Builds ledger state through the API itself, as a client would, and reads answers and problems.</summary>
internal static class LedgerApiClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> Post(this HttpClient client, string path, object? body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return (response.StatusCode, await Read(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostText(this HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await Read(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> Get(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await Read(response));
    }

    public static async Task<JsonElement> GetOk(this HttpClient client, string path)
    {
        var (status, body) = await client.Get(path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        return body;
    }

    /// <summary>Posts and checks the status, showing the body when it differs.</summary>
    public static async Task<JsonElement> Expect(this HttpClient client, HttpStatusCode expected, string path, object? body)
    {
        var (status, answer) = await client.Post(path, body);
        Assert.True(status == expected, $"POST {path}: expected {(int)expected}, got {(int)status} {answer}");
        return answer;
    }

    /// <summary>The messages of one field of a problem's "errors".</summary>
    public static IReadOnlyList<string> Errors(this JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetString()!)]
            : throw new Xunit.Sdk.XunitException($"no error for '{field}' in {problem}");

    /// <summary>Requests, screens (against the lists in force) and approves a party that screens clean.</summary>
    public static async Task ApprovedParty(this HttpClient client, string id, string name, string country, string on = "2026-01-20")
    {
        await client.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id, name, country, sector = "cloud", endUse = "datacenter", on });
        var screening = await client.Expect(HttpStatusCode.OK, $"/api/v1/parties/{id}/screenings", new { on });
        Assert.False(screening.GetProperty("outcome").GetProperty("hit").GetBoolean(), $"{name} should screen clean: {screening}");
        await client.Expect(HttpStatusCode.OK, $"/api/v1/parties/{id}/approval", new { reason = "KYC file complete", expires = "2026-12-31", on });
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
