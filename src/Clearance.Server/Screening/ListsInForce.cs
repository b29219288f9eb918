using Clearance.Core.Parsing;

namespace Clearance.Server.Screening;

/// <summary>
/// The lists the server screens against, replaced whole when an admin reloads them (after `clearance lists load` has
/// put a new list set into the state directory): no restart. A reload reads and indexes the new lists beside the ones
/// in force and switches only when they load without a problem, so requests never see a half-loaded set and a bad file
/// leaves the lists in force as they were. Requests read <see cref="Current"/> once and keep that set for their work.
/// </summary>
public sealed class ListsInForce
{
    private readonly Func<ParseResult<ScreeningLists>> _load;
    private readonly Lock _reloading = new();
    private ScreeningLists _current;

    /// <param name="initial">The lists loaded at start.</param>
    /// <param name="load">Reads the lists again from where they were read at start (a configured folder, the state directory's active set, or the samples).</param>
    public ListsInForce(ScreeningLists initial, Func<ParseResult<ScreeningLists>> load)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(load);
        _current = initial;
        _load = load;
    }

    public ScreeningLists Current => Volatile.Read(ref _current);

    /// <summary>Reads the lists again; switches to them when they load and differ from the lists in force. One reload at a time.</summary>
    public ListsReload Reload()
    {
        lock (_reloading)
        {
            var before = Current;
            var loaded = _load();
            if (!loaded.Succeeded)
            {
                return new ListsReload(before, before, loaded.Problems);
            }

            var now = loaded.Value;
            if (now.Lists.Version == before.Lists.Version && now.Origin == before.Origin && now.Location == before.Location)
            {
                return new ListsReload(before, before, []);
            }

            Volatile.Write(ref _current, now);
            return new ListsReload(before, now, []);
        }
    }
}

/// <summary>What a reload did: the lists before and after (the same object when nothing changed), or the problems that kept the new lists out.</summary>
public sealed record ListsReload(ScreeningLists Before, ScreeningLists Now, IReadOnlyList<Problem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    public bool Changed => !ReferenceEquals(Before, Now);
}
