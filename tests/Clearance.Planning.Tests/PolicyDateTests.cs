namespace Clearance.Planning.Tests;

/// <summary>Plans on the shipped data: a change of date or sector changes what may be bought, as the policy says.</summary>
public class PolicyDateTests
{
    private static readonly Planner Planner = new();
    private static readonly ComputeTargets Target = new(DenseBf16Petaflops: 300);

    [Fact]
    public void Candidates_H200_OnlyFromTheReviewWindow()
    {
        // Act
        var before = Shipped.Candidates(Shipped.Policy("2026-01-14"));
        var after = Shipped.Candidates(Shipped.Policy("2026-01-15"));

        // Assert: 91 FR 1684, in force 2026-01-15 [28]
        Assert.DoesNotContain(before.Candidates, c => c.ChipId == "nvidia-h200-sxm");
        Assert.Contains(after.Candidates, c => c.ChipId == "nvidia-h200-sxm");
    }

    [Fact]
    public void Plan_FP8Target_IsInfeasibleBeforeTheH200WindowAndFeasibleAfter()
    {
        // Arrange: FP8 needs Hopper- or CDNA3-class chips; before 2026-01-15 none may be imported and the only
        // importable FP8 part (L20) is capped by a 100-unit quota
        var target = new ComputeTargets(DenseFp8Petaflops: 100);
        var before = Shipped.Policy("2025-12-01", quota: 100);
        var after = Shipped.Policy("2026-03-01", quota: 100);

        // Act
        var refused = Planner.Plan(Shipped.Candidates(before), before, new PlanRequest(target));
        var planned = Planner.Plan(Shipped.Candidates(after), after, new PlanRequest(target));

        // Assert
        Assert.Equal(PlanStatus.Infeasible, refused.Status);
        var quota = Assert.Single(refused.Infeasibility!.Relaxations, r => r.Constraint == ConstraintKind.ImportQuota);
        Assert.True(quota.AloneSuffices);
        Assert.Equal(PlanStatus.Optimal, planned.Status);
        Assert.True(planned.Plan!.DenseFp8Petaflops >= 100);
        Assert.True(planned.Plan.ImportedUnits <= 100);
    }

    [Fact]
    public void Plan_CriticalInfrastructure_BuysDomesticChipsOnly()
    {
        // Arrange: no imported chips in critical-infrastructure core computing [64]
        var policy = Shipped.Policy("2026-03-01", "critical-infrastructure-core");

        // Act
        var outcome = Planner.Plan(Shipped.Candidates(policy), policy, new PlanRequest(Target));

        // Assert
        Assert.Equal(PlanStatus.Optimal, outcome.Status);
        Assert.All(outcome.Plan!.Lines, l => Assert.True(l.IsDomestic, l.ChipId));
        Assert.True(outcome.Plan.DenseBf16Petaflops >= 300);
    }

    [Fact]
    public void Plan_DomesticShareFloor_IsMetByUnits()
    {
        // Arrange
        var policy = Shipped.Policy("2026-03-01", floor: 0.5);

        // Act
        var outcome = Planner.Plan(Shipped.Candidates(policy), policy, new PlanRequest(Target));

        // Assert
        Assert.Equal(PlanStatus.Optimal, outcome.Status);
        Assert.True(outcome.Plan!.DomesticShare >= 0.5);
    }

    [Fact]
    public void Plan_PowerObjective_NeverUsesMorePowerThanTheCostPlan()
    {
        // Arrange
        var policy = Shipped.Policy("2026-03-01", floor: 0.5);
        var set = Shipped.Candidates(policy);

        // Act
        var cheapest = Planner.Plan(set, policy, new PlanRequest(Target, PlanObjective.Cost)).Plan!;
        var frugal = Planner.Plan(set, policy, new PlanRequest(Target, PlanObjective.Power)).Plan!;

        // Assert
        Assert.True(frugal.PowerKilowatts <= cheapest.PowerKilowatts);
        Assert.True(cheapest.TotalCost.Value <= frugal.TotalCost.Value);
    }

    [Fact]
    public void Frontier_FullCatalog_HasUpToTwentyMutuallyNonDominatedPoints()
    {
        // Arrange
        var policy = Shipped.Policy("2026-03-01", quota: 5_000, floor: 0.3);

        // Act
        var frontier = Planner.Frontier(Shipped.Candidates(policy), policy, new ComputeTargets(300, HbmTerabytes: 50), points: 20);

        // Assert
        Assert.InRange(frontier.Points.Length, 3, 20);
        Assert.Contains(frontier.Points, p => p.Plan.DomesticShare >= 0.999);
        foreach (var p in frontier.Points)
        {
            Assert.True(p.Plan.DomesticShare >= 0.3 - 1e-9);
            Assert.DoesNotContain(frontier.Points, q => q != p
                && q.Plan.TotalCost.Value <= p.Plan.TotalCost.Value && q.Plan.PowerKilowatts <= p.Plan.PowerKilowatts && q.Plan.DomesticShare >= p.Plan.DomesticShare
                && (q.Plan.TotalCost.Value < p.Plan.TotalCost.Value || q.Plan.PowerKilowatts < p.Plan.PowerKilowatts || q.Plan.DomesticShare > p.Plan.DomesticShare));
        }
    }
}
