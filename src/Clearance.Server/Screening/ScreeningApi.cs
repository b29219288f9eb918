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
