using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clearance.Server.Hosting;

/// <summary>Ready when the catalog and at least one rule set are loaded.</summary>
internal sealed class ReferenceDataHealthCheck(ReferenceData reference) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(reference.Catalog.Count > 0 && reference.RuleSets.Count > 0
            ? HealthCheckResult.Healthy($"{reference.Catalog.Count} accelerators, {reference.RuleSets.Count} rule sets")
            : HealthCheckResult.Unhealthy("no catalog or rule sets loaded"));
}
