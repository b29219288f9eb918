using System.Diagnostics;
using System.Globalization;
using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;

namespace Clearance.Bench.Ledger;

/// <summary>
/// `quick N`: a stopwatch loop for profiling one writer on SQLite, alternating in each round the pure core (deciding
/// batches of 500 against the in-memory state), batched appends and one transaction per shipment, so the ratios of a
/// round share the machine's load. Not a substitute for the BenchmarkDotNet run.
/// </summary>
internal static class QuickTiming
{
    public static void Run(int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("clearance-quick-").FullName;
        try
        {
            var database = LedgerDatabase.Parse(Path.Combine(folder, "ledger.db"));
            var store = new LedgerStore(database, TimeProvider.System);
            var setup = store.Append(ShipmentThroughput.SetupCommands(), new LedgerActor("bench", "officer"));
            if (!setup.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", setup.Outcome.Problems));
            }

            var book = new LedgerBook(store.ReadState());
            Parts(book.State);
            Console.WriteLine("round  core µs/shipment (cpu)  batched µs/shipment (cpu)  naive µs/shipment (cpu)  batched/naive");
            for (var round = 0; round < rounds; round++)
            {
                var core = Time(4_000, 500, (batch) => book.Append(batch), $"c{round}");
                var batched = Time(4_000, 500, batch => store.Append(batch, new LedgerActor("bench", "officer")), $"b{round}");
                var naive = Time(100, 1, batch => store.Append(batch, new LedgerActor("bench", "officer")), $"n{round}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5}  {core.Wall,10:0.0} ({core.Cpu,6:0.0})  {batched.Wall,13:0.0} ({batched.Cpu,6:0.0})  {naive.Wall,11:0.0} ({naive.Cpu,6:0.0})  {batched.Wall / naive.Wall,13:0.000}"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Where the time of one shipment goes outside the database: deciding, serialising its events, hashing them.</summary>
    private static void Parts(LedgerState state)
    {
        const int n = 4_000;
        var commands = Enumerable.Range(0, n).Select(i => (LedgerCommand)ShipmentThroughput.ToChina(string.Create(CultureInfo.InvariantCulture, $"p-{i}"))).ToList();
        for (var round = 0; round < 3; round++)
        {
            var clock = new CpuClock();
            var outcome = TradeLedger.Decide(state, commands);
            var decide = clock.Elapsed.TotalMicroseconds;
            clock.Restart();
            var payloads = outcome.Events.Select(EventJson.Write).ToList();
            var json = clock.Elapsed.TotalMicroseconds;
            clock.Restart();
            var hash = AuditChain.Genesis;
            for (var i = 0; i < payloads.Count; i++)
            {
                hash = AuditChain.HashOf(i + 1, "2026-02-02T10:00:00.0000000+00:00", "bench", "officer", payloads[i].Type, payloads[i].Payload, hash);
            }

            var hashing = clock.Elapsed.TotalMicroseconds;
            clock.Restart();
            var replayed = state;
            foreach (var change in payloads.Select(p => EventJson.Read(p.Type, p.Payload)))
            {
                replayed = replayed.Apply(change);
            }

            var replay = clock.Elapsed.TotalMicroseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per shipment ({outcome.Events.Length / n} events): decide {decide / n:0.0} µs, serialise {json / n:0.0} µs, hash {hashing / n:0.0} µs, read back and apply {replay / n:0.0} µs"));
        }
    }

    /// <summary>CPU time of the process (this loop is single-threaded), which a loaded machine inflates far less than wall time.</summary>
    private sealed class CpuClock
    {
        private TimeSpan _start = Process.GetCurrentProcess().TotalProcessorTime;

        public TimeSpan Elapsed => Process.GetCurrentProcess().TotalProcessorTime - _start;

        public void Restart() => _start = Process.GetCurrentProcess().TotalProcessorTime;
    }

    private static (double Wall, double Cpu) Time(int shipments, int batchSize, Action<List<LedgerCommand>> append, string run)
    {
        var batches = new List<List<LedgerCommand>>();
        for (var start = 0; start < shipments; start += batchSize)
        {
            batches.Add([.. Enumerable.Range(start, batchSize).Select(i => ShipmentThroughput.ToChina(string.Create(CultureInfo.InvariantCulture, $"{run}-{i}")))]);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (gen0, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            append(batch);
        }

        var wall = clock.Elapsed.TotalMicroseconds / shipments;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {run}: gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalMicroseconds / shipments:0.0} µs per shipment"));
        return (wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / shipments);
    }
}
