using CsCheck;

namespace Clearance.Planning.Tests;

public class PlannerPropertyTests
{
    private static readonly Planner Planner = new();

    [Fact]
    public void Plan_SameRequestTwice_GivesTheSamePlan()
    {
        SmallInstance.Instances.Sample(instance =>
        {
            // Act
            var first = Planner.Plan(instance.Set, instance.Policy, new PlanRequest(instance.Targets, PlanObjective.Blend));
            var second = Planner.Plan(instance.Set, instance.Policy, new PlanRequest(instance.Targets, PlanObjective.Blend));

            // Assert
            Assert.Equal(first.Status, second.Status);
            Assert.Equal(Mix(first.Plan), Mix(second.Plan));
        }, iter: 60);
    }

    [Fact]
    public void Plan_AddingAChipThatAnotherBeatsOnEveryFigure_NeverChangesTheOptimalCost()
    {
        SmallInstance.Instances.Where(i => i.Chips[0].MaxUnits is null).Sample(instance =>
        {
            // Arrange: same origin as chip 0, dearer, hungrier, and no better on any target
            var best = instance.Chips[0];
            var worse = best with
            {
                ChipId = "worse",
                Price = new(best.Price.Value + 1),
                SystemPower = new(best.SystemPower.Value + 1),
                DenseBf16 = new(best.DenseBf16.Value / 2),
            };
            var request = new PlanRequest(instance.Targets);

            // Act
            var without = Planner.Plan(instance.Set, instance.Policy, request);
            var with = Planner.Plan(new CandidateSet(instance.Chips.Add(worse), []), instance.Policy, request);

            // Assert
            Assert.Equal(without.Status, with.Status);
            Assert.Equal(without.Plan?.TotalCost, with.Plan?.TotalCost);
        }, iter: 60);
    }

    private static string Mix(Plan? plan) => plan is null ? "" : string.Join(",", plan.Lines.Select(l => $"{l.ChipId}={l.Units}"));
}
