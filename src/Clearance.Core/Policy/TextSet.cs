using System.Collections;

namespace Clearance.Core.Policy;

/// <summary>
/// A small set of texts compared ignoring case, backed by an array: party countries and list hits hold a handful of
/// items, where a linear scan beats hashing and building the set costs one allocation.
/// </summary>
public sealed class TextSet : IReadOnlySet<string>
{
    private readonly string[] _items;

    public TextSet(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var distinct = new List<string>();
        foreach (var item in items)
        {
            if (!Contains(distinct, item))
            {
                distinct.Add(item);
            }
        }

        _items = [.. distinct];
    }

    public static TextSet Empty { get; } = new([]);

    public int Count => _items.Length;

    public bool Contains(string item)
    {
        foreach (var candidate in _items)
        {
            if (string.Equals(candidate, item, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<string> other) => IsSubsetOf(other) && other.Distinct(StringComparer.OrdinalIgnoreCase).Count() > Count;

    public bool IsProperSupersetOf(IEnumerable<string> other) => IsSupersetOf(other) && other.Distinct(StringComparer.OrdinalIgnoreCase).Count() < Count;

    public bool IsSubsetOf(IEnumerable<string> other)
    {
        var set = other.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _items.All(set.Contains);
    }

    public bool IsSupersetOf(IEnumerable<string> other) => other.All(Contains);

    public bool Overlaps(IEnumerable<string> other) => other.Any(Contains);

    public bool SetEquals(IEnumerable<string> other) => IsSubsetOf(other) && IsSupersetOf(other);

    private static bool Contains(List<string> items, string item) =>
        items.Exists(candidate => string.Equals(candidate, item, StringComparison.OrdinalIgnoreCase));
}
