using Clearance.Core.Parsing;
using Clearance.Core.Screening;
using Clearance.Storage.Files;
using Clearance.Storage.Screening;

namespace Clearance.Server.Screening;

/// <summary>Where the lists in force came from: a folder named in configuration, the state directory, or the shipped samples.</summary>
public enum ListOrigin
{
    /// <summary>Files named by the Clearance:Lists setting.</summary>
    Configured,

    /// <summary>The list set loaded with `clearance lists load` into the state directory ($CLEARANCE_HOME).</summary>
    StateDirectory,

    /// <summary>The old, incomplete excerpts in data/lists/sample: good for a demonstration, never for real parties.</summary>
    Sample,
}

/// <summary>
/// One set of restricted-party lists the server screens against, indexed once when read (at start, or by a reload: see
/// <see cref="ListsInForce"/>). The same choice as the CLI's: the
/// lists loaded into the state directory, else the shipped samples (with a warning); a Clearance:Lists folder overrides both.
/// </summary>
public sealed class ScreeningLists
{
    private readonly ListStore? _store;

    private ScreeningLists(ListSet lists, ListOrigin origin, string location, DateTimeOffset? loadedAt, ListStore? store = null)
    {
        _store = store;
        Lists = lists;
        Index = ScreeningIndex.Build(lists);
        Origin = origin;
        Location = location;
        LoadedAt = loadedAt;
    }

    public ListSet Lists { get; }

    public ScreeningIndex Index { get; }

    public ListOrigin Origin { get; }

    /// <summary>The folder the lists were read from.</summary>
    public string Location { get; }

    /// <summary>When the list set was loaded into the state directory; null for files read directly.</summary>
    public DateTimeOffset? LoadedAt { get; }

    /// <summary>True when no lists are loaded and the shipped samples stand in.</summary>
    public bool IsSample => Origin == ListOrigin.Sample;

    /// <summary>Screens a ledger party by its name and country against the lists in force.</summary>
    public ScreeningResult Screen(Core.Ledger.Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return Index.Screen(party.ToScreened());
    }

    /// <summary>A list set loaded into the state directory earlier, by version, for re-screening against the changes since; null when not stored.</summary>
    public ListSet? Earlier(string version) => _store?.LoadVersion(version);

    /// <summary>Reads and indexes the lists in force; every problem of every file when they do not load.</summary>
    /// <param name="configuredPath">Clearance:Lists, a folder or file of lists that overrides the state directory.</param>
    /// <param name="home">Clearance:Home, the state directory (default $CLEARANCE_HOME, else ~/.clearance).</param>
    /// <param name="data">The data directory, whose lists/sample folder stands in when nothing is loaded.</param>
    public static ParseResult<ScreeningLists> Load(string? configuredPath, string? home, DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return FromFiles(configuredPath, ListOrigin.Configured);
        }

        var store = ListStore.Locate(home);
        var state = store.ReadState();
        if (!state.Succeeded)
        {
            return ParseResult<ScreeningLists>.Failure(state.Problems);
        }

        if (state.Value.Active is { } active)
        {
            return store.Load(active).Map(lists => new ScreeningLists(lists, ListOrigin.StateDirectory, Path.Combine(store.Home, "lists", active.Folder), active.LoadedAt, store));
        }

        return FromFiles(Path.Combine(data.Root, "lists", "sample"), ListOrigin.Sample);
    }

    private static ParseResult<ScreeningLists> FromFiles(string path, ListOrigin origin)
    {
        var files = ListStore.ReadFiles([path]);
        var lists = files.Succeeded ? ListLoader.Load(files.Value) : ParseResult<ListSet>.Failure(files.Problems);
        return lists.Map(set => new ScreeningLists(set, origin, Path.GetFullPath(path), null));
    }
}
