using System.Data;
using System.Data.Common;
using System.Globalization;
using Clearance.Core.Ledger;
using Microsoft.Data.Sqlite;

namespace Clearance.Storage.Ledger;

/// <summary>Who made a change: every write records the acting user and role.</summary>
public sealed record LedgerActor(string User, string Role)
{
    public override string ToString() => $"{User} ({Role})";
}

/// <summary>The outcome of one append, with the audit rows it wrote (none when it was refused or already recorded).</summary>
public sealed record AppendResult(LedgerOutcome Outcome, long FirstSeq, long LastSeq)
{
    public bool Succeeded => Outcome.Succeeded;

    public int EventsWritten => Outcome.Events.Length;
}

/// <summary>
/// The system of record on SQLite or PostgreSQL. Each append runs in one transaction that first locks the audit
/// chain's head (BEGIN IMMEDIATE on SQLite, SELECT ... FOR UPDATE on PostgreSQL), catches its in-memory state
/// up with rows other writers appended, decides the whole batch with <see cref="TradeLedger"/>, then writes the
/// chained audit rows, the current-state tables and the new head. So writers from any number of threads,
/// processes or servers are serialised on the head and none can over-deplete a licence, pool or cap; a batch is
/// committed whole or not at all.
/// </summary>
public sealed class LedgerStore
{
    private const int MaxAttempts = 8;

    private readonly TimeProvider _clock;
    private readonly Lock _migrateLock = new();
    private bool _migrated;
    private Snapshot _snapshot = new(LedgerState.Empty, 0);

    public LedgerStore(LedgerDatabase database, TimeProvider clock)
    {
        Database = database;
        _clock = clock;
    }

    public LedgerDatabase Database { get; }

