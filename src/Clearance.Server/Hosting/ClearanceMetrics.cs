using System.Diagnostics.Metrics;
using Clearance.Core.Policy;
using Clearance.Core.Screening;

namespace Clearance.Server.Hosting;

/// <summary>
/// The server's own metrics, on the Meter "Clearance": decisions by verdict, screenings and their hits, and units
/// depleted from licences and quota pools. Exported with OpenTelemetry (Prometheus text at /metrics).
/// </summary>
public sealed class ClearanceMetrics
{
    public const string MeterName = "Clearance";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _screenings;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _depletions;

    public ClearanceMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("clearance.decisions", "{decision}", "Orders decided, by combined verdict.");
        _screenings = meter.CreateCounter<long>("clearance.screenings", "{party}", "Parties screened, by outcome (hit or clear).");
        _hits = meter.CreateCounter<long>("clearance.screening.hits", "{hit}", "Screening hits reported, by list source.");
        _depletions = meter.CreateCounter<long>("clearance.depletions", "{unit}", "Units taken (reserved, then used) from licences, quota pools and volume caps, by kind (licence, quota, cap).");
    }

    public void RecordDecision(Verdict verdict) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("verdict", verdict.Key()));

    public void RecordScreening(ScreeningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _screenings.Add(1, new KeyValuePair<string, object?>("outcome", result.IsHit ? "hit" : "clear"));
        foreach (var hit in result.Hits)
        {
            _hits.Add(1, new KeyValuePair<string, object?>("source", hit.Source));
        }
    }

    /// <summary>Units taken from a licence, quota pool or volume cap; <paramref name="kind"/> names which (licence, quota, cap).</summary>
    public void RecordDepletion(string kind, long units)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        _depletions.Add(units, new KeyValuePair<string, object?>("kind", kind));
    }
}
