using Clearance.Core.Ledger;
using Clearance.Core.Policy;

namespace Clearance.Planning;

/// <summary>The policy context and candidate chips for one request: what the CLI and the server both hand to the planner.</summary>
public sealed record PlanningInputs(PolicyContext Policy, CandidateSet Candidates)
{
    /// <summary>
    /// Decides every catalog chip for the buyer on the date through the policy engine and builds the candidates;
    /// null when the sector is unknown. With a ledger, quota pools are what the ledger has left for the buyer.
    /// </summary>
    public static PlanningInputs? Prepare(
        PolicyLibrary library,
        PlanningData data,
        string sectorId,
        DateOnly asOf,
        long? importQuotaUnits,
        double domesticShareFloor,
        IReadOnlyDictionary<string, long>? availability = null,
        string? buyer = null,
        LedgerState? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Sector(sectorId) is not { } sector)
        {
            return null;
        }

        var name = string.IsNullOrWhiteSpace(buyer) ? ImportPolicy.UnnamedBuyer : buyer.Trim();
        var policy = ImportPolicy.Derive(library, data, sector, name, asOf, importQuotaUnits, domesticShareFloor, ledger);
        return new PlanningInputs(policy, CandidateSets.Build(library.Catalog, data, policy, availability));
    }
}
