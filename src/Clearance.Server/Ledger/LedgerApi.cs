using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Clearance.Core.Ledger;
using Clearance.Core.Parsing;
using Clearance.Server.Hosting;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Ledger;

/// <summary>
/// The trade ledger over HTTP: parties and their approval, licences, quota pools and volume caps, orders and their
/// decisions, shipments, levies and the audit log. Every write is one <see cref="LedgerStore.Append(IReadOnlyList{LedgerCommand}, LedgerActor)"/>
/// by the signed-in caller (principal.ToLedgerActor()); a refusal names each field (422 when the request is wrong whatever the ledger holds,
/// 409 when it conflicts with what the ledger holds).
/// </summary>
public static partial class LedgerApi
{
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
    };

    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPartiesApi();
        api.MapLicencesApi();
        api.MapQuotasApi();
        api.MapOrdersApi();
        api.MapShipmentsApi();
        api.MapLeviesApi();
        api.MapAuditApi();
        return api;
    }

    /// <summary>Lower-case kebab words for enum values in responses: EndUser → end-user.</summary>
    public static string Kebab(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
    }

    // ── shared by every route group ──────────────────────────────────────────────────────────────────────────────

    /// <summary>A route group of the ledger: every endpoint in it needs at least a viewer.</summary>
    internal static RouteGroupBuilder LedgerGroup(this RouteGroupBuilder api, string prefix, string tag)
    {
        var group = api.MapGroup(prefix).WithTags(tag);
        group.RequireAuthorization(ClearancePolicies.Viewer);
        return group;
    }

    /// <summary>The least role that may call an endpoint, beyond the viewer every ledger endpoint needs.</summary>
    internal static RouteHandlerBuilder Needs(this RouteHandlerBuilder endpoint, string policy) => endpoint.RequireAuthorization(policy);

    /// <summary>A write: the least role it needs, and the refusals it can answer with.</summary>
    internal static RouteHandlerBuilder Write(this RouteHandlerBuilder endpoint, string policy) =>
        endpoint.Needs(policy).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>A catalog id for a chip name the catalog knows (H200 → nvidia-h200-sxm); other text is kept as given.</summary>
    internal static Func<string, string> Products(ReferenceData reference) => text => reference.Catalog.Find(text)?.Id ?? text;

    /// <summary>Reads a JSON body; malformed JSON, a wrong type or an unknown field is a 400 naming the field, line and column.</summary>
    internal static async Task<(T? Value, ValidationProblem? Problem)> ReadBody<T>(HttpRequest request, bool optional = false)
        where T : class
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text) || (optional && text.Trim() == "null"))
        {
            return optional && JsonSerializer.Deserialize<T>("{}", RequestJson) is { } empty
                ? (empty, null)
                : (null, TypedResults.ValidationProblem(Errors("body", "a JSON object is required"), title: "The request body is missing"));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, RequestJson) is { } value
                ? (value, null)
                : (null, TypedResults.ValidationProblem(Errors("body", "a JSON object is required, not null"), title: "The request body is not valid"));
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            var what = e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown field" + UnknownMember(e.Message)
                : e.InnerException is FormatException or InvalidOperationException || e.Message.Contains("could not be converted", StringComparison.Ordinal) ? "has the wrong type or format (dates are YYYY-MM-DD, amounts and units plain numbers)"
                : "is not valid JSON";
            var where = string.Create(CultureInfo.InvariantCulture, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: ");
            return (null, TypedResults.ValidationProblem(Errors(field, where + what), title: "The request body is not valid"));
        }
    }

    private static string UnknownMember(string message) =>
        message.IndexOf('\'', StringComparison.Ordinal) is var start and >= 0 && message.IndexOf('\'', start + 1) is var end and > 0 ? $" '{message[(start + 1)..end]}'" : "";

    internal static Dictionary<string, string[]> Errors(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };

    internal static ValidationProblem Invalid(RequestErrors errors) => TypedResults.ValidationProblem(errors.Errors, title: "The request is missing required fields");

    internal static ProblemHttpResult NotFound(string what) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    /// <summary>
    /// A create endpoint's whole path: read the body, turn it into one command (field errors → 400), append it as the
    /// caller (refusals → 409/422), and answer 201 with the new record, or 200 when the same thing was already recorded.
    /// </summary>
    internal static async Task<Results<Created<TView>, Ok<TView>, ValidationProblem, ProblemHttpResult>> Record<TBody, TCommand, TView>(
        HttpRequest request, LedgerStore store, ClaimsPrincipal user, Func<TBody, RequestErrors, TCommand?> toCommand, Func<TCommand, LedgerState, TView> view, Func<TView, string> location)
        where TBody : class
        where TCommand : LedgerCommand
    {
        var (body, bad) = await ReadBody<TBody>(request);
        if (body is null)
        {
            return bad!;
        }

        var errors = new RequestErrors();
        if (toCommand(body, errors) is not { } command)
        {
            return Invalid(errors);
        }

        var (result, refusal) = Append(store, user, command);
        if (result is null)
        {
            return refusal!;
        }

        var recorded = view(command, result.Outcome.State);
        return result.EventsWritten > 0 ? TypedResults.Created(location(recorded), recorded) : TypedResults.Ok(recorded);
    }

    /// <summary>
    /// Appends commands as the caller. Refused: 422 when every problem would be found whatever the ledger holds
    /// (a negative quantity, an unknown party), otherwise 409 (over-depletion, an expired licence, a reused key).
    /// </summary>
    internal static (AppendResult? Result, ProblemHttpResult? Refusal) Append(LedgerStore store, ClaimsPrincipal user, params LedgerCommand[] commands)
    {
        var result = store.Append(commands, user.ToLedgerActor());
        if (result.Succeeded)
        {
            return (result, null);
        }

        var problems = result.Outcome.Problems;
        var regardless = TradeLedger.Decide(LedgerState.Empty, commands).Problems;
        var status = problems.All(regardless.Contains) ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        return (null, Refused(problems, status));
    }

    internal static ProblemHttpResult Refused(IEnumerable<Problem> problems, int status)
    {
        var errors = problems
            .GroupBy(p => string.IsNullOrEmpty(p.Field) ? "body" : FieldNames.Json(p.Field), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Title = status == StatusCodes.Status409Conflict ? "The ledger refused the change: it conflicts with what is recorded" : "The ledger refused the change: the request is not valid",
            Detail = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        });
    }

    /// <summary>Checks page and page size; the same rules as every other list of the API.</summary>
    internal static ValidationProblem? BadPage(int? page, int? pageSize) =>
        Paging.Validate(page, pageSize) is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors) : null;

    internal static bool TryStatus<TEnum>(string? text, out TEnum? status)
        where TEnum : struct, Enum
    {
        status = null;
        if (text is null)
        {
            return true;
        }

        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Kebab(value), text, StringComparison.OrdinalIgnoreCase))
            {
                status = value;
                return true;
            }
        }

        return false;
    }

    internal static ValidationProblem BadStatus<TEnum>(string? text)
        where TEnum : struct, Enum =>
        TypedResults.ValidationProblem(Errors("status", $"'{text}' is not a status; use one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(v => Kebab(v)))}"));
}
