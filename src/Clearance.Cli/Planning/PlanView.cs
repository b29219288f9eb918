using Clearance.Planning;

namespace Clearance.Cli.Planning;

/// <summary>The JSON shape of `clearance plan`: the request, the policy used, the answer, and every chip's standing.</summary>
internal sealed record PlanView(
    string AsOf,
    string Sector,
    string Buyer,
    string Policy,
    long? ImportQuotaUnits,
    double DomesticShareFloor,
    ComputeTargets Targets,
    string Objective,
    decimal? BlendDollarsPerWatt,
    string Status,
    double SolveMilliseconds,
    PlanTotalsView? Plan,
    IReadOnlyList<Relaxation>? Infeasibility,
    IReadOnlyList<FrontierPointView>? Frontier,
    IReadOnlyList<CandidateView> Candidates,
    IReadOnlyList<Exclusion> Excluded);

internal sealed record PlanTotalsView(
    IReadOnlyList<PlanLineView> Lines,
    decimal TotalCostUsd,
    double PowerKilowatts,
    double DenseBf16Petaflops,
    double DenseFp8Petaflops,
    double HbmTerabytes,
    double MemoryBandwidthTerabytesPerSecond,
    long Units,
    long DomesticUnits,
    long ImportedUnits,
    double DomesticShare)
{
    public static PlanTotalsView From(Plan plan) => new(
        [.. plan.Lines.Select(PlanLineView.From)],
        Math.Round(plan.TotalCost.Value, 2),
        Math.Round(plan.PowerKilowatts, 3),
        Math.Round(plan.DenseBf16Petaflops, 4),
        Math.Round(plan.DenseFp8Petaflops, 4),
        Math.Round(plan.HbmTerabytes, 4),
        Math.Round(plan.MemoryBandwidthTerabytesPerSecond, 4),
        plan.Units,
        plan.DomesticUnits,
        plan.ImportedUnits,
        Math.Round(plan.DomesticShare, 6));
}

internal sealed record PlanLineView(string Chip, string Name, string Origin, long Units, decimal UnitPriceUsd, double UnitPowerWatts, decimal CostUsd, double PowerKilowatts, double DenseBf16Petaflops, double DenseFp8Petaflops)
{
    public static PlanLineView From(PlanLine line) => new(
        line.ChipId,
        line.Name,
        line.IsDomestic ? "domestic" : "imported",
        line.Units,
        line.UnitPrice.Value,
        Math.Round(line.UnitPower.Value, 1),
        Math.Round(line.Cost.Value, 2),
        Math.Round(line.PowerKilowatts, 3),
        Math.Round(line.DenseBf16Petaflops, 4),
        Math.Round(line.DenseFp8Petaflops, 4));
}

internal sealed record FrontierPointView(double DomesticShareFloor, string Status, PlanTotalsView Plan)
{
    public static FrontierPointView From(FrontierPoint point) => new(point.DomesticShareFloor, point.Status.ToString().ToLowerInvariant(), PlanTotalsView.From(point.Plan));
}

internal sealed record CandidateView(string Chip, string Origin, double DenseBf16Tflops, double DenseFp8Tflops, double MemoryGb, double MemoryBandwidthGbps, decimal PriceUsd, string PriceBasis, double SystemPowerWatts, string PowerBasis, long? MaxUnits, string? MaxUnitsBasis, string Ruling, IReadOnlyList<LicenceCondition> Conditions, IReadOnlyList<string> Assumptions)
{
    public static CandidateView From(Candidate c) => new(
        c.ChipId,
        c.IsDomestic ? "domestic" : "imported",
        c.DenseBf16.Value,
        c.DenseFp8.Value,
        c.Memory.Value,
        c.MemoryBandwidth.Value,
        c.Price.Value,
        c.PriceBasis,
        Math.Round(c.SystemPower.Value, 1),
        c.PowerBasis,
        c.MaxUnits,
        c.MaxUnitsBasis,
        c.Ruling,
        c.Conditions,
        c.Assumptions);
}
