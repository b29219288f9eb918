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
}
