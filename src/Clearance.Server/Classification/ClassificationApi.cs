using System.Globalization;
using System.Text;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Server.Catalog;
using Clearance.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Clearance.Core.Parsing;

namespace Clearance.Server.Classification;

/// <summary>Export classification of a catalog chip or of a posted spec, on any date, with the reasons.</summary>
public static class ClassificationApi
{
    public static RouteGroupBuilder MapClassificationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/classifications").WithTags("Classification");
        group.MapGet("/{chip}", ForChip).WithName("ClassifyChip")
            .WithSummary("Classify a catalog chip under the rules in force on asOf (default today, UTC).");
        group.MapPost("/", ForSpec).WithName("ClassifySpec")
            .WithSummary("Classify a chip described in the body (JSON or YAML, the spec-file format).")
            .Accepts<string>("application/json", "application/yaml", "text/yaml");
        return api;
    }

    private static Results<Ok<ClassificationReport>, ProblemHttpResult, ValidationProblem> ForChip(ReferenceData reference, TimeProvider clock, string chip, string? asOf)
    {
        if (ParseDate(asOf, clock) is not { } date)
        {
            return BadDate(asOf);
        }

        if (reference.Catalog.Find(chip) is not { } accelerator)
        {
            return CatalogApi.UnknownChip(reference.Catalog, chip);
        }

        return TypedResults.Ok(ClassificationReport.From(accelerator, date, reference.Classify(accelerator, date)));
    }

    private static async Task<Results<Ok<ClassificationReport>, ValidationProblem>> ForSpec(HttpRequest request, ReferenceData reference, TimeProvider clock, string? asOf)
    {
        if (ParseDate(asOf, clock) is not { } date)
        {
            return BadDate(asOf);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var spec = CatalogParser.ParseSpec(new SourceText("body", text));
        if (!spec.Succeeded)
        {
            return TypedResults.ValidationProblem(ProblemMapping.ToErrors(spec.Problems), title: "The chip spec is not valid");
        }

        return TypedResults.Ok(ClassificationReport.From(spec.Value, date, reference.Classify(spec.Value, date)));
    }

    internal static DateOnly? ParseDate(string? text, TimeProvider clock) =>
        text is null
            ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>What a date field that <see cref="ParseDate"/> refused says, in the API and on the pages.</summary>
    internal static string NotADate(string? text) => $"'{text}' is not a date; write YYYY-MM-DD";

    private static ValidationProblem BadDate(string? text) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["asOf"] = [NotADate(text)] });
}
