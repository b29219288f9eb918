using System.Text.Json;
using Clearance.Core.Ledger;
using CsCheck;
using static Clearance.Core.Tests.Ledger.LedgerScenario;

namespace Clearance.Core.Tests.Ledger;

public sealed class LedgerPropertyTests
{
    private static readonly string[] Buyers = ["bytedance", "alibaba", "tencent", "other-cn"];

    /// <summary>One random command on a small key space, so replays, reversals and conflicts are frequent.</summary>
    private static readonly Gen<LedgerCommand> Command = Gen.OneOf<LedgerCommand>(
        Gen.Select(Gen.Int[0, 30], Gen.Long[-5, 400], Gen.Int[0, 3], Gen.Bool, (k, units, buyer, now) => ToChina("k" + k, units, Buyers[buyer], now)),
        Gen.Select(Gen.Int[0, 30], Gen.Long[1, 300], (k, units) => (LedgerCommand)ToUs("u" + k, units)),
        Gen.Int[0, 30].Select(k => (LedgerCommand)new RecordShipment("k" + k, Day)),
        Gen.Int[0, 30].Select(k => (LedgerCommand)new ReleaseReservation("k" + k, "cancelled", Day)),
        Gen.Int[0, 30].Select(k => (LedgerCommand)new ReverseShipment((k % 2 == 0 ? "k" : "u") + k, "returned", Day)));

    private static void AssertNeverOverDepleted(LedgerState state)
    {
        foreach (var l in state.Licences.Values)
        {
            Assert.InRange(l.ReservedUnits + l.UsedUnits, 0, l.Grant.AuthorisedUnits);
            Assert.InRange(l.ReservedValueUsd + l.UsedValueUsd, 0m, l.Grant.AuthorisedValueUsd);
            Assert.True(l.ReservedUnits >= 0 && l.UsedUnits >= 0);
        }

        foreach (var p in state.QuotaPools.Values)
        {
            Assert.InRange(p.ReservedUnits + p.UsedUnits, 0, p.Opening.TotalUnits);
        }

        foreach (var c in state.VolumeCaps.Values)
        {
            Assert.InRange(c.ReservedUnits + c.UsedUnits, 0, c.LimitUnits);
        }
    }

    [Fact]
    public void AnySequenceOfBatches_NeverOverDepletesAndReplaysToTheSameBalances()
    {
        var start = Opened(licenceUnits: 1_500, poolUnits: 1_200);
        Command.Array[1, 4].Array[1, 25].Sample(batches =>
        {
            var state = start;
            var events = new List<LedgerEvent>();
            foreach (var batch in batches)
            {
                var outcome = TradeLedger.Decide(state, batch);
                state = outcome.State;
                events.AddRange(outcome.Events);
                AssertNeverOverDepleted(state);
            }

            var replayed = start.ApplyAll(events);
            Assert.Equal(state.Licences.Values.OrderBy(l => l.Number), replayed.Licences.Values.OrderBy(l => l.Number));
            Assert.Equal(state.VolumeCaps.Values.OrderBy(c => c.Id), replayed.VolumeCaps.Values.OrderBy(c => c.Id));
            Assert.Equal(state.Levies, replayed.Levies);
        }, iter: 300);
    }

    /// <summary>Events as JSON: records holding arrays compare them by reference, so compare their content.</summary>
    private static string Render(IEnumerable<LedgerEvent> events) => JsonSerializer.Serialize(events.Select(e => (object)e));

    [Fact]
    public void Deciding_IsDeterministic()
    {
        var start = WithUsVolume(3_000, licenceUnits: 2_000);
        Command.Array[1, 20].Sample(commands =>
        {
            var first = TradeLedger.Decide(start, commands);
            var second = TradeLedger.Decide(start, commands);
            Assert.Equal(Render(first.Events), Render(second.Events));
            Assert.Equal(first.Problems.Select(p => p.ToString()), second.Problems.Select(p => p.ToString()));
        }, iter: 200);
    }

    /// <summary>
    /// Parallel model test: random writers race on one <see cref="LedgerBook"/>; CsCheck checks that the outcome
    /// equals some sequential order of the same writes (linearizability), and the balances never exceed a limit.
    /// </summary>
    [Fact]
    public void ConcurrentWriters_AreLinearizableAndNeverOverDeplete()
    {
        var start = WithUsVolume(1_000, licenceUnits: 700, poolUnits: 600);
        var ship = Gen.Select(Gen.Int[0, 12], Gen.Long[1, 250], Gen.Int[0, 2])
            .Operation<LedgerBook>(t => $"ship k{t.Item1} × {t.Item2} to {Buyers[t.Item3]}", (book, t) => book.Append([ToChina("k" + t.Item1, t.Item2, Buyers[t.Item3])]));
        var reverse = Gen.Int[0, 12]
            .Operation<LedgerBook>(k => $"reverse k{k}", (book, k) => book.Append([new ReverseShipment("k" + k, "returned", Day)]));

        Check.SampleParallel(
            Gen.Const(() => new LedgerBook(start)),
            ship,
            reverse,
            equal: (a, b) =>
            {
                AssertNeverOverDepleted(a.State);
                return a.State.Licences[LicenceNumber] == b.State.Licences[LicenceNumber] && a.State.QuotaPools[PoolId] == b.State.QuotaPools[PoolId] && a.State.VolumeCaps[CapId] == b.State.VolumeCaps[CapId];
            },
            iter: 300,
            threads: 4);
    }
}
