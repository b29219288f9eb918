using System.Net.Http.Headers;
using Clearance.Server.Security;
using Clearance.Storage.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Clearance.Server.Tests;

/// <summary>
/// The real server pipeline with a fixed clock (2026-11-24), a loopback address chosen by the OS and its own
/// SQLite ledger file and screening-list home in a temp folder (deleted on dispose). Demo data is off unless a test turns it on.
/// </summary>
public class ClearanceFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;

    public ClearanceFactory()
        : this(new Dictionary<string, string?>(StringComparer.Ordinal))
    {
    }

    protected ClearanceFactory(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        StateFolder = Directory.CreateTempSubdirectory("clearance-server-test-").FullName;
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clearance:Database"] = Path.Combine(StateFolder, "ledger.db"),
            ["Clearance:DemoData"] = "false",
            ["Clearance:Home"] = StateFolder,
            ["Clearance:ShowFirstAdminKey"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>A server with extra configuration, e.g. <c>Clearance:Database</c> for PostgreSQL.</summary>
    public static ClearanceFactory With(IReadOnlyDictionary<string, string?> settings) => new Configured(settings);

    /// <summary>This server's own folder for its ledger and other state.</summary>
    public string StateFolder { get; }

    /// <summary>Issues a fresh API key with <paramref name="role"/> straight in the server's credential store.</summary>
    public string IssueKey(Role role, string? name = null) =>
        Services.GetRequiredService<CredentialStore>()
            .Issue(name ?? $"test-{ClearancePolicies.For(role)}", ClearancePolicies.For(role), "test setup", Now)
            .Key;

    /// <summary>A client that authenticates with a fresh key of <paramref name="role"/>.</summary>
    public HttpClient CreateClient(Role role)
    {
        var key = IssueKey(role);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(StateFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine: the temp folder is cleaned by the OS later.
            }
        }
    }
}

/// <summary>The same server with extra settings.</summary>
file sealed class Configured(IReadOnlyDictionary<string, string?> settings) : ClearanceFactory(settings);

/// <summary>The same server on a real Kestrel socket, for the browser.</summary>
public sealed class KestrelClearanceFactory : ClearanceFactory
{
    public KestrelClearanceFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;
}
