namespace Clearance.Server.Security;

/// <summary>Log messages about access: key ids and names only, never a key's secret.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "First run: issued admin API key {CredentialId}; the key was shown once on standard output")]
    public static partial void FirstAdminIssued(ILogger logger, string credentialId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Issued API key {CredentialId} for {Name} with role {Role}, by {IssuedBy}")]
    public static partial void KeyIssued(ILogger logger, string credentialId, string name, string role, string issuedBy);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Revoked API key {CredentialId}, by {RevokedBy}")]
    public static partial void KeyRevoked(ILogger logger, string credentialId, string revokedBy);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "{Name} ({Role}) signed in to the web UI with key {CredentialId}")]
    public static partial void SignedIn(ILogger logger, string name, string role, string credentialId);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "A web UI sign-in with an invalid or revoked key was refused")]
    public static partial void SignInRefused(ILogger logger);
}
