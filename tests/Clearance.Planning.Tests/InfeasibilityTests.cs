namespace Clearance.Planning.Tests;

/// <summary>Hand-checked infeasible requests: which constraint binds, and by how much.</summary>
public class InfeasibilityTests
{
    private static readonly Planner Planner = new();

    // An imported chip of 100 TFLOPS and a domestic chip of 40 TFLOPS with only 5 units to be had.
    private static readonly CandidateSet Chips = new(
        [
            Synthetic.Chip("imported", bf16: 100, fp8: 200, memory: 80, price: 30_000, watts: 1_200, domestic: false),
            Synthetic.Chip("domestic", bf16: 40, fp8: 0, memory: 64, price: 17_000, watts: 700, domestic: true, maxUnits: 5),
        ],
        []);

    [Fact]
    public void Plan_QuotaTooSmall_SaysHowManyMoreImportsAreNeeded()
    {
        // Arrange: 1 PFLOPS needs 10 imported units at most 5 domestic (200 TFLOPS) → 8 imported
        var policy = Synthetic.Policy(quota: 3, floor: 0);

        // Act
        var outcome = Planner.Plan(Chips, policy, new PlanRequest(new ComputeTargets(1)));

        // Assert
        Assert.Equal(PlanStatus.Infeasible, outcome.Status);
        var quota = Assert.Single(outcome.Infeasibility!.Relaxations, r => r.Constraint == ConstraintKind.ImportQuota);
        Assert.Equal(5, quota.Change);
        Assert.Equal(8, quota.Reachable);
        var target = Assert.Single(outcome.Infeasibility.Relaxations, r => r.Constraint == ConstraintKind.DenseBf16Target);
        Assert.Equal(0.5, target.Reachable!.Value, 9);
        var availability = Assert.Single(outcome.Infeasibility.Relaxations, r => r.Constraint == ConstraintKind.Availability);
        Assert.Equal("domestic", availability.ChipId);
        Assert.Equal(13, availability.Change); // 3 imported (300) + 18 domestic (720) ≥ 1,000
    }

    [Fact]
    public void Plan_ShareFloorTooHigh_SaysTheHighestShareThatCanBeReached()
    {
        // Arrange: 5 domestic (200 TFLOPS) + 8 imported (800 TFLOPS) is the most domestic mix: share 5/13
        var policy = Synthetic.Policy(quota: null, floor: 0.5);

        // Act
        var outcome = Planner.Plan(Chips, policy, new PlanRequest(new ComputeTargets(1)));

        // Assert
        Assert.Equal(PlanStatus.Infeasible, outcome.Status);
        var share = Assert.Single(outcome.Infeasibility!.Relaxations, r => r.Constraint == ConstraintKind.DomesticShareFloor);
        Assert.True(share.AloneSuffices);
        Assert.Equal(Math.Floor(5.0 / 13 * 10_000) / 10_000, share.Reachable!.Value, 9);
    }

    [Fact]
    public void Plan_Fp8TargetWithOnlyDomesticChipsAllowed_SaysNoOtherRelaxationAlonePays()
    {
        // Arrange: share floor 1 forbids the only FP8 chip
        var policy = Synthetic.Policy(quota: null, floor: 1);

        // Act
        var outcome = Planner.Plan(Chips, policy, new PlanRequest(new ComputeTargets(0.1, DenseFp8Petaflops: 0.1)));

        // Assert
        Assert.Equal(PlanStatus.Infeasible, outcome.Status);
        var fp8 = Assert.Single(outcome.Infeasibility!.Relaxations, r => r.Constraint == ConstraintKind.DenseFp8Target);
        Assert.Equal(0, fp8.Reachable);
        Assert.Equal(0.1, fp8.Change!.Value, 9);
        var share = Assert.Single(outcome.Infeasibility.Relaxations, r => r.Constraint == ConstraintKind.DomesticShareFloor);
        Assert.True(share.AloneSuffices);
    }

    [Fact]
    public void Plan_NumbersBeyond64BitSums_AreReportedAsTooLarge()
    {
        // Arrange: 10^7 PFLOPS from 40-TFLOPS chips with a share floor of 0.9999 needs ~10^15 padding units
        var policy = Synthetic.Policy(quota: null, floor: 0.9999);
        var chips = new CandidateSet([Chips.Candidates[0], Chips.Candidates[1] with { MaxUnits = null }], []);

        // Act
        var outcome = Planner.Plan(chips, policy, new PlanRequest(new ComputeTargets(10_000_000, DenseFp8Petaflops: 10_000_000)));
        var frontier = Planner.Frontier(chips, policy, new ComputeTargets(10_000_000, DenseFp8Petaflops: 10_000_000));

        // Assert
        Assert.Equal(PlanStatus.TooLarge, outcome.Status);
        Assert.Null(outcome.Plan);
        Assert.Equal(PlanStatus.TooLarge, frontier.Status);
    }
}
