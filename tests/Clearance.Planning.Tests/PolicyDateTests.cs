namespace Clearance.Planning.Tests;

/// <summary>Plans on the shipped data: a change of date or sector changes what may be bought, as the policy says.</summary>
public class PolicyDateTests
{
    private static readonly Planner Planner = new();
    private static readonly ComputeTargets Target = new(DenseBf16Petaflops: 300);

    [Theory]
    // US presumption of denial before the review window (91 FR 1684, from 2026-01-15) [28]; China's customs "not permitted" on 2026-01-14 [61]
    [InlineData("2026-01-14", false, "ear-3a090-china-macau")]
    // US case by case, but China's customs still say "not permitted" (2026-01-14..27) [61]
    [InlineData("2026-01-27", false, "cn-h200-not-permitted")]
    // China approves ByteDance, Alibaba and Tencent from 2026-01-28 [65][66]
    [InlineData("2026-01-28", true, null)]
    public void Candidates_H200ForAnApprovedBuyer_EntersOnlyWhenBothSidesAllowIt(string asOf, bool usable, string? rule)
    {
        // Act
        var set = Shipped.Candidates(Shipped.Policy(asOf, buyer: "ByteDance"));

        // Assert
        Assert.Equal(usable, set.Candidates.Any(c => c.ChipId == "nvidia-h200-sxm"));
        if (rule is not null)
        {
            Assert.Contains(rule, set.Excluded.Single(e => e.ChipId == "nvidia-h200-sxm").Rules);
        }
    }

    [Fact]
    public void Candidates_ChangeOfDate_ChangesTheFeasibleSetExactlyWhereThePolicyEngineChangesItsVerdict()
    {
        // Arrange: before and after China's H200 approval and the US review window
        var before = Shipped.Policy("2026-01-10", buyer: "ByteDance");
        var after = Shipped.Policy("2026-02-01", buyer: "ByteDance");

        // Act
        var entered = Shipped.Candidates(after).Candidates.Select(c => c.ChipId).Except(Shipped.Candidates(before).Candidates.Select(c => c.ChipId)).ToList();

        // Assert: every chip that entered did so because its ruling turned usable, and the H200 is one of them
        Assert.Contains("nvidia-h200-sxm", entered);
        Assert.All(entered, id => Assert.True(!before.RulingFor(id).MayUse && after.RulingFor(id).MayUse, id));
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

        // …and the explanation names the rule that removed the H200, which alone would have made a plan: the cheapest
        // such plan needs some H200 and never more than the 51 units of 1,979 TFLOPS that meet the target alone
        var h200 = Assert.Single(refused.Infeasibility.Relaxations, r => r.Constraint == ConstraintKind.PolicyExclusion && r.ChipId == "nvidia-h200-sxm");
        Assert.True(h200.AloneSuffices);
        Assert.InRange(h200.Reachable!.Value, 1, 51);
        Assert.Contains("ear-3a090-china-macau", h200.Explanation, StringComparison.Ordinal);
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
