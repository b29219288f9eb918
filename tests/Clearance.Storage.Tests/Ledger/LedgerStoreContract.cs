using System.Data.Common;
using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Microsoft.Extensions.Time.Testing;
using static Clearance.Storage.Tests.Ledger.Scenario;

namespace Clearance.Storage.Tests.Ledger;

/// <summary>
/// The one storage test suite: every guarantee of the ledger store, run against a real SQLite file and a real
/// PostgreSQL server by the two subclasses below.
/// </summary>
public abstract class LedgerStoreContract
{
    protected static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero));

    protected abstract LedgerDatabase NewDatabase();

    /// <summary>Runs raw SQL against the database behind the store, as an attacker or a careless admin would.</summary>
    protected abstract DbConnection Connect(LedgerDatabase database);

    private LedgerStore NewStore(out LedgerDatabase database, long licenceUnits = 10_000, long poolUnits = 400_000, long usUnits = 100_000)
    {
        database = NewDatabase();
        var store = new LedgerStore(database, Clock);
        var setup = store.Append(Setup(licenceUnits, poolUnits, usUnits), Officer);
        Assert.True(setup.Succeeded, string.Join("\n", setup.Outcome.Problems));
        return store;
    }

    [Fact]
    public void Migrate_OnAFreshDatabase_AppliesEveryVersionOnceAndThenNothing()
    {
        var store = new LedgerStore(NewDatabase(), Clock);

        var first = store.Migrate();
        var second = new LedgerStore(store.Database, Clock).Migrate();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
    }

    [Fact]
    public void Append_ThenReadFromAnotherStore_GivesTheSameBalancesAndMatchingTables()
    {
        var store = NewStore(out var database);

        store.Append(Officer, ToChina("s-1", 1_000), ToChina("s-2", 500, "tencent"));
        var fresh = new LedgerStore(database, Clock).ReadState();

        Assert.Equal(1_500, fresh.Licences[LicenceNumber].UsedUnits);
        Assert.Equal(1_500, fresh.QuotaPools[Pool].UsedUnits);
        Assert.Equal(1_500, fresh.VolumeCaps[Cap].UsedUnits);
        Assert.Equal(375_000m * 30, fresh.Levies.Sum(l => l.AmountUsd));
        Assert.Empty(new LedgerStore(database, Clock).CheckProjection());
    }

    [Fact]
    public void Append_SameBatchTwice_WritesItsRowsOnce()
    {
        var store = NewStore(out _);
        LedgerCommand[] batch = [ToChina("s-1", 10), ToChina("s-2", 20)];

        var first = store.Append(batch, Officer);
        var again = store.Append(batch, Officer);

        Assert.True(first.EventsWritten > 0);
        Assert.Equal(0, again.EventsWritten);
        Assert.Equal(2, again.Outcome.AlreadyRecorded);
        Assert.Equal(30, store.ReadState().Licences[LicenceNumber].UsedUnits);
    }

    [Fact]
    public void Append_ABatchOfManyChunksAndARemainder_WritesEveryRowChainedAndProjected()
    {
        var store = NewStore(out var database);
        LedgerCommand[] batch = [.. Enumerable.Range(0, 150).Select(i => ToChina($"s-{i}", 2))];

        var result = store.Append(batch, Officer);
        var fresh = new LedgerStore(database, Clock);

        Assert.True(result.Succeeded, string.Join("\n", result.Outcome.Problems));
        Assert.Equal(450, result.EventsWritten);
        Assert.Equal(300, fresh.ReadState().Licences[LicenceNumber].UsedUnits);
        Assert.Equal(150, fresh.ReadState().Levies.Count);
        Assert.True(fresh.VerifyAudit().Intact);
        Assert.Empty(fresh.CheckProjection());
    }

    [Fact]
    public void DecisionAndScreeningDetails_SurviveTheLog_AndRecordingTheDecisionAgainChangesNothing()
    {
        var store = NewStore(out var database);
        var decision = new OrderDecision("order-evaluated", "licence-required/case-by-case", Day, [new PackVersionRef("us-ear-advanced-computing", "2026.1") { Sha256 = "b2f18449a713" }], [new LevyObligation(LevyKind.Duty, "US Customs and Border Protection", 25m, "us-section-232@2026.1 s232-window-1")])
        {
            Jurisdictions = [new JurisdictionVerdictRef("CN", "licence-required/approval", "cn-h200-approved-buyers"), new JurisdictionVerdictRef("US", "licence-required/case-by-case", "ear-h200-case-by-case")],
            Obligations = [new ObligationRef("duty", "Section 232 duty", 25m, 60_000.00m, "USD", "US Customs and Border Protection", "us-section-232@2026.1", "s232-window-1")],
            Product = Product,
            Destination = "CN",
        };
        var screening = new ScreeningOutcome(true, "0123456789ab", "BYTEDANCE LTD (SDN 9001, score 0.950)") { Hits = [new ScreenedHit("9001", "SDN", "BYTEDANCE LTD", "BYTEDANCE LTD", 0.95)], Options = "threshold=0.75" };

        Assert.True(store.Append(Officer, new RecordDecision(decision), new RecordScreening("alibaba", screening, Day)).Succeeded);
        var other = new LedgerStore(database, Clock);
        var again = other.Append(Officer, new RecordDecision(decision));
        var state = other.ReadState();

        Assert.True(state.Orders["order-evaluated"].SameAs(decision));
        Assert.Equal([.. screening.Hits], state.Parties["alibaba"].LastScreening!.Hits.ToArray());
        Assert.Equal(PartyStatus.Suspended, state.Parties["alibaba"].Status);
        Assert.True(again.Succeeded);
        Assert.Equal(1, again.Outcome.AlreadyRecorded);
    }

    [Fact]
    public void Append_RecordsTheActingUserAndRoleOnEveryRow()
    {
        var store = NewStore(out _);

        store.Append(new LedgerActor("m.chen", "export-officer"), ToChina("s-1", 10));

        var rows = store.ReadAuditLog();
        Assert.All(rows.Where(r => r.Payload.Contains("\"s-1\"", StringComparison.Ordinal)), r => Assert.Equal(("m.chen", "export-officer"), (r.Actor, r.Role)));
        Assert.Equal(AuditChain.Genesis, rows[0].PreviousHash);
    }

    [Fact]
    public void ReadAuditPage_GivesTheRowsAfterASequenceNumberAndHowManyTheLogHolds()
    {
        var store = NewStore(out _);
        store.Append(Officer, ToChina("s-1", 10), ToChina("s-2", 20), ToChina("s-3", 30));
        var all = store.ReadAuditLog();

        var (first, total) = store.ReadAuditPage(0, 2);
        var (middle, _) = store.ReadAuditPage(2, 3);
        var (past, pastTotal) = store.ReadAuditPage(all.Count, 5);

        Assert.Equal(all.Count, total);
        Assert.Equal(all.Take(2), first);
        Assert.Equal(all.Skip(2).Take(3), middle);
        Assert.Empty(past);
        Assert.Equal(all.Count, pastTotal);
    }

    [Fact]
    public void ConcurrentWriters_32_NeverOverDepleteLicencePoolOrCap()
    {
        // Pool 4,900 units (licence 5,000, cap 50% of 20,000); 32 writers, each its own store (as separate
        // processes or servers would be), each asks for 40 shipments of 7 units: 8,960 units wanted.
        // Exactly 700 shipments fit; a lost update would ship more, a spurious refusal fewer.
        var store = NewStore(out var database, licenceUnits: 5_000, poolUnits: 4_900, usUnits: 20_000);
        var accepted = new long[32];

        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 32 }, writer =>
        {
            var own = new LedgerStore(database, Clock);
            for (var i = 0; i < 40; i++)
            {
                var result = own.Append(Officer, ToChina($"w{writer}-{i}", 7, Buyers[i % 3]));
                if (result.EventsWritten > 0)
                {
                    Interlocked.Add(ref accepted[writer], 7);
                }
            }
        });

        var state = new LedgerStore(database, Clock).ReadState();
        Assert.Equal(accepted.Sum(), state.Licences[LicenceNumber].UsedUnits);
        Assert.Equal(4_900, state.QuotaPools[Pool].UsedUnits);
        Assert.Equal(4_900, state.Licences[LicenceNumber].UsedUnits);
        Assert.Equal(700, state.Shipments.Count - 1);
        Assert.True(store.VerifyAudit().Intact);
        Assert.Empty(store.CheckProjection());
    }

    [Fact]
    public void AuditVerify_OnAnUntouchedLog_IsIntact()
    {
        var store = NewStore(out _);
        store.Append(Officer, ToChina("s-1", 10));

        var report = store.VerifyAudit();

        Assert.True(report.Intact, report.Problem);
        Assert.Equal(store.ReadAuditLog().Count, report.RowsChecked);
    }

    [Theory]
    [InlineData("UPDATE audit_log SET payload = REPLACE(payload, '\"units\":10', '\"units\":1') WHERE seq = {0}", "was altered")]
    [InlineData("UPDATE audit_log SET actor = 'someone-else' WHERE seq = {0}", "was altered")]
    [InlineData("DELETE FROM audit_log WHERE seq = {0}", "is missing")]
    public void AuditVerify_AfterTamperingWithARow_NamesTheFirstBrokenLink(string sql, string words)
    {
        var store = NewStore(out var database);
        store.Append(Officer, ToChina("s-1", 10));
        var target = store.ReadAuditLog().First(r => r.EventType == nameof(ShipmentReserved)).Seq;

        using (var connection = Connect(database))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, target);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var report = new LedgerStore(database, Clock).VerifyAudit();
        Assert.Equal(target, report.FirstBrokenSeq);
        Assert.Contains(words, report.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x'); DROP TABLE audit_log;--", "party")]
    [InlineData("bytedance\"; DELETE FROM licences; --", "party")]
    public void HostileId_IsRefusedAndChangesNothing(string id, string field)
    {
        var store = NewStore(out _);
        var before = store.ReadAuditLog().Count;

        var result = store.Append(Officer, new RequestParty(id, "Evil", [PartyRole.Customer], "CN", "CN", "s", "e", Day), ToChina("s-1", 5));

        Assert.False(result.Succeeded);
        Assert.Equal(field, result.Outcome.Problems[0].Field);
        Assert.Equal(before, store.ReadAuditLog().Count);
        Assert.Equal(0, store.ReadState().Licences[LicenceNumber].UsedUnits);
    }

    [Fact]
    public void NameWithSqlMetacharacters_IsStoredVerbatimAndHarmless()
    {
        var store = NewStore(out var database);
        const string name = "Robert'); DROP TABLE parties;-- \"Tables\" Ltd.";

        store.Append(Officer, new RequestParty("bobby", name, [PartyRole.Customer], "GB", "GB", "cloud", "inference", Day));

        Assert.Equal(name, new LedgerStore(database, Clock).ReadState().Parties["bobby"].Request.Name);
        Assert.True(store.VerifyAudit().Intact);
        Assert.Empty(store.CheckProjection());
    }

    [Fact]
    public void Batch_WithAnOverdraft_WritesNoRowAtAll()
    {
        var store = NewStore(out _, licenceUnits: 100);
        var before = store.ReadAuditLog().Count;

        var result = store.Append(Officer, ToChina("a", 60), ToChina("b", 60), ToChina("c", -1));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Outcome.Problems, p => p.Field == "units" && p.Message.Contains("40 units left", StringComparison.Ordinal));
        Assert.Contains(result.Outcome.Problems, p => p.Field == "units" && p.Message.Contains("not -1", StringComparison.Ordinal));
        Assert.Equal(before, store.ReadAuditLog().Count);
    }

    [Fact]
    public void LevyStatement_ForTheQuarter_ComesFromTheStoredLog()
    {
        var store = NewStore(out var database);
        store.Append(Officer, ToChina("s-1", 100));
        store.Append(Officer, new ReverseShipment("s-1", "returned", new DateOnly(2026, 4, 2)));

        var state = new LedgerStore(database, Clock).ReadState();
        var q1 = RemittanceStatement.For(new RemittancePeriod(2026, 1), state.Levies);
        var q2 = RemittanceStatement.For(new RemittancePeriod(2026, 2), state.Levies);

        Assert.Equal(750_000m, q1.TotalUsd);
        Assert.Equal(-750_000m, q2.TotalUsd);
    }
}

