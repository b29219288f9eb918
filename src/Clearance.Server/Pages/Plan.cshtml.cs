using Clearance.Planning;
using Clearance.Server.Hosting;
using Clearance.Server.Planning;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>The procurement planner: the best mix for a target, and the cost–power–domestic-share frontier as a chart.</summary>
public sealed class PlanModel(ReferenceData reference, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public double? TargetPflops { get; set; }

    [BindProperty(SupportsGet = true)]
    public double DomesticShare { get; set; } = 0.5;

    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sector { get; set; } = "commercial";

    [BindProperty(SupportsGet = true)]
    public string? Buyer { get; set; }

    [BindProperty(SupportsGet = true)]
    public PlanObjective Objective { get; set; } = PlanObjective.Cost;

    [BindProperty(SupportsGet = true)]
    public long? Quota { get; set; }

    public IReadOnlyList<string> Sectors => [.. reference.Planning.Sectors.Select(s => s.Id)];

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public PlanResponse? Result { get; private set; }

    public PlanResponse? Frontier { get; private set; }

    public void OnGet()
    {
        if (TargetPflops is null)
        {
            return;
        }

        var query = new PlanQuery(TargetPflops.Value, DomesticShare, string.IsNullOrWhiteSpace(AsOf) ? null : AsOf, Sector, Objective, Quota, Buyer: string.IsNullOrWhiteSpace(Buyer) ? null : Buyer);
        Errors = query.Validate(reference.Planning, clock);
        if (Errors.Count > 0)
        {
            return;
        }

        Result = PlanningApi.Solve(reference, clock, query, frontier: false);
        Frontier = PlanningApi.Solve(reference, clock, query, frontier: true);
    }
}
