using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clearance.Storage.Ledger;

/// <summary>What kind of infrastructure fault stopped a ledger operation.</summary>
public enum StorageFault
{
    /// <summary>The database cannot be reached or opened.</summary>
    Unavailable,

    /// <summary>Another writer holds a lock or a transaction conflicted; retrying may succeed.</summary>
    Busy,

    /// <summary>The file is not a database or is damaged.</summary>
    Corrupt,

    /// <summary>The schema is missing or newer than this program knows.</summary>
    Schema,

    /// <summary>A constraint of the schema refused a row: a bug or someone editing the tables by hand.</summary>
    Constraint,

    Other,
}

/// <summary>An infrastructure fault from the database, translated once into words and a kind the caller can act on.</summary>
public sealed class LedgerStorageException : Exception
{
    public LedgerStorageException()
    {
    }

    public LedgerStorageException(string message)
        : base(message)
    {
    }

    public LedgerStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LedgerStorageException(StorageFault fault, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Fault = fault;
    }

    public StorageFault Fault { get; } = StorageFault.Other;

    public bool IsTransient => Fault == StorageFault.Busy;
}

/// <summary>The one place where SQLite and PostgreSQL exceptions become <see cref="LedgerStorageException"/>.</summary>
internal static class StorageErrors
{
    public static LedgerStorageException Translate(Exception exception, LedgerDatabase database)
    {
        var where = database.Describe();
        return exception switch
        {
            LedgerStorageException already => already,
            SqliteException e => e.SqliteErrorCode switch
            {
                5 or 6 => new(StorageFault.Busy, $"{where}: the database is locked by another writer ({e.Message})", e),
                11 or 26 => new(StorageFault.Corrupt, $"{where}: the file is not a ledger database or is damaged ({e.Message})", e),
                14 => new(StorageFault.Unavailable, $"{where}: cannot open the database file ({e.Message})", e),
                19 => new(StorageFault.Constraint, $"{where}: a row broke a constraint of the schema ({e.Message})", e),
                1 when e.Message.Contains("no such table", StringComparison.Ordinal) => new(StorageFault.Schema, $"{where}: the ledger schema is missing ({e.Message})", e),
                _ => new(StorageFault.Other, $"{where}: {e.Message}", e),
            },
            PostgresException e => e.SqlState switch
            {
                "40001" or "40P01" or "55P03" => new(StorageFault.Busy, $"{where}: a concurrent transaction conflicted ({e.MessageText})", e),
                "23505" or "23503" or "23514" or "23502" => new(StorageFault.Constraint, $"{where}: a row broke a constraint of the schema ({e.MessageText})", e),
                "42P01" or "42703" => new(StorageFault.Schema, $"{where}: the ledger schema is missing or old ({e.MessageText})", e),
                "3D000" or "28P01" or "28000" or "57P03" => new(StorageFault.Unavailable, $"{where}: {e.MessageText}", e),
                _ => new(StorageFault.Other, $"{where}: {e.MessageText} (SQLSTATE {e.SqlState})", e),
            },
            NpgsqlException e => new(StorageFault.Unavailable, $"{where}: cannot reach the server ({e.Message})", e),
            DbException e => new(StorageFault.Other, $"{where}: {e.Message}", e),
            IOException or UnauthorizedAccessException => new(StorageFault.Unavailable, $"{where}: {exception.Message}", exception),
            _ => throw new InvalidOperationException("Only database and I/O exceptions are translated.", exception),
        };
    }

    public static bool IsDatabaseFault(Exception exception) =>
        exception is LedgerStorageException or DbException or IOException or UnauthorizedAccessException;
}
