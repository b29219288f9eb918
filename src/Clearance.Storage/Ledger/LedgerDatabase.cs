using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clearance.Storage.Ledger;

/// <summary>Which database engine holds the ledger.</summary>
public enum LedgerEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the ledger lives, chosen by connection string: a PostgreSQL connection string (Host=... or a
/// postgresql:// URI) selects PostgreSQL; anything else is an SQLite file path or "Data Source=..." string.
/// </summary>
public sealed record LedgerDatabase(LedgerEngine Engine, string ConnectionString)
{
    /// <summary>The environment variable naming Clearance's home directory (default ~/.clearance).</summary>
    public const string HomeVariable = "CLEARANCE_HOME";

    public const string DefaultFileName = "ledger.db";

    public static LedgerDatabase Parse(string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        var text = connection.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new LedgerDatabase(LedgerEngine.Postgres, FromUri(new Uri(text)));
        }

        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return new LedgerDatabase(LedgerEngine.Postgres, text);
        }

        var builder = text.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(text)
            : new SqliteConnectionStringBuilder { DataSource = text };
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 60);
        return new LedgerDatabase(LedgerEngine.Sqlite, builder.ToString());
    }

    /// <summary>The default: an SQLite file in $CLEARANCE_HOME, else ~/.clearance.</summary>
    public static LedgerDatabase Default()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".clearance");
        return Parse(Path.Combine(home, DefaultFileName));
    }

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? FilePath => Engine == LedgerEngine.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>Where to show the user the ledger is, without a password.</summary>
    public string Describe() => Engine == LedgerEngine.Sqlite
        ? $"SQLite {FilePath}"
        : $"PostgreSQL {new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.Host}/{new NpgsqlConnectionStringBuilder(ConnectionString).Database}";

    internal DbConnection CreateConnection() => Engine == LedgerEngine.Sqlite
        ? new SqliteConnection(ConnectionString)
        : new NpgsqlConnection(ConnectionString);

    private static string FromUri(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/'),
        };
        if (uri.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user);
            if (uri.UserInfo.Split(':', 2) is [_, var password])
            {
                builder.Password = Uri.UnescapeDataString(password);
            }
        }

        return builder.ToString();
    }
}
