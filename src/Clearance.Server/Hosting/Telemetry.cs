using System.Text.RegularExpressions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Clearance.Server.Hosting;

/// <summary>
/// Structured logs and OpenTelemetry metrics. Logs are JSON lines when Logging:Console:FormatterName is "json", and in
/// Production when output is redirected (a service or container) unless another formatter is named. Metrics: the "Clearance" meter plus ASP.NET Core's request meters,
/// scraped as Prometheus text at /metrics.
/// </summary>
public static partial class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddClearanceTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // JSON lines for collectors when output goes to a file or pipe; a person at a terminal reads plain lines.
        if (builder.Environment.IsProduction() && Console.IsOutputRedirected && string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.AddSingleton<ClearanceMetrics>();
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("clearance")).WithMetrics(metrics => metrics
            .AddMeter(ClearanceMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    public static WebApplication MapClearanceTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>A connection string fit for a log: any password, secret or key value replaced by ***.</summary>
    public static string Redact(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return Secrets().Replace(connectionString, m => m.Groups["name"].Value + "=***");
    }

    [GeneratedRegex(@"(?<name>\b(?:password|pwd|secret|api[ _-]?key|token)\s*)=\s*(?:'[^']*'|""[^""]*""|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Secrets();
}
