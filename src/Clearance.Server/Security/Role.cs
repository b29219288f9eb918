namespace Clearance.Server.Security;

/// <summary>
/// What a caller may do, in ascending privilege; each role may do everything the roles below it may.
/// Viewers read; analysts record parties, orders and shipments and run screenings; officers approve or reject
/// customers, grant licences, open quota pools, release holds and confirm or dismiss screening hits; admins
/// manage policy packs, users and API keys.
/// </summary>
public enum Role
{
    Viewer,
    Analyst,
    Officer,
    Admin,
}

/// <summary>The authorization policy names, one per role; a policy admits its role and every higher one.</summary>
public static class ClearancePolicies
{
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string Officer = "officer";
    public const string Admin = "admin";

    public static string For(Role role) => role switch
    {
        Role.Viewer => Viewer,
        Role.Analyst => Analyst,
        Role.Officer => Officer,
        Role.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    /// <summary>The role a stored name stands for, or null for a name that is not a role.</summary>
    public static Role? Parse(string? name) => name switch
    {
        Viewer => Role.Viewer,
        Analyst => Role.Analyst,
        Officer => Role.Officer,
        Admin => Role.Admin,
        _ => null,
    };
}
