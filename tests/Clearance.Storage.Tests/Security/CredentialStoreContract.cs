using Clearance.Storage.Ledger;
using Clearance.Storage.Security;

namespace Clearance.Storage.Tests.Security;

/// <summary>API keys in the ledger database: the same contract on SQLite and on a real PostgreSQL server.</summary>
public abstract class CredentialStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    protected abstract LedgerDatabase NewDatabase();

    private CredentialStore NewStore() => new(new LedgerStore(NewDatabase(), TimeProvider.System));

    [Fact]
    public void IssuedKey_Authenticates_AsItsNameAndRole()
    {
        var store = NewStore();

        var issued = store.Issue("Wei", "officer", "admin", Now);
        var found = store.Authenticate(issued.Key);

        Assert.NotNull(found);
        Assert.Equal(("Wei", "officer", issued.Credential.Id), (found.Name, found.Role, found.Id));
    }

    [Fact]
    public void KeyWithOneCharacterChanged_OrAnotherKeysSecret_DoesNotAuthenticate()
    {
        var store = NewStore();
        var first = store.Issue("a", "viewer", "admin", Now).Key;
        var second = store.Issue("b", "admin", "admin", Now).Key;
        var flipped = first[..^1] + (first[^1] == 'x' ? 'y' : 'x');
        var swapped = first[..(CredentialStore.KeyPrefix.Length + 13)] + second[(CredentialStore.KeyPrefix.Length + 13)..];

        Assert.Null(store.Authenticate(flipped));
        Assert.Null(store.Authenticate(swapped));
        Assert.Null(store.Authenticate("clr_' OR 1=1 --_x"));
        Assert.Null(store.Authenticate(""));
    }

    [Fact]
    public void RevokedKey_StopsAuthenticating_AndTheRevocationIsKept()
    {
        var store = NewStore();
        var issued = store.Issue("leaver", "analyst", "admin", Now);

        Assert.True(store.Revoke(issued.Credential.Id, "admin", "left the team", Now.AddDays(1)));
        Assert.False(store.Revoke(issued.Credential.Id, "admin", "again", Now.AddDays(2)));

        Assert.Null(store.Authenticate(issued.Key));
        var kept = Assert.Single(store.List());
        Assert.Equal(("admin", Now.AddDays(1)), (kept.RevokedBy, kept.RevokedAt));
    }
}

public sealed class SqliteCredentialStoreTests : CredentialStoreContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("clearance-credentials-");
    private int _files;

    protected override LedgerDatabase NewDatabase() => LedgerDatabase.Parse(Path.Combine(_folder.FullName, $"ledger-{++_files}.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

[Collection(PostgresServers.Name)]
public sealed class PostgresCredentialStoreTests(PostgresFixture postgres) : CredentialStoreContract
{
    protected override LedgerDatabase NewDatabase() => LedgerDatabase.Parse(postgres.Server.CreateDatabase());
}
