using Clearance.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages.Account;

/// <summary>Says plainly that the signed-in person's role does not allow what they tried.</summary>
public sealed class DeniedModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public Role? Role => User.Role();

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
