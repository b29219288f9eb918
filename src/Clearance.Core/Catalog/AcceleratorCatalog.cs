using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;

namespace Clearance.Core.Catalog;

/// <summary>
/// An immutable, validated set of accelerators and the sources their figures cite.
/// Chips are found by id, name or alias, ignoring case, spaces, hyphens and underscores.
/// </summary>
public sealed class AcceleratorCatalog
{
    private readonly FrozenDictionary<string, Accelerator> _byKey;

    public AcceleratorCatalog(IEnumerable<Accelerator> accelerators, IEnumerable<Source> sources)
    {
        Accelerators = [.. accelerators.OrderBy(a => a.Id, StringComparer.Ordinal)];
        Sources = sources.ToImmutableSortedDictionary(s => s.Key, s => s, StringComparer.Ordinal);
        var keys = new Dictionary<string, Accelerator>(StringComparer.Ordinal);
        foreach (var accelerator in Accelerators)
        {
            foreach (var name in NamesOf(accelerator))
            {
                if (!keys.TryAdd(LookupKey(name), accelerator) && keys[LookupKey(name)] != accelerator)
                {
                    throw new ArgumentException($"'{name}' names both {keys[LookupKey(name)].Id} and {accelerator.Id}.", nameof(accelerators));
                }
            }
        }

        _byKey = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static AcceleratorCatalog Empty { get; } = new([], []);

    /// <summary>All chips, ordered by id.</summary>
    public ImmutableArray<Accelerator> Accelerators { get; }

    public ImmutableSortedDictionary<string, Source> Sources { get; }

    public int Count => Accelerators.Length;

    public Accelerator? Find(string nameOrAlias) =>
        _byKey.TryGetValue(LookupKey(nameOrAlias), out var accelerator) ? accelerator : null;

    /// <summary>The closest names to an unknown one, best first, for "did you mean".</summary>
    public IReadOnlyList<string> Suggest(string unknown, int count = 3)
    {
        var key = LookupKey(unknown);
        if (key.Length == 0)
        {
            return [];
        }

        return Accelerators
            .SelectMany(a => NamesOf(a).Select(name => (Name: name, Accelerator: a)))
            .Select(candidate => (candidate.Name, candidate.Accelerator, Score: Distance(key, LookupKey(candidate.Name))))
            .Where(candidate => candidate.Score <= Math.Max(2, key.Length / 2))
            .OrderBy(candidate => candidate.Score)
            .ThenBy(candidate => candidate.Name.Length)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .DistinctBy(candidate => candidate.Accelerator.Id)
            .Take(count)
            .Select(candidate => candidate.Name)
            .ToArray();
    }

    /// <summary>Folds a user-typed chip name to its lookup form: lower case, letters and digits only.</summary>
    public static string LookupKey(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> NamesOf(Accelerator accelerator) =>
        new[] { accelerator.Id, accelerator.Name }.Concat(accelerator.Aliases);

    /// <summary>
    /// Edit distance where a candidate that merely extends what was typed ("h20" → "h200") counts as close:
    /// the shorter of the Damerau–Levenshtein distance and the distance to the candidate's prefix, plus one.
    /// </summary>
    private static int Distance(string typed, string candidate)
    {
        var full = DamerauLevenshtein(typed, candidate);
        if (candidate.Length > typed.Length && candidate.Contains(typed, StringComparison.Ordinal))
        {
            return Math.Min(full, 1);
        }

        return full;
    }

    private static int DamerauLevenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
