using Clearance.Server.Security;
using Clearance.Storage.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Security.Claims;

namespace Clearance.Server.Pages.Account;

/// <summary>Signs a person in to the web UI with an API key; the browser then carries a session cookie, never the key.</summary>
public sealed class SignInModel(CredentialStore credentials, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public string? ApiKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var credential = credentials.Authenticate(ApiKey?.Trim());
        ApiKey = null;
        if (credential is null)
        {
            SecurityLog.SignInRefused(logger);
            Error = "That key is not valid, or it has been revoked. Keys start with clr_; ask an admin for one.";
            return Page();
        }

        var principal = new ClaimsPrincipal(ApiKeyAuthenticationHandler.Identity(credential, CookieAuthenticationDefaults.AuthenticationScheme));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        SecurityLog.SignedIn(logger, credential.Name, credential.Role, credential.Id);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