public sealed class SqliteLedgerStoreTests : LedgerStoreContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("clearance-ledger-");
    private int _files;

    protected override LedgerDatabase NewDatabase() => LedgerDatabase.Parse(Path.Combine(_folder.FullName, $"ledger-{++_files}.db"));

    protected override DbConnection Connect(LedgerDatabase database) => new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);

    [Fact]
    public void OpeningAFileThatIsNotADatabase_IsReportedAsCorrupt()
    {
        var path = Path.Combine(_folder.FullName, "not-a-db.db");
        File.WriteAllText(path, "this is not SQLite, it is a shipping note");

        var error = Assert.Throws<LedgerStorageException>(() => new LedgerStore(LedgerDatabase.Parse(path), Clock).Migrate());

        Assert.Equal(StorageFault.Corrupt, error.Fault);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

[Collection(PostgresServers.Name)]
public sealed class PostgresLedgerStoreTests(PostgresFixture postgres) : LedgerStoreContract
{
    protected override LedgerDatabase NewDatabase() => LedgerDatabase.Parse(postgres.Server.CreateDatabase());

    protected override DbConnection Connect(LedgerDatabase database) => new Npgsql.NpgsqlConnection(database.ConnectionString);

    [Fact]
    public void ConnectionString_WithHost_SelectsPostgres() =>
        Assert.Equal(LedgerEngine.Postgres, LedgerDatabase.Parse(postgres.Server.ConnectionString("x")).Engine);
}
