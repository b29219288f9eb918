using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clearance.Storage.Ledger;
using Microsoft.Extensions.Time.Testing;
using static Clearance.Storage.Tests.Ledger.Scenario;

namespace Clearance.Storage.Tests.Ledger;

/// <summary>
/// Kills the real `clearance ship` process with SIGKILL in the middle of a batch, then re-runs the same batch:
/// no committed shipment may be lost and none may be applied twice. Run on SQLite and on PostgreSQL.
/// </summary>
public abstract class CrashRecoveryContract
{
    private const int Rows = 6_000;
    private const int Chunk = 100;

    protected abstract LedgerDatabase NewDatabase();

    [Fact]
    public void ShipBatch_KilledMidwayAndRerun_AppliesEveryShipmentExactlyOnce()
    {
        // Arrange: a ledger with room for the whole batch, and a CSV of 6,000 one-unit shipments.
        var database = NewDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero));
        var setup = new LedgerStore(database, clock).Append(Setup(licenceUnits: 50_000, poolUnits: 400_000, usUnits: 100_000), Officer);
        Assert.True(setup.Succeeded);
        var file = Path.Combine(Path.GetTempPath(), $"clearance-batch-{Guid.NewGuid():N}.csv");
        var csv = new StringBuilder("key,order,consignee,end_user,destination,product,units,value_usd,licence,date\n");
        for (var i = 0; i < Rows; i++)
        {
            var buyer = Buyers[i % 3];
            csv.Append(CultureInfo.InvariantCulture, $"k{i:00000},order-cn,{buyer},{buyer},CN,{Product},1,30000,{LicenceNumber},2026-02-02\n");
        }

        File.WriteAllText(file, csv.ToString());
        try
        {
            // Act 1: start the batch and SIGKILL the process once a few chunks have committed.
            var (killed, committedBeforeKill) = RunShip(database, file, killAfterChunks: 4);
            var afterKill = new LedgerStore(database, clock).ReadState();
            var shippedAfterKill = afterKill.Shipments.Count - 1;

            // Act 2: run the same batch again to the end.
            var (_, _) = RunShip(database, file, killAfterChunks: null);
            var final = new LedgerStore(database, clock).ReadState();

            // Assert: the kill happened mid-batch; what was reported committed survived; chunks are atomic.
            Assert.True(killed, "the process finished before it could be killed; make the batch larger");
            Assert.InRange(shippedAfterKill, committedBeforeKill, Rows - 1);
            Assert.Equal(0, shippedAfterKill % Chunk);
            Assert.Equal(shippedAfterKill, afterKill.Licences[LicenceNumber].UsedUnits);

            // Every shipment exactly once: 6,000 keys, 6,000 units, one levy accrual each, an intact chain.
            Assert.Equal(Rows, final.Shipments.Count - 1);
            Assert.Equal(Rows, final.Licences[LicenceNumber].UsedUnits);
            Assert.Equal(Rows, final.QuotaPools[Pool].UsedUnits);
            Assert.Equal(Rows, final.Levies.Count);
            var store = new LedgerStore(database, clock);
            Assert.True(store.VerifyAudit().Intact);
            Assert.Empty(store.CheckProjection());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs `clearance ship FILE --chunk N`, optionally killing it after some chunks have been reported committed.</summary>
    private static (bool Killed, int Committed) RunShip(LedgerDatabase database, string file, int? killAfterChunks)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "clearance.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { program, "ship", file, "--chunk", Chunk.ToString(CultureInfo.InvariantCulture), "--db", database.ConnectionString, "--actor", "crash-test" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var chunks = 0;
        var killed = false;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("committed lines", StringComparison.Ordinal))
            {
                chunks++;
            }

            if (killAfterChunks is { } limit && chunks >= limit)
            {
                process.Kill(); // SIGKILL on Unix: no finally blocks, no flush, no rollback by the program.
                killed = true;
                break;
            }
        }

        process.WaitForExit();
        if (!killed)
        {
            Assert.True(process.ExitCode == 0, $"clearance ship exited with {process.ExitCode}: {stderr.Result}");
        }

        return (killed, chunks * Chunk);
    }
}

public sealed class SqliteCrashRecoveryTests : CrashRecoveryContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("clearance-crash-");

    protected override LedgerDatabase NewDatabase() => LedgerDatabase.Parse(Path.Combine(_folder.FullName, "ledger.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

[Collection(PostgresServers.Name)]
public sealed class PostgresCrashRecoveryTests(PostgresFixture postgres) : CrashRecoveryContract
{
    protected override LedgerDatabase NewDatabase() => LedgerDatabase.Parse(postgres.Server.CreateDatabase("crash"));
}
