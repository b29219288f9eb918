using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearance.Server.Hosting;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Clearance.Server.Tests.Api;

public sealed class StorageFaultTests
{
    [Fact]
    public async Task LedgerDatabaseGone_AnswersProblem503WithRetryAfterAndLogsTheFaultOnce()
    {
        var folder = Directory.CreateTempSubdirectory("clearance-fault-test-").FullName;
        var databaseFolder = Path.Combine(folder, "ledger");
        Directory.CreateDirectory(databaseFolder);
        var logs = new ConcurrentQueue<string>();
        using var factory = ClearanceFactory.With(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clearance:Database"] = Path.Combine(databaseFolder, "ledger.db") });
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(logs))));
        var key = logged.Services.GetRequiredService<Clearance.Storage.Security.CredentialStore>().Issue("fault-test", ClearancePolicies.Viewer, "test", ClearanceFactory.Now).Key;
        using var client = logged.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var before = await client.GetAsync(new Uri("/api/v1/orders", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // The database's folder disappears and a file takes its place, so SQLite can neither open nor re-create it.
        Directory.Delete(databaseFolder, recursive: true);
        await File.WriteAllTextAsync(databaseFolder, "not a folder");
        SqliteConnection.ClearAllPools();
        logs.Clear();
        using var response = await client.GetAsync(new Uri("/api/v1/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(StorageFaults.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("unavailable", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        var faults = logs.Where(line => line.Contains("Ledger database fault", StringComparison.Ordinal)).ToList();
        Assert.Single(faults);
        Assert.Contains("GET /api/v1/orders", faults[0], StringComparison.Ordinal);
        Assert.DoesNotContain(logs, line => line.Contains("An unhandled exception", StringComparison.Ordinal));
        File.Delete(databaseFolder);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SqliteLockedPastItsTimeout_IsBusyAnd503()
    {
        var folder = Directory.CreateTempSubdirectory("clearance-lock-test-");
        var path = Path.Combine(folder.FullName, "locked.db");
        try
        {
            await using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
            await holder.OpenAsync();
            await using (var create = holder.CreateCommand())
            {
                create.CommandText = "CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);";
                await create.ExecuteNonQueryAsync();
            }

            await using var waiter = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=1");
            await waiter.OpenAsync();
            await using var write = waiter.CreateCommand();
            write.CommandText = "INSERT INTO t VALUES (2)";
            var locked = await Assert.ThrowsAsync<SqliteException>(() => write.ExecuteNonQueryAsync());

            var (status, retryAfter, log) = await Handle(locked);

            Assert.Equal(StorageFault.Busy, StorageFaults.Classify(locked));
            Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
            Assert.Equal("5", retryAfter);
            Assert.Contains("Busy", log, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PostgresServerUnreachable_Is503AndTheLogHasNoPassword()
    {
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=clearance;Password=s3cr3t-pw;Database=ledger;Timeout=2");
        var unreachable = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());

        var (status, retryAfter, log) = await Handle(unreachable);

        Assert.Equal(StorageFault.Unavailable, StorageFaults.Classify(unreachable));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("5", retryAfter);
        Assert.DoesNotContain("s3cr3t-pw", log, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedOrSchemaFaults_AreNotRetryable_AndStay500s()
    {
        Assert.Null(StorageFaults.Classify(new LedgerStorageException(StorageFault.Corrupt, "the file is not a ledger database")));
        Assert.Null(StorageFaults.Classify(new LedgerStorageException(StorageFault.Schema, "the ledger schema is missing")));
        Assert.Null(StorageFaults.Classify(new InvalidOperationException("a bug")));
    }

    /// <summary>Runs the server's handler, with its real problem-details writer, on one exception.</summary>
    private static async Task<(int Status, string RetryAfter, string Log)> Handle(Exception exception)
    {
        var logs = new ConcurrentQueue<string>();
        var services = new ServiceCollection().AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(logs))).AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = "POST";
        http.Request.Path = "/api/v1/parties";
        http.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<StorageFaults>(services);

        Assert.True(await handler.TryHandleAsync(http, exception, CancellationToken.None));
        return (http.Response.StatusCode, http.Response.Headers.RetryAfter.ToString(), string.Join("\n", logs));
    }
}
