using Clearance.Storage.Ledger;
using Clearance.Storage.Security;

namespace Clearance.Cli.Tests.Security;

public sealed class KeysCommandsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("clearance-cli-keys-");

    private string Db => Path.Combine(_folder.FullName, "ledger.db");

    private (int Exit, string Out, string Error) Run(params string[] args) => CliRun.Invoke([.. args, "--db", Db, "--actor", "ops"]);

    [Fact]
    public void Issue_PrintsAKeyTheServerWouldAccept_AndListShowsItWithoutTheSecret()
    {
        var issued = Run("keys", "issue", "Wei (compliance)", "--role", "officer");
        var listed = Run("keys", "list");

        Assert.Equal(0, issued.Exit);
        var key = issued.Out.Trim();
        var credential = new CredentialStore(new LedgerStore(LedgerDatabase.Parse(Db), TimeProvider.System)).Authenticate(key);
        Assert.NotNull(credential);
        Assert.Equal(("Wei (compliance)", "officer", "ops"), (credential.Name, credential.Role, credential.IssuedBy));
        Assert.Contains("Wei (compliance)", listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_WithAnUnknownRole_IsRefusedAndStoresNothing()
    {
        var result = Run("keys", "issue", "x", "--role", "root");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--role: 'root' is not a role", result.Error, StringComparison.Ordinal);
        Assert.Equal("", Run("keys", "list").Out);
    }

    [Fact]
    public void Revoke_StopsTheKey_AndAnUnknownIdIsAnError()
    {
        var key = Run("keys", "issue", "temp", "--role", "viewer").Out.Trim();
        var id = key.Split('_')[1];

        Assert.Equal(0, Run("keys", "revoke", id, "--reason", "rotation").Exit);
        Assert.NotEqual(0, Run("keys", "revoke", id, "--reason", "rotation").Exit);
        Assert.Null(new CredentialStore(new LedgerStore(LedgerDatabase.Parse(Db), TimeProvider.System)).Authenticate(key));
        Assert.Contains("revoked", Run("keys", "list").Out, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
