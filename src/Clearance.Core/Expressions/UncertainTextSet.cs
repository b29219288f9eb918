using System.Collections.Frozen;

namespace Clearance.Core.Expressions;

/// <summary>
/// A set of texts some of whose members are not known for certain, such as the designations of a chip whose figures
/// are partly unknown. Enumerating it yields the certain members; <see cref="Has"/> answers in three values.
/// </summary>
public interface IUncertainTextSet : IReadOnlySet<string>
{
    /// <summary>The texts that may or may not be members.</summary>
    IReadOnlySet<string> Undetermined { get; }

    /// <summary>True for a certain member, null for an undetermined one, false otherwise.</summary>
    bool? Has(string item);
}

/// <summary>Three-valued membership and overlap for text sets, certain or not.</summary>
public static class TextSetLogic
{
    public static bool? Has(IReadOnlySet<string> set, string item)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set is IUncertainTextSet uncertain ? uncertain.Has(item) : set.Contains(item);
    }

    /// <summary>True when the sets surely share a member, null when they may, false when they cannot.</summary>
    public static bool? Intersects(IReadOnlySet<string> left, IReadOnlySet<string> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);

        // Fast paths without an enumerator: walk the members of a certain, array-backed side and ask the other side.
        if (right is not IUncertainTextSet && TryItems(right, out var rightItems))
        {
            return AnyOf(rightItems, left);
        }

        if (left is not IUncertainTextSet && TryItems(left, out var leftItems))
        {
            return AnyOf(leftItems, right);
        }

        bool? result = false;
        foreach (var item in left)
        {
            switch (Has(right, item))
            {
                case true:
                    return true;
                case null:
                    result = null;
                    break;
            }
        }

        if (left is IUncertainTextSet uncertain)
        {
            foreach (var item in uncertain.Undetermined)
            {
                if (Has(right, item) != false)
                {
                    result = null;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// <see cref="Intersects"/> where <paramref name="certain"/> is a set of certain members with fast lookups (a pack's
    /// country group): walks the members of a small array-backed <paramref name="set"/> and asks the large set, instead of
    /// scanning the small one once per member of the large one.
    /// </summary>
    public static bool? IntersectsCertain(IReadOnlySet<string> set, IReadOnlySet<string> certain)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(certain);
        if (set is TextSet text)
        {
            foreach (var item in text.Items)
            {
                if (certain.Contains(item))
                {
                    return true;
                }
            }

            return false;
        }

        return Intersects(set, certain);
    }

    private static bool? AnyOf(ReadOnlySpan<string> items, IReadOnlySet<string> set)
    {
        bool? result = false;
        foreach (var item in items)
        {
            switch (Has(set, item))
            {
                case true:
                    return true;
                case null:
                    result = null;
                    break;
            }
        }

        return result;
    }

    private static bool TryItems(IReadOnlySet<string> set, out ReadOnlySpan<string> items)
    {
        switch (set)
        {
            case TextSet text:
                items = text.Items;
                return true;
            case FrozenSet<string> frozen:
                items = frozen.Items.AsSpan();
                return true;
            default:
                items = default;
                return false;
        }
    }
}
