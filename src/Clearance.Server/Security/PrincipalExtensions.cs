using System.Security.Claims;
using Clearance.Storage.Ledger;

namespace Clearance.Server.Security;

/// <summary>Reads the caller's name and role from an authenticated principal.</summary>
public static class PrincipalExtensions
{
    /// <summary>The claim that carries the credential's id, so a key can be traced without its secret.</summary>
    public const string CredentialIdClaim = "clearance:credential";

    /// <summary>The caller as the ledger records it in the audit log.</summary>
    public static LedgerActor ToLedgerActor(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true } || principal.Role() is not { } role)
        {
            throw new InvalidOperationException("Ledger writes need an authenticated caller with a role; the endpoint must require authorization.");
        }

        return new LedgerActor(principal.Identity.Name ?? "unknown", ClearancePolicies.For(role));
    }

    /// <summary>The caller's role, or null for an anonymous caller.</summary>
    public static Role? Role(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity is { IsAuthenticated: true } ? ClearancePolicies.Parse(principal.FindFirstValue(ClaimTypes.Role)) : null;
    }

    /// <summary>True when the caller holds <paramref name="least"/> or a higher role.</summary>
    public static bool HasRole(this ClaimsPrincipal principal, Role least) => principal.Role() is { } role && role >= least;
}
