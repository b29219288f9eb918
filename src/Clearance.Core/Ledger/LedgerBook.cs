namespace Clearance.Core.Ledger;

/// <summary>
/// An in-memory ledger safe for many threads: each write decides against a snapshot and publishes the new state
/// with a compare-and-swap, retrying when another writer got in first, so every write is decided against the
/// state it lands on. Storage gives the same guarantee with a database lock; this is its model.
/// </summary>
public sealed class LedgerBook
{
    private LedgerState _state;
    private long _sequence;

    public LedgerBook(LedgerState? initial = null)
    {
        _state = initial ?? LedgerState.Empty;
    }

    public LedgerState State => Volatile.Read(ref _state);

    /// <summary>How many events have been appended.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    public LedgerOutcome Append(IReadOnlyList<LedgerCommand> commands)
    {
        while (true)
        {
            var seen = Volatile.Read(ref _state);
            var outcome = TradeLedger.Decide(seen, commands);
            if (!outcome.Succeeded || outcome.Events.IsEmpty)
            {
                return outcome;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, outcome.State, seen), seen))
            {
                Interlocked.Add(ref _sequence, outcome.Events.Length);
                return outcome;
            }
        }
    }
}
