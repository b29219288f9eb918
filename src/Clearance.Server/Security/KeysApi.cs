using System.ComponentModel.DataAnnotations;
using Clearance.Storage.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Security;

/// <summary>API keys: admins issue, list and revoke them. A key's secret is returned once, at issue, and never again.</summary>
public static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var keys = api.MapGroup("/keys").WithTags("Keys").RequireAuthorization(ClearancePolicies.Admin);
        keys.MapGet("/", List).WithSummary("Every key ever issued, newest first, without secrets.");
        keys.MapPost("/", Issue).WithSummary("Issues a key for a person or system with a role; the key is shown in this response only.");
        keys.MapPost("/{id}/revoke", Revoke).WithSummary("Revokes a key at once; the revocation is kept with who made it and why.");
        return api;
    }

    private static Ok<KeyView[]> List(CredentialStore credentials) =>
        TypedResults.Ok(credentials.List().Select(KeyView.From).ToArray());

    private static Results<Created<IssuedKeyView>, ValidationProblem> Issue(IssueKeyRequest request, CredentialStore credentials, TimeProvider clock, HttpContext http, ILogger<CredentialStore> logger)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            errors["name"] = ["required: 1 to 100 printable characters naming the person or system"];
        }

        var role = ClearancePolicies.Parse(request.Role?.Trim().ToLowerInvariant());
        if (role is null)
        {
            errors["role"] = [$"'{request.Role}' is not a role; use one of: {string.Join(", ", Enum.GetValues<Role>().Select(ClearancePolicies.For))}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var actor = http.User.ToLedgerActor();
        var issued = credentials.Issue(name!, ClearancePolicies.For(role!.Value), actor.User, clock.GetUtcNow());
        SecurityLog.KeyIssued(logger, issued.Credential.Id, issued.Credential.Name, issued.Credential.Role, actor.User);
        return TypedResults.Created($"/api/v1/keys/{issued.Credential.Id}", new IssuedKeyView(KeyView.From(issued.Credential), issued.Key));
    }

    private static Results<Ok<KeyView>, ProblemHttpResult, ValidationProblem> Revoke(string id, RevokeKeyRequest request, CredentialStore credentials, TimeProvider clock, HttpContext http, ILogger<CredentialStore> logger)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["reason"] = ["required: say why the key is withdrawn"] });
        }

        var actor = http.User.ToLedgerActor();
        if (!credentials.Revoke(id, actor.User, request.Reason.Trim(), clock.GetUtcNow()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such key", detail: $"There is no active key with id '{id}'.");
        }

        SecurityLog.KeyRevoked(logger, id, actor.User);
        return TypedResults.Ok(KeyView.From(credentials.Find(id)!));
    }
}

/// <summary>A key to issue.</summary>
public sealed record IssueKeyRequest([property: Required] string? Name, [property: Required] string? Role);

/// <summary>Why a key is withdrawn.</summary>
public sealed record RevokeKeyRequest([property: Required] string? Reason);

/// <summary>A key as listed: never its secret.</summary>
public sealed record KeyView(string Id, string Name, string Role, DateTimeOffset IssuedAt, string IssuedBy, bool Active, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static KeyView From(Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new(credential.Id, credential.Name, credential.Role, credential.IssuedAt, credential.IssuedBy, credential.IsActive, credential.RevokedAt, credential.RevokedBy);
    }
}

/// <summary>A newly issued key with its secret, shown once.</summary>
public sealed record IssuedKeyView(KeyView Credential, string Key);
