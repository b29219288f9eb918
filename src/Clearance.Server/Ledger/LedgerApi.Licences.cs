using System.Security.Claims;
using Clearance.Server.Hosting;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Ledger;

public static partial class LedgerApi
{
    private static void MapLicencesApi(this RouteGroupBuilder api)
    {
        var licences = api.LedgerGroup("/licences", "Licences");
        licences.MapGet("/", ListLicences).WithName("ListLicences")
            .WithSummary("Licences with authorised, reserved, used and available units and value; filter by product.");
        licences.MapGet("/{number}", GetLicence).WithName("GetLicence").WithSummary("One licence and its balances.");
        licences.MapPost("/", GrantLicence).WithName("GrantLicence").Accepts<LicenceRequest>("application/json").Write(ClearancePolicies.Officer)
            .WithSummary("Record a licence granted: jurisdiction, number, parties, products, authorised units and value, validity, conditions.");
    }

    private static Results<Ok<Page<LicenceView>>, ValidationProblem> ListLicences(LedgerStore store, ReferenceData reference, string? product, int? page, int? pageSize)
    {
        if (BadPage(page, pageSize) is { } bad)
        {
            return bad;
        }

        var wanted = product is null ? null : Products(reference)(product);
        var rows = store.ReadState().Licences.Values
            .Where(l => wanted is null || l.Grant.Products.Contains(wanted))
            .OrderBy(l => l.Number, StringComparer.Ordinal)
            .Select(LicenceView.Of)
            .ToList();
        return TypedResults.Ok(Paging.Take(rows, page, pageSize));
    }

    private static Results<Ok<LicenceView>, ProblemHttpResult> GetLicence(LedgerStore store, string number) =>
        store.ReadState().Licences.TryGetValue(number, out var licence) ? TypedResults.Ok(LicenceView.Of(licence)) : NotFound($"no licence has the number '{number}'");

    private static Task<Results<Created<LicenceView>, Ok<LicenceView>, ValidationProblem, ProblemHttpResult>> GrantLicence(HttpRequest request, LedgerStore store, ReferenceData reference, ClaimsPrincipal user) =>
        Record<LicenceRequest, Core.Ledger.GrantLicence, LicenceView>(
            request, store, user,
            (body, errors) => body.ToCommand(Products(reference), errors),
            (command, state) => LicenceView.Of(state.Licences[command.Licence.Number]),
            view => $"/api/v1/licences/{Uri.EscapeDataString(view.Number)}");

    private static void MapQuotasApi(this RouteGroupBuilder api)
    {
        var quotas = api.LedgerGroup("/quotas", "Quotas");
        quotas.MapGet("/", (LedgerStore store) =>
        {
            var state = store.ReadState();
            return TypedResults.Ok(new QuotasView(
                [.. state.QuotaPools.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(QuotaPoolView.Of)],
                [.. state.VolumeCaps.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Select(VolumeCapView.Of)]));
        }).WithName("ListQuotas").WithSummary("Every import quota pool and volume cap, with what is reserved, used and left.");
        quotas.MapPost("/pools", OpenPool).WithName("OpenQuotaPool").Accepts<QuotaPoolRequest>("application/json").Write(ClearancePolicies.Officer)
            .WithSummary("Open an import quota pool shared by named buyers (no per-buyer split unless one is published).");
        quotas.MapPost("/caps", SetCap).WithName("SetVolumeCap").Accepts<VolumeCapRequest>("application/json").Write(ClearancePolicies.Officer)
            .WithSummary("Set a volume cap: capped destinations may take at most a percentage of the units recorded as shipped for base-country end use.");
    }

    private static Task<Results<Created<QuotaPoolView>, Ok<QuotaPoolView>, ValidationProblem, ProblemHttpResult>> OpenPool(HttpRequest request, LedgerStore store, ReferenceData reference, ClaimsPrincipal user) =>
        Record<QuotaPoolRequest, Core.Ledger.OpenQuotaPool, QuotaPoolView>(
            request, store, user,
            (body, errors) => body.ToCommand(Products(reference), errors),
            (command, state) => QuotaPoolView.Of(state.QuotaPools[command.Pool.PoolId]),
            _ => "/api/v1/quotas");

    private static Task<Results<Created<VolumeCapView>, Ok<VolumeCapView>, ValidationProblem, ProblemHttpResult>> SetCap(HttpRequest request, LedgerStore store, ReferenceData reference, ClaimsPrincipal user) =>
        Record<VolumeCapRequest, Core.Ledger.SetVolumeCap, VolumeCapView>(
            request, store, user,
            (body, errors) => body.ToCommand(Products(reference), errors),
            (command, state) => VolumeCapView.Of(state.VolumeCaps[command.Cap.CapId]),
            _ => "/api/v1/quotas");
}
