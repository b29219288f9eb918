using Clearance.Core.Catalog;
using Clearance.Core.Classification;

namespace Clearance.Planning;

/// <summary>The policy context and candidate chips for one request: what the CLI and the server both hand to the planner.</summary>
public sealed record PlanningInputs(PolicyContext Policy, CandidateSet Candidates)
{
    /// <summary>Derives the policy on a date for a sector and builds the candidates; null when the sector is unknown.</summary>
    public static PlanningInputs? Prepare(
        AcceleratorCatalog catalog,
        IReadOnlyList<ClassificationRuleSet> ruleSets,
        PlanningData data,
        string sectorId,
        DateOnly asOf,
        long? importQuotaUnits,
        double domesticShareFloor,
        IReadOnlyDictionary<string, long>? availability = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Sector(sectorId) is not { } sector)
        {
            return null;
        }

        var policy = DefaultPolicy.Derive(catalog, ruleSets, data, sector, asOf, importQuotaUnits, domesticShareFloor);
        return new PlanningInputs(policy, CandidateSets.Build(catalog, data, policy, availability));
    }
}
