using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clearance.Storage.Ledger;

namespace Clearance.Storage.Security;

/// <summary>An API key as stored: who it belongs to and what role it carries; never the key itself.</summary>
public sealed record Credential(string Id, string Name, string Role, DateTimeOffset IssuedAt, string IssuedBy, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A newly issued key: the only moment its secret exists outside the caller's hands.</summary>
public sealed record IssuedCredential(Credential Credential, string Key);

/// <summary>
/// API keys in the ledger's database, so every replica sees the same callers. A key reads
/// <c>clr_{id}_{secret}</c>: the id finds the row, and only the SHA-256 of the 256-bit random secret is kept
/// (a slow password hash adds nothing for secrets of that entropy). Issues and revocations are rows that are
/// only ever inserted, never updated, so who granted or withdrew access stays on record.
/// </summary>
public sealed class CredentialStore
{
    public const string KeyPrefix = "clr_";

    /// <summary>The roles a key can carry, in ascending privilege: viewer, analyst, officer, admin.</summary>
    public static readonly IReadOnlyList<string> RoleNames = ["viewer", "analyst", "officer", "admin"];

    private const int IdBytes = 6;
    private const int SecretBytes = 32;

    private readonly LedgerStore _ledger;

    public CredentialStore(LedgerStore ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    private LedgerDatabase Database => _ledger.Database;

    /// <summary>Creates a key for <paramref name="name"/> with <paramref name="role"/>; the returned key is not kept.</summary>
    public IssuedCredential Issue(string name, string role, string issuedBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuedBy);
        if (!RoleNames.Contains(role))
        {
            throw new ArgumentException($"'{role}' is not a role; use one of: {string.Join(", ", RoleNames)}", nameof(role));
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var credential = new Credential(id, name.Trim(), role, now, issuedBy, null, null);
        Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var insert = new Statement(connection, transaction,
                "INSERT INTO credentials (id, name, role, secret_sha256, issued_at, issued_by) VALUES (@id, @name, @role, @hash, @at, @by)",
                "id", "name", "role", "hash", "at", "by");
            insert.Run(id, credential.Name, role, Hash(secret), Instant(now), issuedBy);
            transaction.Commit();
            return 0;
        });
        return new IssuedCredential(credential, $"{KeyPrefix}{id}_{secret}");
    }

    /// <summary>The active credential a presented key belongs to, or null for a malformed, unknown or revoked key.</summary>
    public Credential? Authenticate(string? key)
    {
        if (key is null || !key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 128)
        {
            return null;
        }

        var rest = key.AsSpan(KeyPrefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != IdBytes * 2)
        {
            return null;
        }

        var id = rest[..separator].ToString();
        var secret = rest[(separator + 1)..].ToString();
        if (Row(id) is not var (credential, storedHash) || !credential.IsActive)
        {
            return null;
        }

        var presented = Encoding.ASCII.GetBytes(Hash(secret));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored) ? credential : null;
    }

    /// <summary>Every credential ever issued, newest first, with revocations.</summary>
    public IReadOnlyList<Credential> List() =>
        [.. Run(connection => Select(connection, "")).Select(row => row.Credential).OrderByDescending(c => c.IssuedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>The credential with <paramref name="id"/>, revoked or not; null when there is none.</summary>
    public Credential? Find(string id) => Row(id)?.Credential;

    /// <summary>Withdraws a key; false when it does not exist or was already revoked.</summary>
    public bool Revoke(string id, string revokedBy, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(revokedBy);
        return Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var exists = connection.CreateCommand();
            exists.Transaction = transaction;
            exists.CommandText = "SELECT COUNT(*) FROM credentials c WHERE c.id = @id AND NOT EXISTS (SELECT 1 FROM credential_revocations r WHERE r.id = c.id)";
            AddParameter(exists, "id", id);
            if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                return false;
            }

            using var insert = new Statement(connection, transaction,
                "INSERT INTO credential_revocations (id, revoked_at, revoked_by, reason) VALUES (@id, @at, @by, @reason)",
                "id", "at", "by", "reason");
            insert.Run(id, Instant(now), revokedBy, reason);
            transaction.Commit();
            return true;
        });
    }

    private static List<(Credential Credential, string Hash)> Select(DbConnection connection, string where, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT c.id, c.name, c.role, c.secret_sha256, c.issued_at, c.issued_by, r.revoked_at, r.revoked_by " +
            "FROM credentials c LEFT JOIN credential_revocations r ON r.id = c.id " + where;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<(Credential, string)>();
        while (reader.Read())
        {
            var credential = new Credential(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                ParseInstant(reader.GetString(4)),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : ParseInstant(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7));
            rows.Add((credential, reader.GetString(3)));
        }

        return rows;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The credential with <paramref name="id"/> and its stored secret hash, or null.</summary>
    private (Credential Credential, string Hash)? Row(string id) =>
        Run(connection => Select(connection, "WHERE c.id = @id", ("id", id))) is [var row] ? row : null;

    private T Run<T>(Func<DbConnection, T> work)
    {
        _ledger.EnsureMigrated();
        try
        {
            using var connection = Database.CreateConnection();
            connection.Open();
            return work(connection);
        }
        catch (Exception e) when (StorageErrors.IsDatabaseFault(e))
        {
            throw StorageErrors.Translate(e, Database);
        }
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
