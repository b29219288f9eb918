using Clearance.Core.Policy;
using Clearance.Server.Classification;
using Clearance.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Policy;

/// <summary>
/// Evaluation, what-if and the policy packs over HTTP: POST /evaluate and /whatif, GET /policy/packs[/{id}] and
/// /policy/timeline. Every answer names the pack versions it used.
/// </summary>
public static class PolicyApi
{
    public static RouteGroupBuilder MapPolicyApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/evaluate", Evaluate).WithTags("Policy").WithName("Evaluate")
            .WithSummary("Decide one order (a JSON object) or an order book (a JSON array, or CSV with a header row) under the policy packs.")
            .WithDescription("asOf decides every order under the rules in force on that date; without it each order is decided on its own order_date. A single order gets its decision with the rules that bear on it (fired, undetermined, superseded), or with explain=true every rule considered and each test with the values it saw; a book gets one summary per order and the rejected rows with line and field.")
            .Accepts<string>("application/json", "text/csv");
        api.MapPost("/whatif", WhatIfCompare).WithTags("Policy").WithName("WhatIf")
            .WithSummary("Decide an order book twice, under two dates (asOf, thenAsOf) or two pack sets (packs, thenPacks: comma-separated pack ids), and show what changes and why.")
            .Accepts<string>("application/json", "text/csv");

