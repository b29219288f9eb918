using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Clearance.Storage.Tests;

/// <summary>
/// A real, throw-away PostgreSQL server: initdb into a temp dir, start postgres on a free loopback port with its
/// socket in that dir, create databases on demand, stop and delete everything on dispose. Uses Debian's
/// postgresql binaries (/usr/lib/postgresql/N/bin, or $CLEARANCE_PG_BIN). initdb refuses root, so under root the
/// server runs as the unprivileged user "clearance-test" (created if absent).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string ServiceUser = "clearance-test";

    private readonly string _bin;
    private readonly bool _asRoot;
    private readonly Process _server;
    private int _databases;

    public PostgresServer(bool durable = false)
    {
        _bin = FindBinaries();
        _asRoot = Environment.UserName == "root";
        Root = Directory.CreateTempSubdirectory("clearance-pg-").FullName;
        if (_asRoot)
        {
            if (Run("id", ServiceUser).ExitCode != 0)
            {
                Run("useradd", $"--system --no-create-home --shell /usr/sbin/nologin {ServiceUser}").Check();
            }

            Run("chown", $"-R {ServiceUser} {Root}").Check();
        }

        var data = Path.Combine(Root, "data");
        RunAsService(Path.Combine(_bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync --no-instructions").Check();
        Port = FreePort();
        var settings = $"-D {data} -p {Port} -k {Root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=64MB" +
                       (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        _server = Start(Path.Combine(_bin, "postgres"), settings);
        WaitUntilReady();
    }

    public string Root { get; }

    public int Port { get; }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = 100, Timeout = 30 }.ToString();

    /// <summary>A new, empty database for one test.</summary>
    public string CreateDatabase(string prefix = "ledger")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture)}";
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            RunAsService(Path.Combine(_bin, "pg_ctl"), $"-D {Path.Combine(Root, "data")} stop -m fast -w").Check();
        }
        finally
        {
            if (!_server.WaitForExit(10_000))
            {
                _server.Kill(entireProcessTree: true);
            }

            _server.Dispose();
            Directory.Delete(Root, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("CLEARANCE_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("PostgreSQL binaries not found: install Debian's 'postgresql' package (test.sh does) or set CLEARANCE_PG_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilReady()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                connection.Open();
                return;
            }
            catch (NpgsqlException) when (watch.Elapsed < TimeSpan.FromSeconds(60) && !_server.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }

    private Process Start(string file, string arguments)
    {
        var info = _asRoot
            ? new ProcessStartInfo("runuser", $"-u {ServiceUser} -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private Result RunAsService(string file, string arguments) =>
        _asRoot ? Run("runuser", $"-u {ServiceUser} -- {file} {arguments}") : Run(file, arguments);

    private static Result Run(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result($"{file} {arguments}", process.ExitCode, stdout.Result + stderr);
    }

    private sealed record Result(string Command, int ExitCode, string Output)
    {
        public void Check()
        {
            if (ExitCode != 0)
            {
                throw new InvalidOperationException($"'{Command}' exited with {ExitCode}: {Output}");
            }
        }
    }
}
