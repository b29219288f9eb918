using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Clearance.Storage.Tests;

namespace Clearance.Bench.Ledger;

/// <summary>
/// Shipments recorded (reserved, depleted, levy accrued, audit rows chained) per second with durable commits:
/// SQLite WAL with synchronous=FULL, PostgreSQL with fsync on. The baseline is the naive way, one transaction per
/// shipment; the other records shipments in batches of 500 per transaction. Each writer has its own store, as
/// separate processes or server replicas would. Times are per shipment (OperationsPerInvoke).
/// </summary>
[Config(typeof(ShortMacroConfig))]
public class ShipmentThroughput
{
    private const int BatchedShipments = 8_000;
    private const int NaiveShipments = 320;
    private const int BatchSize = 500;

    private static readonly DateOnly Day = new(2026, 2, 2);
    private static readonly LedgerActor Actor = new("bench", "officer");

    private PostgresServer? _postgres;
    private string? _folder;
    private LedgerDatabase _database = null!;
    private LedgerStore[] _stores = [];
    private int _run;

    [Params(LedgerEngine.Sqlite, LedgerEngine.Postgres)]
    public LedgerEngine Engine { get; set; }

    [Params(1, 16)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Engine == LedgerEngine.Postgres)
        {
            _postgres = new PostgresServer(durable: true);
            _database = LedgerDatabase.Parse(_postgres.CreateDatabase("bench"));
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("clearance-bench-").FullName;
            _database = LedgerDatabase.Parse(Path.Combine(_folder, "ledger.db"));
        }

        var setup = new LedgerStore(_database, TimeProvider.System).Append(SetupCommands(), Actor);
        if (!setup.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", setup.Outcome.Problems));
        }

        _stores = [.. Enumerable.Range(0, Writers).Select(_ => new LedgerStore(_database, TimeProvider.System))];
        foreach (var store in _stores)
        {
            store.ReadState();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _postgres?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = NaiveShipments)]
    public void OneTransactionPerShipment() => Record(NaiveShipments, batchSize: 1);

    [Benchmark(OperationsPerInvoke = BatchedShipments)]
    public void BatchesOf500() => Record(BatchedShipments, BatchSize);

    private void Record(int shipments, int batchSize)
    {
        var run = Interlocked.Increment(ref _run);
        var perWriter = shipments / Writers;
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, writer =>
        {
            var store = _stores[writer];
            for (var start = 0; start < perWriter; start += batchSize)
            {
                var batch = new List<LedgerCommand>(batchSize);
                for (var i = start; i < Math.Min(perWriter, start + batchSize); i++)
                {
                    batch.Add(ToChina(string.Create(CultureInfo.InvariantCulture, $"r{run}-w{writer}-{i}")));
                }

                var result = store.Append(batch, Actor);
                if (!result.Succeeded || result.EventsWritten == 0)
                {
                    throw new InvalidOperationException("a benchmark batch was refused: " + string.Join("; ", result.Outcome.Problems));
                }
            }
        });
    }

    internal static ReserveShipment ToChina(string key) =>
        new(new ShipmentPlan(key, "order-cn", "bytedance", "bytedance", "CN", "nvidia-h200", 1, 30_000m, "BIS-H200-0001", Day), true);

    internal static List<LedgerCommand> SetupCommands()
    {
        var commands = new List<LedgerCommand>();
        foreach (var (id, country) in new[] { ("bytedance", "CN"), ("us-cloud", "US") })
        {
            commands.Add(new RequestParty(id, id, [PartyRole.Customer, PartyRole.EndUser], country, country, "cloud", "training", Day));
            commands.Add(new RecordScreening(id, new ScreeningOutcome(false, "csl-2026-01-30", ""), Day));
            commands.Add(new ApproveParty(id, "bench", Day, new DateOnly(2026, 12, 31)));
        }

        commands.Add(new GrantLicence(new LicenceGranted("BIS-H200-0001", "US-BIS", [], ["nvidia-h200"], 1_000_000_000, 30_000m * 1_000_000_000, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 14), [])));
        commands.Add(new OpenQuotaPool(new QuotaPoolOpened("cn-2026-h200", "CN", "nvidia-h200", ["bytedance"], 1_000_000_000, new DateOnly(2026, 1, 28), new DateOnly(2026, 12, 31), "bench", "reported")));
        commands.Add(new SetVolumeCap(new VolumeCapSet("h200-cn-mo-50pct", "nvidia-h200", ["CN", "MO"], 50m, "US", "91 FR 1684")));
        commands.Add(new RecordDecision(new OrderDecision("order-cn", "licence-required/case-by-case", Day, [], [new LevyObligation(LevyKind.Duty, "US CBP", 25m, "Proclamation 11002")])));
        commands.Add(new RecordDecision(new OrderDecision("order-us", "allowed", Day, [], [])));
        commands.Add(new ReserveShipment(new ShipmentPlan("us-base", "order-us", "us-cloud", "us-cloud", "US", "nvidia-h200", 2_000_000_000, 0m, null, Day), true));
        return commands;
    }
}

/// <summary>A short macro-benchmark job: one launch, one warm-up, three measured runs, each a whole batch, in process.</summary>
public sealed class ShortMacroConfig : ManualConfig
{
    public ShortMacroConfig()
    {
        // In-process: no generated project to build, so a busy machine cannot time the build out.
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance).WithId("short-macro"));
        AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
