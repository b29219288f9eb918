using Clearance.Core.Ledger;
using Clearance.Server.Hosting;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearance.Server.Ledger;

public static partial class LedgerApi
{
    private static void MapLeviesApi(this RouteGroupBuilder api)
    {
        var levies = api.LedgerGroup("/levies", "Levies");
        levies.MapGet("/", ListLevies).WithName("ListLevies")
            .WithSummary("Levies and duties accrued per recorded shipment (negative for a reversal), in order; filter by period (2026-Q1) and shipment.");
        levies.MapGet("/statement", Statement).WithName("RemittanceStatement")
            .WithSummary("The remittance statement for a quarter: each payee's total of each levy or duty, net of reversals booked in it.");
    }

    private static Results<Ok<Page<LevyAccrualView>>, ValidationProblem> ListLevies(LedgerStore store, string? period, string? shipment, int? page, int? pageSize)
    {
        if (BadPage(page, pageSize) is { } bad)
        {
            return bad;
        }

        var quarter = RemittancePeriod.Parse(period);
        if (period is not null && quarter is null)
        {
            return BadPeriod(period);
        }

        var rows = store.ReadState().Levies
            .Where(l => (quarter is null || l.Period == quarter) && (shipment is null || l.ShipmentKey == shipment))
            .Select(LevyAccrualView.Of)
            .ToList();
        return TypedResults.Ok(Paging.Take(rows, page, pageSize));
    }

    private static Results<Ok<StatementView>, ValidationProblem> Statement(LedgerStore store, string? period) =>
        RemittancePeriod.Parse(period) is { } quarter
            ? TypedResults.Ok(StatementView.Of(RemittanceStatement.For(quarter, store.ReadState().Levies)))
            : BadPeriod(period);

    private static ValidationProblem BadPeriod(string? period) =>
        TypedResults.ValidationProblem(Errors("period", period is null ? "is required: a quarter such as 2026-Q1" : $"'{period}' is not a quarter; write YYYY-Qn, e.g. 2026-Q1"));

    private static void MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.LedgerGroup("/audit", "Audit");
        audit.MapGet("/", AuditLog).WithName("AuditLog").Needs(ClearancePolicies.Officer)
            .WithSummary("The append-only audit log, oldest first: who did what and when, each row chained to the one before by SHA-256.");
        audit.MapGet("/verify", (LedgerStore store) =>
        {
            var report = store.VerifyAudit();
            var differences = report.Intact ? store.CheckProjection() : [];
            return TypedResults.Ok(new AuditVerification(report.Intact && differences.Count == 0, report.RowsChecked, report.FirstBrokenSeq, report.Problem, differences, store.Database.Describe()));
        }).WithName("VerifyAudit").WithSummary("Check every link of the audit chain and that the current-state tables match the log; names the first broken row.");
    }

    private static Results<Ok<Page<AuditEntry>>, ValidationProblem> AuditLog(LedgerStore store, int? page, int? pageSize)
    {
        if (BadPage(page, pageSize) is { } bad)
        {
            return bad;
        }

        // Sequence numbers run 1, 2, 3… without gaps, so page n is the rows after (n − 1) × size: only they are read.
        var number = page ?? 1;
        var size = pageSize ?? Paging.DefaultSize;
        var (rows, total) = store.ReadAuditPage((long)(number - 1) * size, size);
        return TypedResults.Ok(new Page<AuditEntry>([.. rows.Select(AuditEntry.Of)], number, size, (int)Math.Min(total, int.MaxValue)));
    }
}
