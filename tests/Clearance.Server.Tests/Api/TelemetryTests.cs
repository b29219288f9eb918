using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using Clearance.Server.Hosting;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearance.Server.Tests.Api;

public sealed class TelemetryTests(ClearanceFactory factory) : IClassFixture<ClearanceFactory>
{
    private const string Order = """
        { "id": "M-1", "order_date": "2025-09-01", "product": "H20", "quantity": 10, "unit_value": 12000,
          "destination": "CN", "export_origin": "US", "customer": "Northbridge Cloud Co", "customer_country": "CN",
          "sector": "cloud", "end_use": "inference", "state_owned": false }
        """;

    [Fact]
    public async Task Evaluating_AnOrder_CountsOneDecisionTaggedWithItsVerdict()
    {
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        var counted = new ConcurrentBag<(long Value, string? Verdict)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this server's meter: other test classes run servers of their own in parallel.
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name == "clearance.decisions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "verdict")
                {
                    counted.Add((value, tag.Value as string));
                }
            }
        });
        listener.Start();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/v1/evaluate", UriKind.Relative), new StringContent(Order, Encoding.UTF8, "application/json"));

        response.EnsureSuccessStatusCode();
        Assert.Equal([(1L, "licence-required/approval")], counted.ToArray());
    }

    [Fact]
    public async Task Metrics_AreScrapedAsPrometheusText()
    {
        using var client = factory.CreateClient();
        using var evaluated = await client.PostAsync(new Uri("/api/v1/evaluate", UriKind.Relative), new StringContent(Order, Encoding.UTF8, "application/json"));
        evaluated.EnsureSuccessStatusCode();

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("clearance_decisions_total{", text, StringComparison.Ordinal);
        Assert.Contains("verdict=\"licence-required/approval\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NeverContainTheApiKeysCallersPresent()
    {
        var logs = new ConcurrentQueue<string>();
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CapturingLoggerProvider(logs));
        }));
        var key = logged.Services.GetRequiredService<Clearance.Storage.Security.CredentialStore>().Issue("log-test", ClearancePolicies.Admin, "test", ClearanceFactory.Now).Key;
        using var client = logged.CreateClient();

        foreach (var presented in new[] { key, key + "x", "clr_forged_secret" })
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", presented);
            using var response = await client.GetAsync(new Uri("/api/v1/keys", UriKind.Relative));
        }

        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, line => line.Contains(key, StringComparison.Ordinal) || line.Contains("clr_forged_secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=db;Username=app;Password=s3cr3t;Database=clearance", "Host=db;Username=app;Password=***;Database=clearance")]
    [InlineData("Host=db;PWD = 'a;b';Database=x", "Host=db;PWD =***;Database=x")]
    [InlineData("/var/lib/clearance/ledger.db", "/var/lib/clearance/ledger.db")]
    public void Redact_HidesPasswordsInConnectionStrings(string connectionString, string expected) =>
        Assert.Equal(expected, Telemetry.Redact(connectionString));
}