        var policy = api.MapGroup("/policy").WithTags("Policy");
        policy.MapGet("/packs", (ReferenceData reference) => TypedResults.Ok<IReadOnlyList<PackSummary>>([.. reference.Policy.Packs.Select(PackSummary.Of)]))
            .WithName("ListPolicyPacks").WithSummary("The policy packs in force: jurisdiction, instrument, version, SHA-256 and rule count.");
        policy.MapGet("/packs/{id}", Pack).WithName("GetPolicyPack")
            .WithSummary("One pack with every rule: effective dates, condition, outcome, obligations, confidence and citations.");
        policy.MapGet("/timeline", Timeline).WithName("PolicyTimeline")
            .WithSummary("The rules in force on a date (on, default today), or what changed between two dates (from and to).");
        return api;
    }

    private static async Task<Results<JsonOk<DecisionReport>, JsonOk<BatchReport>, ValidationProblem>> Evaluate(HttpRequest request, ReferenceData reference, ClearanceMetrics metrics, TimeProvider clock, string? asOf, bool? explain)
    {
        DateOnly? date = null;
        if (asOf is not null)
        {
            if (ClassificationApi.ParseDate(asOf, clock) is not { } parsed)
            {
                return BadDate("asOf", asOf);
            }

            date = parsed;
        }

        var library = reference.Policy;
        var input = await OrderInput.ReadAsync(request, library.Catalog);
        if (!input.Succeeded)
        {
            return TypedResults.ValidationProblem(ProblemMapping.ToErrors(input.Problems), title: "The orders could not be read; nothing was evaluated");
        }

        if (input.Value.IsSingleOrder)
        {
            var row = input.Value.Rows[0];
            if (row.Order is not { } order)
            {
                return TypedResults.ValidationProblem(ProblemMapping.ToErrors(row.Problems), title: "The order is not valid");
            }

            var explained = explain ?? false;
            var decision = PolicyEvaluator.Evaluate(order, date ?? order.OrderDate, library, explained);
            metrics.RecordDecision(decision.Verdict);
            return new JsonOk<DecisionReport>(() => DecisionReport.Of(decision, everyRule: explained), PolicyJson.Default.DecisionReport, writer => DecisionReportWriter.Write(writer, decision, explained));
        }

        var book = BookDecisions.Decide(input.Value.Rows, date, library, metrics);
        var decisions = book.Decisions.Select(d => DecisionSummary.Of(d.Line, d.Decision)).ToList();
        var rejected = book.Rejected.Select(RejectedRow.Of).ToList();
        return new JsonOk<BatchReport>(new BatchReport(Versions(library), decisions, rejected, new BatchSummary(decisions.Count + rejected.Count, decisions.Count, rejected.Count)), PolicyJson.Default.BatchReport);
    }

    private static async Task<Results<Ok<WhatIfResponse>, ValidationProblem>> WhatIfCompare(HttpRequest request, ReferenceData reference, TimeProvider clock, string? asOf, string? thenAsOf, string? packs, string? thenPacks)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var before = OptionalDate("asOf", asOf, clock, errors);
        var after = OptionalDate("thenAsOf", thenAsOf, clock, errors);
        var left = Subset("packs", packs, reference.Policy, errors);
        var right = Subset("thenPacks", thenPacks, reference.Policy, errors);
        if (thenAsOf is null && thenPacks is null)
        {
            errors["thenAsOf"] = ["give a second date (thenAsOf) or a second pack set (thenPacks) to compare against"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var input = await OrderInput.ReadAsync(request, reference.Policy.Catalog);
        if (!input.Succeeded)
        {
            return TypedResults.ValidationProblem(ProblemMapping.ToErrors(input.Problems), title: "The orders could not be read; nothing was compared");
        }

        var orders = input.Value.Rows.Where(r => r.Accepted).Select(r => r.Order!).ToList();
        var rejected = input.Value.Rows.Where(r => !r.Accepted).Select(RejectedRow.Of).ToList();
        var beforeSide = new WhatIfSide(Label(before, packs), left!, before);
        var afterSide = new WhatIfSide(Label(after ?? before, thenPacks ?? packs), right!, after ?? before);
        var report = WhatIf.Compare(orders, beforeSide, afterSide);
        return TypedResults.Ok(WhatIfResponse.Of(report, rejected));
    }

    private static Results<Ok<PackReport>, ProblemHttpResult> Pack(ReferenceData reference, string id)
    {
        var pack = reference.Policy.Packs.FirstOrDefault(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
        return pack is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No policy pack '{id}'", detail: $"The packs in force are: {string.Join(", ", reference.Policy.Packs.Select(p => p.Id))}.")
            : TypedResults.Ok(PackReport.Of(pack));
    }

    private static Results<Ok<TimelineResponse>, ValidationProblem> Timeline(ReferenceData reference, TimeProvider clock, string? on, string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var onDate = OptionalDate("on", on, clock, errors);
        var fromDate = OptionalDate("from", from, clock, errors);
        var toDate = OptionalDate("to", to, clock, errors);
        if (on is not null && (from is not null || to is not null))
        {
            errors["on"] = ["give either on (the rules in force on a date) or from and to (what changed between two dates), not both"];
        }
        else if ((from is null) != (to is null))
        {
            errors[from is null ? "from" : "to"] = ["from and to go together"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var packs = reference.Policy.Packs;
        if (fromDate is { } start && toDate is { } end)
        {
            return TypedResults.Ok(TimelineResponse.Of(PolicyTimeline.Between(packs, start, end)));
        }

        var date = onDate ?? ClassificationApi.ParseDate(null, clock)!.Value;
        return TypedResults.Ok(TimelineResponse.InForceOn(date, PolicyTimeline.InForce(packs, date)));
    }

    internal static IReadOnlyList<PackVersionReport> Versions(PolicyLibrary library) =>
        [.. library.Versions.Select(v => new PackVersionReport(v.Id, v.Version, v.Sha256))];

    private static DateOnly? OptionalDate(string field, string? text, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (ClassificationApi.ParseDate(text, clock) is { } date)
        {
            return date;
        }

        errors[field] = [ClassificationApi.NotADate(text)];
        return null;
    }

    /// <summary>The library of the named packs (comma-separated ids), or of every pack when none are named.</summary>
    private static PolicyLibrary? Subset(string field, string? ids, PolicyLibrary library, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(ids))
        {
            return library;
        }

        var wanted = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (UnknownPacks(wanted, library) is { } problem)
        {
            errors[field] = [problem];
            return null;
        }

        return Only(library, wanted);
    }

    /// <summary>What is wrong with a choice of packs by id (ignoring case): the ids no pack has, and the ids there are; null when every id names a pack.</summary>
    internal static string? UnknownPacks(IEnumerable<string> ids, PolicyLibrary library)
    {
        var unknown = ids.Where(id => !library.Packs.Any(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase))).ToList();
        return unknown.Count == 0 ? null : $"no pack {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the packs are: {string.Join(", ", library.Packs.Select(p => p.Id))}";
    }

    /// <summary>The library of the named packs only (ids compared ignoring case), for one side of a what-if.</summary>
    internal static PolicyLibrary Only(PolicyLibrary library, IReadOnlyCollection<string> ids) =>
        new(library.Packs.Where(p => ids.Contains(p.Id, StringComparer.OrdinalIgnoreCase)), library.Catalog, library.Classification);

    /// <summary>How a what-if names one side: its date and its packs.</summary>
    internal static string Label(DateOnly? date, string? packs) =>
        (date is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "each order's date") + " · " + (string.IsNullOrWhiteSpace(packs) ? "every pack" : "packs " + packs);

    private static ValidationProblem BadDate(string field, string text) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [ClassificationApi.NotADate(text)] });
}
