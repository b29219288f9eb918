using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Clearance.Server.Tests;

/// <summary>The real server pipeline with a fixed clock (2026-11-24) and a loopback address chosen by the OS.</summary>
public class ClearanceFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>This factory's own ledger file (temporary until the authentication contract's factory lands).</summary>
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "clearance-tests-" + Guid.NewGuid().ToString("N"), "ledger.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseEnvironment("Testing");
        builder.UseSetting("Clearance:Database", DatabasePath);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        });
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
