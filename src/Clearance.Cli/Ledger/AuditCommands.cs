using System.CommandLine;

namespace Clearance.Cli.Ledger;

/// <summary>`clearance audit verify`: proves the SHA-256 chain intact or names the first broken link.</summary>
internal static class AuditCommands
{
    public static Command Create(CliContext context)
    {
        var (audit, cli) = LedgerCli.Group(context, "audit", "The append-only audit log.");
        var verify = new Command("verify", "Check every link of the audit chain and that the current-state tables match it.");
        verify.SetAction(parse => cli.Run(parse, (store, _) =>
        {
            var report = store.VerifyAudit();
            if (!report.Intact)
            {
                context.Error.WriteLine($"error: {store.Database.Describe()}: the audit chain is broken at row {report.FirstBrokenSeq}: {report.Problem}");
                context.Error.WriteLine($"  {report.RowsChecked} row(s) before it are intact.");
                return LedgerCli.StorageError;
            }

            var differences = store.CheckProjection();
            if (differences.Count > 0)
            {
                context.Error.WriteLine($"error: the audit chain is intact ({report.RowsChecked} rows) but the current-state tables differ from it:");
                foreach (var difference in differences)
                {
                    context.Error.WriteLine($"  {difference}");
                }

                return LedgerCli.StorageError;
            }

            context.Out.WriteLine($"{store.Database.Describe()}: audit chain intact, {report.RowsChecked} row(s); current-state tables match.");
            return 0;
        }));
        audit.Subcommands.Add(verify);
        return audit;
    }
}