    /// <summary>Creates the database (and its folder) on first use and applies every migration not yet applied.</summary>
    public int Migrate()
    {
        lock (_migrateLock)
        {
            var applied = Guard(() =>
            {
                if (Database.FilePath is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                {
                    Directory.CreateDirectory(folder);
                }

                using var connection = Open();
                if (Database.Engine == LedgerEngine.Sqlite)
                {
                    Execute(connection, null, "PRAGMA journal_mode=WAL");
                }

                using var transaction = Begin(connection);
                if (Database.Engine == LedgerEngine.Postgres)
                {
                    Execute(connection, transaction, "SELECT pg_advisory_xact_lock(7305019)");
                }

                Execute(connection, transaction, LedgerMigrations.CreateMigrationsTable);
                var current = Convert.ToInt32(Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), CultureInfo.InvariantCulture);
                if (current > LedgerMigrations.Latest)
                {
                    throw new LedgerStorageException(StorageFault.Schema, $"{Database.Describe()}: the schema is at version {current}, newer than this program knows ({LedgerMigrations.Latest}); upgrade Clearance");
                }

                var count = 0;
                foreach (var migration in LedgerMigrations.All.Where(m => m.Version > current))
                {
                    Execute(connection, transaction, migration.For(Database.Engine));
                    using var record = new Statement(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)", "version", "name", "at");
                    record.Run(migration.Version, migration.Name, _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                    count++;
                }

                transaction.Commit();
                return count;
            });
            _migrated = true;
            return applied;
        }
    }

    /// <summary>Decides and records a batch as one transaction, retrying when another writer held the lock.</summary>
    public AppendResult Append(IReadOnlyList<LedgerCommand> commands, LedgerActor actor)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureMigrated();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Guard(() => AppendOnce(commands, actor));
            }
            catch (LedgerStorageException e) when (e.IsTransient && attempt < MaxAttempts)
            {
                Thread.Sleep(Random.Shared.Next(5, 20 * attempt));
            }
        }
    }

    public AppendResult Append(LedgerActor actor, params LedgerCommand[] commands) => Append(commands, actor);

    /// <summary>The current state, caught up with every committed row.</summary>
    public LedgerState ReadState()
    {
        EnsureMigrated();
        return Guard(() =>
        {
            using var connection = Open();
            using var transaction = BeginRead(connection);
            var (seq, _) = ReadHead(connection, transaction, forUpdate: false);
            var state = CatchUp(connection, transaction, seq);
            transaction.Commit();
            return state;
        });
    }

    /// <summary>Walks the whole audit chain and checks every link and the head.</summary>
    public AuditReport VerifyAudit()
    {
        EnsureMigrated();
        return Guard(() =>
        {
            using var connection = Open();
            using var transaction = BeginRead(connection);
            var (seq, hash) = ReadHead(connection, transaction, forUpdate: false);
            var report = AuditChain.Verify(ReadAudit(connection, transaction, 0), seq, hash);
            transaction.Commit();
            return report;
        });
    }

    /// <summary>Every audit row in order (for export and tests).</summary>
    public IReadOnlyList<AuditRow> ReadAuditLog()
    {
        EnsureMigrated();
        return Guard(() =>
        {
            using var connection = Open();
            using var transaction = BeginRead(connection);
            var rows = ReadAudit(connection, transaction, 0).ToList();
            transaction.Commit();
            return (IReadOnlyList<AuditRow>)rows;
        });
    }

    /// <summary>
    /// At most <paramref name="limit"/> audit rows after sequence number <paramref name="afterSeq"/>, in order, and how
    /// many rows the log holds (its head's sequence number: rows are numbered 1, 2, 3… without gaps, which
    /// <see cref="VerifyAudit"/> checks). Reads only the rows asked for, so a page of a long log costs what a page costs.
    /// </summary>
    public (IReadOnlyList<AuditRow> Rows, long Total) ReadAuditPage(long afterSeq, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        EnsureMigrated();
        return Guard(() =>
        {
            using var connection = Open();
            using var transaction = BeginRead(connection);
            var (head, _) = ReadHead(connection, transaction, forUpdate: false);
            var rows = ReadAudit(connection, transaction, afterSeq, limit).ToList();
            transaction.Commit();
            return ((IReadOnlyList<AuditRow>)rows, head);
        });
    }

    /// <summary>
    /// Compares the current-state tables with the state replayed from the audit log; any difference names the
    /// table and row. Empty means the tables are exactly the projection of the log.
    /// </summary>
    public IReadOnlyList<string> CheckProjection()
    {
        var state = ReadState();
        return Guard(() =>
        {
            using var connection = Open();
            using var transaction = BeginRead(connection);
            var differences = new List<string>();
            var licences = Rows(connection, transaction, "SELECT number, reserved_units, used_units FROM licences")
                .ToDictionary(r => (string)r[0]!, r => (Convert.ToInt64(r[1], CultureInfo.InvariantCulture), Convert.ToInt64(r[2], CultureInfo.InvariantCulture)), StringComparer.Ordinal);
            foreach (var licence in state.Licences.Values)
            {
                if (!licences.TryGetValue(licence.Number, out var row) || row != (licence.ReservedUnits, licence.UsedUnits))
                {
                    differences.Add($"licences/{licence.Number}: table {row}, log ({licence.ReservedUnits}, {licence.UsedUnits})");
                }
            }

            var pools = Rows(connection, transaction, "SELECT id, reserved_units, used_units FROM quota_pools")
                .ToDictionary(r => (string)r[0]!, r => (Convert.ToInt64(r[1], CultureInfo.InvariantCulture), Convert.ToInt64(r[2], CultureInfo.InvariantCulture)), StringComparer.Ordinal);
            foreach (var pool in state.QuotaPools.Values)
            {
                if (!pools.TryGetValue(pool.Id, out var row) || row != (pool.ReservedUnits, pool.UsedUnits))
                {
                    differences.Add($"quota_pools/{pool.Id}: table {row}, log ({pool.ReservedUnits}, {pool.UsedUnits})");
                }
            }

            var shipments = Convert.ToInt64(Scalar(connection, transaction, "SELECT COUNT(*) FROM shipments"), CultureInfo.InvariantCulture);
            if (shipments != state.Shipments.Count)
            {
                differences.Add($"shipments: table has {shipments} rows, log {state.Shipments.Count}");
            }

            transaction.Commit();
            return (IReadOnlyList<string>)differences;
        });
    }

    private sealed record Snapshot(LedgerState State, long Seq);

    /// <summary>Applies the migrations once per process, on first use.</summary>
    internal void EnsureMigrated()
    {
        if (!Volatile.Read(ref _migrated))
        {
            Migrate();
        }
    }

    private AppendResult AppendOnce(IReadOnlyList<LedgerCommand> commands, LedgerActor actor)
    {
        using var connection = Open();
        using var transaction = Begin(connection);
        var (headSeq, headHash) = ReadHead(connection, transaction, forUpdate: true);
        var state = CatchUp(connection, transaction, headSeq);
        var outcome = TradeLedger.Decide(state, commands);
        if (!outcome.Succeeded || outcome.Events.IsEmpty)
        {
            transaction.Rollback();
            return new AppendResult(outcome, 0, 0);
        }

        var at = _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var seq = headSeq;
        var hash = headHash;
        var seqs = new long[outcome.Events.Length];
        using (var insert = new RowInserts(connection, transaction, "audit_log", ["seq", "recorded_at", "actor", "role", "event_type", "payload", "prev_hash", "hash"]))
        {
            for (var i = 0; i < outcome.Events.Length; i++)
            {
                var (type, payload) = EventJson.Write(outcome.Events[i]);
                seq++;
                var next = AuditChain.HashOf(seq, at, actor.User, actor.Role, type, payload, hash);
                insert.Add(seq, at, actor.User, actor.Role, type, payload, hash, next);
                hash = next;
                seqs[i] = seq;
            }

            insert.Flush();
        }

        LedgerProjection.Write(connection, transaction, state, outcome, seqs);
        using (var head = new Statement(connection, transaction, "UPDATE ledger_head SET seq = @seq, hash = @hash WHERE id = 1", "seq", "hash"))
        {
            head.Run(seq, hash);
        }

        transaction.Commit();
        Publish(new Snapshot(outcome.State, seq));
        return new AppendResult(outcome, headSeq + 1, seq);
    }

    /// <summary>The state at the head: the cached snapshot plus any rows appended since, by this or another writer.</summary>
    private LedgerState CatchUp(DbConnection connection, DbTransaction transaction, long headSeq)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.Seq == headSeq)
        {
            return snapshot.State;
        }

        if (snapshot.Seq > headSeq)
        {
            snapshot = new Snapshot(LedgerState.Empty, 0);
        }

        var state = snapshot.State;
        foreach (var row in ReadAudit(connection, transaction, snapshot.Seq))
        {
            if (row.Seq > headSeq)
            {
                break;
            }

            state = state.Apply(EventJson.Read(row.EventType, row.Payload));
        }

        Publish(new Snapshot(state, headSeq));
        return state;
    }

    private void Publish(Snapshot snapshot)
    {
        while (true)
        {
            var seen = Volatile.Read(ref _snapshot);
            if (seen.Seq >= snapshot.Seq || ReferenceEquals(Interlocked.CompareExchange(ref _snapshot, snapshot, seen), seen))
            {
                return;
            }
        }
    }

    private static IEnumerable<AuditRow> ReadAudit(DbConnection connection, DbTransaction transaction, long afterSeq, int? limit = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, recorded_at, actor, role, event_type, payload, prev_hash, hash FROM audit_log WHERE seq > @after ORDER BY seq"
            + (limit is null ? "" : " LIMIT @limit");
        var after = command.CreateParameter();
        after.ParameterName = "@after";
        after.Value = afterSeq;
        command.Parameters.Add(after);
        if (limit is { } count)
        {
            var take = command.CreateParameter();
            take.ParameterName = "@limit";
            take.Value = count;
            command.Parameters.Add(take);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new AuditRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7));
        }
    }

    private (long Seq, string Hash) ReadHead(DbConnection connection, DbTransaction transaction, bool forUpdate)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM ledger_head WHERE id = 1" + (forUpdate && Database.Engine == LedgerEngine.Postgres ? " FOR UPDATE" : "");
        if (forUpdate)
        {
            // Waiting for the head is queueing behind other writers, not a fault: no timeout.
            command.CommandTimeout = 0;
        }

        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new LedgerStorageException(StorageFault.Corrupt, $"{Database.Describe()}: the ledger head row is missing");
        }

        return (reader.GetInt64(0), reader.GetString(1));
    }

    private DbConnection Open()
    {
        var connection = Database.CreateConnection();
        try
        {
            connection.Open();
            if (Database.Engine == LedgerEngine.Sqlite)
            {
                // Durable commits: with WAL, FULL syncs the log on every commit.
                Execute(connection, null, "PRAGMA synchronous=FULL");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A write transaction: BEGIN IMMEDIATE on SQLite takes the write lock at once, so reads inside it are current.</summary>
    private static DbTransaction Begin(DbConnection connection) => connection is SqliteConnection sqlite
        ? sqlite.BeginTransaction(deferred: false)
        : connection.BeginTransaction(IsolationLevel.ReadCommitted);

    /// <summary>A read transaction: one consistent snapshot, no write lock.</summary>
    private static DbTransaction BeginRead(DbConnection connection) => connection is SqliteConnection sqlite
        ? sqlite.BeginTransaction(deferred: true)
        : connection.BeginTransaction(IsolationLevel.RepeatableRead);

    private T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (StorageErrors.IsDatabaseFault(e))
        {
            throw StorageErrors.Translate(e, Database);
        }
    }

    internal static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<object?[]> Rows(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }
}
