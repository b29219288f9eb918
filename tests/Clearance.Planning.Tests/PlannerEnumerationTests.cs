using CsCheck;

namespace Clearance.Planning.Tests;

/// <summary>The solver against brute force: on small instances, every mix in the box is tried.</summary>
public class PlannerEnumerationTests
{
    private static readonly Planner Planner = new();

    [Theory]
    [InlineData(PlanObjective.Cost)]
    [InlineData(PlanObjective.Power)]
    [InlineData(PlanObjective.Blend)]
    public void Plan_SmallInstances_MatchesExhaustiveEnumeration(PlanObjective objective)
    {
        SmallInstance.Instances.Sample(instance =>
        {
            // Arrange
            var request = new PlanRequest(instance.Targets, objective) { BlendDollarsPerWatt = 2m };
            Func<long[], double> score = objective switch
            {
                PlanObjective.Cost => mix => (double)instance.Cost(mix),
                PlanObjective.Power => instance.Power,
                _ => mix => (double)instance.Cost(mix) + (2 * instance.Power(mix)),
            };
            var feasible = instance.Mixes().Where(instance.Feasible).ToList();

            // Act
            var outcome = Planner.Plan(instance.Set, instance.Policy, request);

            // Assert
            if (feasible.Count == 0)
            {
                Assert.Equal(PlanStatus.Infeasible, outcome.Status);
                return;
            }

            Assert.Equal(PlanStatus.Optimal, outcome.Status);
            var mix = instance.Chips.Select(c => outcome.Plan!.Lines.FirstOrDefault(l => l.ChipId == c.ChipId)?.Units ?? 0).ToArray();
            Assert.True(instance.Feasible(mix), "the solver's plan breaks a constraint");
            Assert.Equal(feasible.Min(score), score(mix), 6);
        }, iter: 150, seed: null);
    }

    [Fact]
    public void Plan_InfeasibleSmallInstances_ReportTheRelaxationsBruteForceFinds()
    {
        SmallInstance.Instances.Where(i => !i.Mixes().Any(i.Feasible)).Sample(instance =>
        {
            // Act
            var outcome = Planner.Plan(instance.Set, instance.Policy, new PlanRequest(instance.Targets));

            // Assert
            Assert.Equal(PlanStatus.Infeasible, outcome.Status);
            foreach (var relaxation in outcome.Infeasibility!.Relaxations)
            {
                switch (relaxation.Constraint)
                {
                    case ConstraintKind.ImportQuota:
                        var needs = instance.Mixes().Where(m => instance.MeetsTargets(m) && instance.MeetsShare(m, instance.Floor)).Select(instance.Imported).ToList();
                        Assert.Equal(needs.Count > 0, relaxation.AloneSuffices);
                        if (needs.Count > 0)
                        {
                            Assert.Equal(needs.Min() - instance.Quota!.Value, relaxation.Change);
                        }

                        break;
                    case ConstraintKind.DomesticShareFloor:
                        var shares = instance.Mixes().Where(m => instance.MeetsTargets(m) && instance.MeetsQuota(m) && m.Sum() > 0)
                            .Select(m => Math.Min(instance.Domestic(m) * 10_000 / m.Sum(), (long)Math.Round(instance.Floor * 10_000))).ToList();
                        var reachableAtZero = instance.Mixes().Any(m => instance.MeetsTargets(m) && instance.MeetsQuota(m));
                        Assert.Equal(reachableAtZero, relaxation.AloneSuffices);
                        if (reachableAtZero)
                        {
                            Assert.Equal(shares.DefaultIfEmpty(0).Max() / 10_000.0, relaxation.Reachable!.Value, 6);
                        }

                        break;
                    case ConstraintKind.DenseBf16Target:
                        var best = instance.Mixes().Where(m => instance.MeetsTargets(m, ConstraintKind.DenseBf16Target) && instance.MeetsQuota(m) && instance.MeetsShare(m, instance.Floor))
                            .Select(m => Math.Min(instance.Bf16(m), instance.Targets.DenseBf16Petaflops)).ToList();
                        Assert.Equal(best.Count > 0, relaxation.AloneSuffices);
                        if (best.Count > 0)
                        {
                            Assert.Equal(best.Max(), relaxation.Reachable!.Value, 6);
                        }

                        break;
                }
            }
        }, iter: 60, seed: null);
    }

    [Fact]
    public void Frontier_SmallInstances_HoldsOnlyFeasiblePlansThatNoMixDominates()
    {
        SmallInstance.Instances.Sample(instance =>
        {
            // Arrange
            var feasible = instance.Mixes().Where(instance.Feasible).ToList();

            // Act
            var frontier = Planner.Frontier(instance.Set, instance.Policy, instance.Targets, points: 9);

            // Assert
            Assert.Equal(feasible.Count == 0, frontier.Points.IsEmpty);
            foreach (var point in frontier.Points)
            {
                var mix = instance.Chips.Select(c => point.Plan.Lines.FirstOrDefault(l => l.ChipId == c.ChipId)?.Units ?? 0).ToArray();
                Assert.True(instance.Feasible(mix), "a frontier plan breaks a constraint");
                var share = mix.Sum() == 0 ? 0 : (double)instance.Domestic(mix) / mix.Sum();
                Assert.DoesNotContain(feasible, other =>
                {
                    var otherShare = other.Sum() == 0 ? 0 : (double)instance.Domestic(other) / other.Sum();
                    var noWorse = instance.Cost(other) <= instance.Cost(mix) && instance.Power(other) <= instance.Power(mix) + 1e-9 && otherShare >= share - 1e-12;
                    var better = instance.Cost(other) < instance.Cost(mix) || instance.Power(other) < instance.Power(mix) - 1e-9 || otherShare > share + 1e-12;
                    return noWorse && better;
                });
            }
        }, iter: 40, seed: null);
    }
}
