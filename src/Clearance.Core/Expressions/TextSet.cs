using System.Collections;

namespace Clearance.Core.Expressions;

/// <summary>
/// A small set of texts compared ignoring case, backed by an array: party countries and list hits hold a handful of
/// items, where a linear scan beats hashing and building the set costs two allocations.
/// </summary>
public sealed class TextSet : IReadOnlySet<string>
{
    private readonly string[] _items;

    /// <summary>Takes ownership of <paramref name="items"/>, removing duplicates in place (ignoring case).</summary>
    public TextSet(string[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var count = 0;
        foreach (var item in items)
        {
            if (IndexOf(items.AsSpan(0, count), item) < 0)
            {
                items[count++] = item;
            }
        }

        _items = count == items.Length ? items : items[..count];
    }

    public static TextSet Empty { get; } = new([]);

    public int Count => _items.Length;

    /// <summary>The members, without allocating an enumerator.</summary>
    public ReadOnlySpan<string> Items => _items;

    public bool Contains(string item) => IndexOf(_items, item) >= 0;

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

    private static int IndexOf(ReadOnlySpan<string> items, string item)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (string.Equals(items[i], item, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
