using System.Security.Claims;
using System.Text.Encodings.Web;
using Clearance.Storage.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Clearance.Server.Security;

/// <summary>
/// Authenticates API callers by the key they send as <c>Authorization: Bearer clr_…</c> (or <c>X-Api-Key</c>).
/// The key is checked against its stored hash on every request, so a revoked key stops working at once.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialStore credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey(Request);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (credentials.Authenticate(key) is not { } credential)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is malformed, unknown or revoked."));
        }

        var principal = new ClaimsPrincipal(Identity(credential, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"clearance\"";
        return Task.CompletedTask;
    }

    /// <summary>The claims of a caller holding <paramref name="credential"/>.</summary>
    public static ClaimsIdentity Identity(Credential credential, string scheme)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, credential.Name),
                new Claim(ClaimTypes.Role, credential.Role),
                new Claim(PrincipalExtensions.CredentialIdClaim, credential.Id),
            ],
            scheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Headers.TryGetValue("X-Api-Key", out var header) && header.Count == 1 ? header.ToString().Trim() : null;
    }
}
