using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Catalog;

/// <summary>GET /api/v1/catalog and /api/v1/catalog/{chip}: the accelerator catalog with every figure's source.</summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/catalog").WithTags("Catalog");
        group.MapGet("/", List).WithName("ListAccelerators").WithSummary("List accelerators, optionally of one vendor, a page at a time.");
        group.MapGet("/{chip}", Get).WithName("GetAccelerator").WithSummary("One accelerator by id, name or alias, with every figure's source.");
        return api;
    }

    private static Results<Ok<Page<AcceleratorReport>>, ValidationProblem> List(ReferenceData reference, string? vendor, int? page, int? pageSize)
    {
        var errors = Paging.Validate(page, pageSize);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var chips = reference.Catalog.Accelerators
            .Where(a => vendor is null || a.Vendor.Equals(vendor, StringComparison.OrdinalIgnoreCase))
            .Select(a => AcceleratorReport.From(a, PerformanceFigures.Of(a)))
            .ToList();
        return TypedResults.Ok(Paging.Take(chips, page, pageSize));
    }

    private static Results<Ok<AcceleratorReport>, ProblemHttpResult> Get(ReferenceData reference, string chip)
    {
        if (reference.Catalog.Find(chip) is not { } accelerator)
        {
            return UnknownChip(reference.Catalog, chip);
        }

        return TypedResults.Ok(AcceleratorReport.From(accelerator, PerformanceFigures.Of(accelerator), reference.Catalog));
    }

    /// <summary>404 with "did you mean" suggestions in the problem's extensions.</summary>
    internal static ProblemHttpResult UnknownChip(AcceleratorCatalog catalog, string chip)
    {
        var suggestions = catalog.Suggest(chip);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown chip",
            detail: suggestions.Count > 0 ? $"'{chip}' is not in the catalog. Did you mean: {string.Join(", ", suggestions)}?" : $"'{chip}' is not in the catalog.",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["suggestions"] = suggestions });
    }
}
