using Clearance.Core.Screening;
using Clearance.Server.Hosting;
using Clearance.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Screening;

/// <summary>A name to screen, with what else is known of the party, and optionally other settings.</summary>
public sealed record ScreeningRequest(string? Name, string? Country = null, string? Address = null, IReadOnlyList<string>? Identifiers = null, double? Threshold = null, int? MaxHits = null)
{
    public const int MaxNameLength = 300;
    public const int MaxHitsLimit = 50;

    /// <summary>The party and options to screen with, or the errors by field.</summary>
    public (Party? Party, ScreeningOptions? Options, Dictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["is required: the name of the party to screen"];
        }
        else if (Name.Length > MaxNameLength)
        {
            errors["name"] = [$"is {Name.Length} characters long; at most {MaxNameLength} are allowed"];
        }

        string? country = null;
        if (!string.IsNullOrWhiteSpace(Country) && (country = Countries.Code(Country)) is null)
        {
            errors["country"] = [$"'{Country}' is not a country name or ISO 3166 code"];
        }

        if (Address is { Length: > MaxNameLength })
        {
            errors["address"] = [$"is {Address.Length} characters long; at most {MaxNameLength} are allowed"];
        }

        if (Identifiers is { Count: > 20 })
        {
            errors["identifiers"] = ["at most 20 identifiers"];
        }

        if (Threshold is { } threshold && (!double.IsFinite(threshold) || threshold is < 0 or > 1))
        {
            errors["threshold"] = ["must be between 0 and 1"];
        }

        if (MaxHits is < 1 or > MaxHitsLimit)
        {
            errors["maxHits"] = [$"must be between 1 and {MaxHitsLimit}"];
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var party = new Party(Name!.Trim())
        {
            Country = country,
            Address = string.IsNullOrWhiteSpace(Address) ? null : Address.Trim(),
            Identifiers = [.. (Identifiers ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim())],
        };
        var options = ScreeningOptions.Default with
        {
            Threshold = Threshold ?? ScreeningOptions.Default.Threshold,
            MaxHits = MaxHits ?? ScreeningOptions.Default.MaxHits,
        };
        return (party, options, errors);
    }
}

/// <summary>A screening result with the list set it was made against.</summary>
public sealed record ScreeningResponse(Party Party, bool IsHit, IReadOnlyList<ScreeningHit> Hits, string ListSetVersion, string Options, string ListOrigin, string? Warning);

/// <summary>One source list of the set in force.</summary>
public sealed record ListSourceReport(string Name, string Version, IReadOnlyList<string> Files, int Entries, int Warnings);

/// <summary>What a reload of the lists did: whether the lists in force changed, and the lists before and now.</summary>
public sealed record ListsReloadResponse(bool Changed, ListSetReport Before, ListSetReport Now);

/// <summary>The list set in force: its version and hash, where it came from, and each source list with its entry count.</summary>
public sealed record ListSetReport(string Version, string ContentHash, string Origin, string Location, DateTimeOffset? LoadedAt, int Entries, IReadOnlyList<ListSourceReport> Sources, string? Warning);

/// <summary>
/// POST /api/v1/screening (screen a name; viewer or above) and GET /api/v1/lists (the lists in force; open, like the
/// other reference reads).
/// </summary>
public static class ScreeningApi
{
    public const string SampleWarning = "These are the SAMPLE list excerpts shipped with Clearance: old and incomplete. Never screen real parties against them; load current lists with `clearance lists load`.";

    public static RouteGroupBuilder MapScreeningApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        // Screening sends a party's name, which may be a customer's, and answers with list hits: signed-in viewers only.
        api.MapPost("/screening", ScreenName).WithTags("Screening").WithName("ScreenName")
            .RequireAuthorization(ClearancePolicies.Viewer)
            .WithSummary("Screen a party's name (with optional country, address and identifiers) against the lists in force: the top hits with per-token evidence and the list set version.");
        api.MapGet("/lists", (ReferenceData reference) => TypedResults.Ok(Describe(reference.Lists))).WithTags("Screening").WithName("ListsInForce")
            .WithSummary("The restricted-party list set in force: version, SHA-256, origin and entry counts per source list.");
        api.MapPost("/lists/reload", Reload).WithTags("Screening").WithName("ReloadLists")
            .RequireAuthorization(ClearancePolicies.Admin)
            .WithSummary("Read the lists again from where they were read at start (the state directory's active set after `clearance lists load`, or the configured folder) and switch to them without a restart; on any problem the lists in force stay and every problem is listed with file, line and field.");
        return api;
    }

    /// <summary>Screens a validated party; the page and the API share it.</summary>
    public static ScreeningResponse Screen(ScreeningLists lists, ClearanceMetrics metrics, Party party, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(metrics);
        var result = lists.Index.Screen(party, options);
        metrics.RecordScreening(result);
        return new ScreeningResponse(result.Party, result.IsHit, result.Hits, result.ListSetVersion, result.Options, OriginName(lists.Origin), Warning(lists));
    }

    public static ListSetReport Describe(ScreeningLists lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return new ListSetReport(
            lists.Lists.Version, lists.Lists.ContentHash, OriginName(lists.Origin), lists.Location, lists.LoadedAt, lists.Lists.Entries.Count,
            [.. lists.Lists.Sources.Select(s => new ListSourceReport(s.Name, s.Version, s.Files, s.EntryCount, s.Warnings.Count))],
            Warning(lists));
    }

    public static string? Warning(ScreeningLists lists) => lists?.Origin == ListOrigin.Sample ? SampleWarning : null;

    private static Results<Ok<ListsReloadResponse>, ValidationProblem> Reload(ReferenceData reference, HttpContext http, ILogger<ListsInForce> logger)
    {
        var reload = reference.ListsInForce.Reload();
        var by = http.User.ToLedgerActor().User;
        if (!reload.Succeeded)
        {
            ScreeningLog.ReloadRefused(logger, reload.Problems.Count, by);
            return TypedResults.ValidationProblem(ProblemMapping.ToFileErrors(reload.Problems), title: "The lists could not be read; the lists in force stay");
        }

        if (reload.Changed)
        {
            ScreeningLog.Reloaded(logger, reload.Before.Lists.Version, reload.Now.Lists.Version, by);
        }

        return TypedResults.Ok(new ListsReloadResponse(reload.Changed, Describe(reload.Before), Describe(reload.Now)));
    }

    private static Results<Ok<ScreeningResponse>, ValidationProblem> ScreenName(ScreeningRequest request, ReferenceData reference, ClearanceMetrics metrics)
    {
        var (party, options, errors) = request.Validate();
        return party is null ? TypedResults.ValidationProblem(errors, title: "The screening request is not valid") : TypedResults.Ok(Screen(reference.Lists, metrics, party, options!));
    }

    private static string OriginName(ListOrigin origin) => origin switch
    {
        ListOrigin.Configured => "configured",
        ListOrigin.StateDirectory => "state-directory",
        _ => "sample",
    };
}

/// <summary>Log messages about the lists in force: versions and who acted, never a party's name.</summary>
internal static partial class ScreeningLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Lists reloaded by {By}: {Before} -> {Now}")]
    public static partial void Reloaded(ILogger logger, string before, string now, string by);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "A reload of the lists by {By} was refused: {Problems} problem(s); the lists in force stay")]
    public static partial void ReloadRefused(ILogger logger, int problems, string by);
}
