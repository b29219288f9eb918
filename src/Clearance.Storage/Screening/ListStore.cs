using System.Text.Json;
using System.Text.Json.Serialization;
using Clearance.Core.Parsing;
using Clearance.Core.Screening;

namespace Clearance.Storage.Screening;

/// <summary>What the state file says about one stored list set.</summary>
public sealed record StoredListSet(string Version, string ContentHash, DateTimeOffset LoadedAt, string Folder, int Entries, IReadOnlyList<string> Sources);

/// <summary>The state file: the list set in force and the one before it (for `lists diff`).</summary>
public sealed record ListStoreState(StoredListSet? Active, StoredListSet? Previous);

/// <summary>
/// Keeps the restricted-party lists in force in the state directory ($CLEARANCE_HOME, else ~/.clearance) until the
/// ledger takes over: each loaded list set's files are copied, unchanged, into lists/VERSION/ and the state file
/// lists/state.json names the active and previous versions. Everything is written to a temporary name first and then
/// renamed, so a crash leaves either the old state or the new one, never half of each.
/// </summary>
public sealed class ListStore
{
    public const string EnvironmentVariable = "CLEARANCE_HOME";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public ListStore(string home)
    {
        Home = Path.GetFullPath(home);
    }

    public string Home { get; }

    private string ListsFolder => Path.Combine(Home, "lists");

    private string StatePath => Path.Combine(ListsFolder, "state.json");

    /// <summary>The state directory: --home, else $CLEARANCE_HOME, else ~/.clearance.</summary>
    public static ListStore Locate(string? explicitHome = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitHome))
        {
            return new ListStore(explicitHome);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return new ListStore(fromEnvironment);
        }

        return new ListStore(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".clearance"));
    }

    public ParseResult<ListStoreState> ReadState()
    {
        if (!File.Exists(StatePath))
        {
            return ParseResult<ListStoreState>.Success(new ListStoreState(null, null));
        }

        try
        {
            var state = JsonSerializer.Deserialize<ListStoreState>(File.ReadAllText(StatePath), Json);
            return state is null
                ? ParseResult<ListStoreState>.Failure(new Problem(SourceLocation.StartOf(StatePath), "", "the state file is empty"))
                : ParseResult<ListStoreState>.Success(state);
        }
        catch (JsonException ex)
        {
            return ParseResult<ListStoreState>.Failure(new Problem(new SourceLocation(StatePath, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1), ex.Path ?? "", $"the state file is damaged: {ex.Message}"));
        }
        catch (IOException ex)
        {
            return ParseResult<ListStoreState>.Failure(new Problem(SourceLocation.StartOf(StatePath), "", $"cannot read the state file: {ex.Message}"));
        }
    }

    /// <summary>Parses a stored list set again from its files.</summary>
    public ParseResult<ListSet> Load(StoredListSet stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var folder = Path.Combine(ListsFolder, stored.Folder);
        var files = ReadFiles([folder]);
        if (!files.Succeeded)
        {
            return ParseResult<ListSet>.Failure(files.Problems);
        }

        var loaded = ListLoader.Load(files.Value);
        if (loaded.Succeeded && loaded.Value.ContentHash != stored.ContentHash)
        {
            return ParseResult<ListSet>.Failure(new Problem(SourceLocation.StartOf(folder), "", $"the stored lists no longer match their recorded hash {stored.ContentHash[..12]}; load them again"));
        }

        return loaded;
    }

    /// <summary>
    /// A list set loaded earlier, by its version (the first 12 hex digits of its content hash, which names its folder):
    /// null when it is not stored, or its files no longer give that version.
    /// </summary>
    public ListSet? LoadVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Length != 12 || !version.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var folder = Path.Combine(ListsFolder, version);
        if (!Directory.Exists(folder) || ReadFiles([folder]) is not { Succeeded: true } files)
        {
            return null;
        }

        var loaded = ListLoader.Load(files.Value);
        return loaded.Succeeded && loaded.Value.Version == version ? loaded.Value : null;
    }

    /// <summary>Stores a list set as the active one; the active one becomes the previous one.</summary>
    public StoredListSet Save(ListSet lists, IReadOnlyList<SourceText> files, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(ListsFolder);
        var folder = lists.Version;
        var target = Path.Combine(ListsFolder, folder);
        if (!Directory.Exists(target))
        {
            if (files.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            {
                throw new ArgumentException($"two list files are both named '{duplicate.Key}'; one would overwrite the other", nameof(files));
            }

            var staging = Path.Combine(ListsFolder, $".staging-{Guid.NewGuid():N}");
            foreach (var file in files)
            {
                var path = Path.GetFullPath(Path.Combine(staging, file.Name));
                if (!path.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{file.Name}' would be written outside the state directory", nameof(files));
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }

            Directory.Move(staging, target);
        }

        var previous = ReadState().Succeeded ? ReadState().Value.Active : null;
        var stored = new StoredListSet(lists.Version, lists.ContentHash, loadedAt, folder, lists.Entries.Count, lists.Sources.Select(s => $"{s.Name} ({s.Version}, {s.EntryCount} entries)").ToArray());
        var state = new ListStoreState(stored, previous?.Version == stored.Version ? ReadState().Value.Previous : previous);
        var temporary = StatePath + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Json));
        File.Move(temporary, StatePath, overwrite: true);
        return stored;
    }

    /// <summary>
    /// Reads the files a user names: folders are read whole (recursively), files one by one. Each text is named by
    /// its path below the folder that was named, so OFAC's companion files stay beside their main file.
    /// </summary>
    public static ParseResult<IReadOnlyList<SourceText>> ReadFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<SourceText>();
        var problems = new List<Problem>();
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);

        // Files are named by the folder they come from; two different folders with the same name (a/csl, b/csl) get
        // distinct prefixes (csl, csl~2), or the second folder's files would overwrite the first's when stored.
        string Prefix(string folder)
        {
            if (prefixes.TryGetValue(folder, out var known))
            {
                return known;
            }

            var name = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));
            var prefix = name;
            for (var n = 2; !taken.Add(prefix); n++)
            {
                prefix = $"{name}~{n}";
            }

            prefixes[folder] = prefix;
            return prefix;
        }

        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                var baseName = Prefix(full.TrimEnd(Path.DirectorySeparatorChar));
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(file);
                    if (name.StartsWith('.') || name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    Read(file, Path.Combine(baseName, Path.GetRelativePath(full, file)), files, problems);
                }
            }
            else if (File.Exists(full))
            {
                Read(full, Path.Combine(Path.GetDirectoryName(full) is { } folder ? Prefix(folder) : "", Path.GetFileName(full)), files, problems);
            }
            else
            {
                problems.Add(new Problem(SourceLocation.StartOf(path), "", "no such file or folder"));
            }
        }

        if (files.Count == 0 && problems.Count == 0)
        {
            problems.Add(new Problem(SourceLocation.StartOf(string.Join(", ", paths)), "", "no list files found"));
        }

        return problems.Count > 0
            ? ParseResult<IReadOnlyList<SourceText>>.Failure(problems)
            : ParseResult<IReadOnlyList<SourceText>>.Success(files);
    }

    private static void Read(string path, string name, List<SourceText> files, List<Problem> problems)
    {
        try
        {
            files.Add(new SourceText(name.Replace('\\', '/'), File.ReadAllText(path)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new Problem(SourceLocation.StartOf(path), "", $"cannot read the file: {ex.Message}"));
        }
    }
}
