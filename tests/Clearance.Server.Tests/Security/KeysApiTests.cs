using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Clearance.Server.Security;
using Clearance.Storage.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Clearance.Server.Tests.Security;

public sealed class KeysApiTests(ClearanceFactory server) : IClassFixture<ClearanceFactory>
{
    [Fact]
    public async Task IssueKey_ReturnsTheSecretOnce_AndStoresOnlyItsHash()
    {
        using var admin = server.CreateClient(Role.Admin);

        using var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "Wei (compliance)", role = "officer" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var key = body.GetProperty("key").GetString()!;
        Assert.StartsWith(CredentialStore.KeyPrefix, key, StringComparison.Ordinal);
        var secret = key[(CredentialStore.KeyPrefix.Length + 13)..];
        Assert.Equal(43, secret.Length);
        using var listed = await admin.GetAsync("/api/v1/keys");
        var list = await listed.Content.ReadAsStringAsync();
        Assert.Contains("Wei (compliance)", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(server.StateFolder, "ledger.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(secret, System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IssuedKey_CarriesItsRole()
    {
        using var admin = server.CreateClient(Role.Admin);
        using var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "viewer-bot", role = "viewer" });
        var key = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        using var viewer = server.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var refused = await viewer.GetAsync("/api/v1/keys");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"name":"","role":"viewer"}""", "name")]
    [InlineData("""{"name":"x","role":"superuser"}""", "role")]
    [InlineData("""{"name":"x\u0000y","role":"viewer"}""", "name")]
    public async Task IssueKey_WithBadInput_NamesTheField(string json, string field)
    {
        using var admin = server.CreateClient(Role.Admin);
        var before = server.Services.GetRequiredService<CredentialStore>().List().Count;

        using var response = await admin.PostAsync("/api/v1/keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
        Assert.Equal(before, server.Services.GetRequiredService<CredentialStore>().List().Count);
    }

    [Fact]
    public async Task RevokeKey_KeepsTheRecordWithWhoAndWhen()
    {
        using var admin = server.CreateClient(Role.Admin);
        using var issued = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "temp", role = "analyst" });
        var id = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("credential").GetProperty("id").GetString()!;

        using var revoked = await admin.PostAsJsonAsync($"/api/v1/keys/{id}/revoke", new { reason = "rotation" });
        using var again = await admin.PostAsJsonAsync($"/api/v1/keys/{id}/revoke", new { reason = "rotation" });

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var stored = server.Services.GetRequiredService<CredentialStore>().Find(id)!;
        Assert.False(stored.IsActive);
        Assert.Equal("test-admin", stored.RevokedBy);
    }
}

public sealed class RoleNamesTests
{
    [Fact]
    public void ServerRoles_AreTheStoredRoleNames_InTheSameOrder() =>
        Assert.Equal(CredentialStore.RoleNames, Enum.GetValues<Role>().Select(ClearancePolicies.For));
}

public sealed class FirstRunTests
{
    [Fact]
    public async Task FirstStart_IssuesOneAdminKey_ThatWorks_AndNotAgainOnRestart()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"clearance-admin-{Guid.NewGuid():N}.key");
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearance:AdminKeyFile"] = keyFile };
        using var first = ClearanceFactory.With(settings);
        using var client = first.CreateClient();
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await client.GetAsync("/api/v1/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, keys.GetArrayLength());
        Assert.Equal("admin", keys[0].GetProperty("role").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        File.Delete(keyFile);
        var database = Path.Combine(first.StateFolder, "ledger.db");
        using var second = ClearanceFactory.With(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearance:AdminKeyFile"] = keyFile, ["Clearance:Database"] = database });
        using var again = second.CreateClient();
        Assert.False(File.Exists(keyFile));
        Assert.Single(second.Services.GetRequiredService<CredentialStore>().List());
    }
}
