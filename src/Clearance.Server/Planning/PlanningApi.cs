using Clearance.Planning;
using Clearance.Server.Classification;
using Clearance.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Planning;

/// <summary>The query of a plan request, shared by the API and the planning page.</summary>
public sealed record PlanQuery(double TargetPflops, double DomesticShare, string? AsOf, string Sector = "commercial", PlanObjective Objective = PlanObjective.Cost, long? Quota = null, double Fp8Pflops = 0, string? Buyer = null)
{
    /// <summary>Checks the numbers and the sector; the errors to report by field, or none.</summary>
    public Dictionary<string, string[]> Validate(PlanningData data, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!double.IsFinite(TargetPflops) || TargetPflops <= 0 || TargetPflops > 1e6)
        {
            errors["targetPflops"] = ["must be more than 0 and at most 1,000,000 PFLOPS"];
        }

        if (!double.IsFinite(Fp8Pflops) || Fp8Pflops is < 0 or > 1e6)
        {
            errors["fp8Pflops"] = ["must be between 0 and 1,000,000 PFLOPS"];
        }

        if (!double.IsFinite(DomesticShare) || DomesticShare is < 0 or > 1)
        {
            errors["domesticShare"] = ["must be between 0 and 1"];
        }

        if (Quota is < 0)
        {
            errors["quota"] = ["must be 0 or more units"];
        }

        if (ClassificationApi.ParseDate(AsOf, clock) is null)
        {
            errors["asOf"] = [ClassificationApi.NotADate(AsOf)];
        }

        if (Buyer is { Length: > 200 })
        {
            errors["buyer"] = ["must be at most 200 characters"];
        }

        if (data.Sector(Sector) is null)
        {
            errors["sector"] = [$"'{Sector}' is not a sector; use one of: {string.Join(", ", data.Sectors.Select(s => s.Id))}"];
        }

        return errors;
    }
}

/// <summary>A plan or the frontier, with the buyer and the policy it was made under; excluded chips name the rules that excluded them.</summary>
public sealed record PlanResponse(DateOnly AsOf, string Sector, string Buyer, string Policy, PlanStatus Status, Plan? Plan, Infeasibility? Infeasibility, IReadOnlyList<FrontierPoint> Frontier, IReadOnlyList<Exclusion> Excluded);

/// <summary>GET /api/v1/plans and /api/v1/plans/frontier: the procurement planner over HTTP.</summary>
public static class PlanningApi
{
    public static RouteGroupBuilder MapPlanningApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/plans").WithTags("Planning");
        group.MapGet("/", (ReferenceData reference, TimeProvider clock, [AsParameters] PlanQuery query) => Run(reference, clock, query, frontier: false))
            .WithName("PlanProcurement").WithSummary("The optimal accelerator mix for a compute target under the import rules, quota and domestic-share floor on a date; or which constraint binds.");
        group.MapGet("/frontier", (ReferenceData reference, TimeProvider clock, [AsParameters] PlanQuery query) => Run(reference, clock, query, frontier: true))
            .WithName("PlanFrontier").WithSummary("About 20 plans on the cost–power–domestic-share frontier.");
        return api;
    }

    /// <summary>Solves a validated query; the page and the API share it.</summary>
    public static PlanResponse Solve(ReferenceData reference, TimeProvider clock, PlanQuery query, bool frontier)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(query);
        var asOf = ClassificationApi.ParseDate(query.AsOf, clock)!.Value;
        var inputs = PlanningInputs.Prepare(reference.Policy, reference.Planning, query.Sector, asOf, query.Quota, query.DomesticShare, buyer: query.Buyer)!;
        var planner = new Planner();
        var targets = new ComputeTargets(query.TargetPflops, query.Fp8Pflops);
        if (frontier)
        {
            var points = planner.Frontier(inputs.Candidates, inputs.Policy, targets);
            return new PlanResponse(asOf, query.Sector, inputs.Policy.Buyer, inputs.Policy.DerivedBy, points.Status, null, null, points.Points, inputs.Candidates.Excluded);
        }

        var outcome = planner.Plan(inputs.Candidates, inputs.Policy, new PlanRequest(targets, query.Objective));
        return new PlanResponse(asOf, query.Sector, inputs.Policy.Buyer, inputs.Policy.DerivedBy, outcome.Status, outcome.Plan, outcome.Infeasibility, [], inputs.Candidates.Excluded);
    }

    private static Results<Ok<PlanResponse>, ValidationProblem> Run(ReferenceData reference, TimeProvider clock, PlanQuery query, bool frontier)
    {
        var errors = query.Validate(reference.Planning, clock);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(Solve(reference, clock, query, frontier));
    }
}
