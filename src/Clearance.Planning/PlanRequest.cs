using System.Collections.Immutable;
using Clearance.Core.Units;

namespace Clearance.Planning;

/// <summary>What the buyer must reach. A zero target is no target. Compute is dense (sparsity never counted).</summary>
public sealed record ComputeTargets(
    double DenseBf16Petaflops = 0,
    double DenseFp8Petaflops = 0,
    double HbmTerabytes = 0,
    double MemoryBandwidthTerabytesPerSecond = 0)
{
    public bool IsEmpty => DenseBf16Petaflops <= 0 && DenseFp8Petaflops <= 0 && HbmTerabytes <= 0 && MemoryBandwidthTerabytesPerSecond <= 0;
}

/// <summary>What the plan minimises.</summary>
public enum PlanObjective
{
    /// <summary>Purchase price of the accelerators.</summary>
    Cost,

    /// <summary>All-in power: chip TDP plus its share of the system.</summary>
    Power,

    /// <summary>Purchase price plus power priced at <see cref="PlanRequest.BlendDollarsPerWatt"/> (an energy and cooling cost over the life of the system).</summary>
    Blend,
}

/// <summary>One planning request: targets and the objective. The policy context and the candidates come separately.</summary>
public sealed record PlanRequest(ComputeTargets Targets, PlanObjective Objective = PlanObjective.Cost)
{
    /// <summary>
    /// The price of one watt of all-in power in the blend objective. The default, 3.50 USD, is five years at
    /// 0.08 USD/kWh (5 × 8,760 h × 0.08 USD / 1,000) — an assumption to be replaced by the buyer's own figure.
    /// </summary>
    public decimal BlendDollarsPerWatt { get; init; } = 3.5m;
}

/// <summary>How a solve ended.</summary>
public enum PlanStatus
{
    /// <summary>The solver proved the plan optimal.</summary>
    Optimal,

    /// <summary>A plan was found but the time limit came before the proof of optimality.</summary>
    Feasible,

    /// <summary>No plan meets every constraint; see the infeasibility explanation.</summary>
    Infeasible,

    /// <summary>The time limit came before any plan or proof.</summary>
    Unknown,

    /// <summary>
    /// The request's numbers (targets against the smallest rates, a share floor close to 1) are too large for the exact
    /// integer model to hold in 64 bits; nothing was solved. Lower the targets or the floor, or set availability caps.
    /// </summary>
    TooLarge,
}

/// <summary>One chip's line in a plan.</summary>
public sealed record PlanLine(
    string ChipId,
    string Name,
    bool IsDomestic,
    long Units,
    UsDollars UnitPrice,
    Watts UnitPower,
    UsDollars Cost,
    double PowerKilowatts,
    double DenseBf16Petaflops,
    double DenseFp8Petaflops);

/// <summary>A mix of accelerators and what it adds up to.</summary>
public sealed record Plan(
    ImmutableArray<PlanLine> Lines,
    UsDollars TotalCost,
    double PowerKilowatts,
    double DenseBf16Petaflops,
    double DenseFp8Petaflops,
    double HbmTerabytes,
    double MemoryBandwidthTerabytesPerSecond,
    long Units,
    long DomesticUnits)
{
    public long ImportedUnits => Units - DomesticUnits;

    /// <summary>Domestic units ÷ all units; 0 for an empty plan.</summary>
    public double DomesticShare => Units == 0 ? 0 : (double)DomesticUnits / Units;
}

/// <summary>A constraint a plan must meet, for infeasibility explanations.</summary>
public enum ConstraintKind
{
    DenseBf16Target,
    DenseFp8Target,
    HbmTarget,
    MemoryBandwidthTarget,
    ImportQuota,
    DomesticShareFloor,

    /// <summary>The units of one chip that can be had: the buyer's availability figure or the quota pool left.</summary>
    Availability,

    /// <summary>A chip the policy engine excluded on the date; the explanation names the rules.</summary>
    PolicyExclusion,
}

/// <summary>
/// How far one constraint would have to move, all others held, for the request to become feasible. When relaxing it
/// alone cannot help, <see cref="AloneSuffices"/> is false and <see cref="Change"/> is null.
/// </summary>
public sealed record Relaxation(
    ConstraintKind Constraint,
    string? ChipId,
    string Unit,
    double Required,
    double? Reachable,
    double? Change,
    bool AloneSuffices,
    string Explanation);

/// <summary>Why a request has no plan: for each constraint, the minimal relaxation that would give one.</summary>
public sealed record Infeasibility(ImmutableArray<Relaxation> Relaxations)
{
    /// <summary>The relaxations that would each, alone, make the request feasible.</summary>
    public IEnumerable<Relaxation> Sufficient => Relaxations.Where(r => r.AloneSuffices);
}

/// <summary>The answer to one request: a plan, or why there is none; the time the solver took.</summary>
public sealed record PlanOutcome(PlanStatus Status, Plan? Plan, Infeasibility? Infeasibility, TimeSpan SolveTime);

/// <summary>One point of the cost–power–domestic-share frontier: the plan and the share floor it was solved under.</summary>
public sealed record FrontierPoint(double DomesticShareFloor, PlanStatus Status, Plan Plan);

/// <summary>
/// Plans no other plan beats on cost, power and domestic share at once, ordered by share floor, then cost.
/// <see cref="Status"/> is <see cref="PlanStatus.Infeasible"/> when no plan exists and <see cref="PlanStatus.TooLarge"/>
/// when the request could not be modelled; the points are then empty.
/// </summary>
public sealed record Frontier(PlanStatus Status, ImmutableArray<FrontierPoint> Points, TimeSpan SolveTime);
