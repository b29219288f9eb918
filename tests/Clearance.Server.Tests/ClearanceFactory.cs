using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Clearance.Server.Tests;

/// <summary>
/// The real server pipeline with a fixed clock (2026-11-24), a loopback address chosen by the OS, and its own
/// temporary home with an empty SQLite ledger (no demo data unless <see cref="DemoData"/>), deleted on dispose.
/// <see cref="Database"/> points it at another ledger (a PostgreSQL database several factories share).
/// </summary>
public class ClearanceFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public ClearanceFactory()
    {
        Home = Directory.CreateTempSubdirectory("clearance-server-test-").FullName;
        Database = Path.Combine(Home, "ledger.db");
    }

    /// <summary>The temporary home (screening list store, SQLite ledger).</summary>
    public string Home { get; }

    /// <summary>The ledger's connection: the SQLite file in <see cref="Home"/> unless a test sets another.</summary>
    public string Database { get; init; }

    /// <summary>Seed the demo data set into the empty ledger at start.</summary>
    public bool DemoData { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Clearance:Home", Home);
        builder.UseSetting("Clearance:Database", Database);
        builder.UseSetting("Clearance:DemoData", DemoData ? "true" : "false");
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
        if (disposing && Directory.Exists(Home))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Home, recursive: true);
        }
    }
}

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
