using Clearance.Server.Hosting;
using Clearance.Server.Screening;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>Screen a name against the restricted-party lists in force: each hit with its score and token evidence (signed-in viewers and above).</summary>
[Authorize(Policy = ClearancePolicies.Viewer)]
public sealed class ScreeningModel(ReferenceData reference, ClearanceMetrics metrics) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Address { get; set; }

    public ScreeningResponse? Result { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public ListSetReport Lists => ScreeningApi.Describe(reference.Lists);

    public void OnGet()
    {
        if (Name is null)
        {
            return;
        }

        var (party, options, errors) = new ScreeningRequest(Name, Country, Address).Validate();
        Errors = errors;
        if (party is not null)
        {
            Result = ScreeningApi.Screen(reference.Lists, metrics, party, options!);
        }
    }
}
