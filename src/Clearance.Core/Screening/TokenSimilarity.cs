namespace Clearance.Core.Screening;

/// <summary>
/// How alike two normalised tokens are, from 0 to 1. Numbers match only exactly. Other tokens are compared by an
/// edit distance in which sounds that spellings confuse (c/k, s/z, i/y, o/u, e/i, ph/f…) and vowels dropped in
/// transliteration ("hsyn" for "husayn") cost half an edit; a token may differ by at most one edit in 4–5 letters,
/// two in 6–8 and three from 9, so short tokens never match loosely.
/// </summary>
public static class TokenSimilarity
{
    /// <summary>The lowest similarity counted as a match; below it a pair is 0.</summary>
    public const double Floor = 0.5;

    /// <summary>An initial against a name it could stand for ("V." and "Vladimir").</summary>
    public const double InitialSimilarity = 0.7;

    public static double Of(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.SequenceEqual(b))
        {
            return 1.0;
        }

        var aDigits = a.IndexOfAnyInRange('0', '9') >= 0;
        var bDigits = b.IndexOfAnyInRange('0', '9') >= 0;
        if (aDigits || bDigits)
        {
            return 0.0;
        }

        var longer = Math.Max(a.Length, b.Length);
        var shorter = Math.Min(a.Length, b.Length);
        if (shorter == 1)
        {
            // An initial: "j" for "john".
            return a[0] == b[0] ? InitialSimilarity : 0.0;
        }

        var budget = Budget(longer);
        if (budget <= 0 || longer - shorter > budget * 2)
        {
            return 0.0;
        }

        var cost = Cost(a, b, budget);
        if (cost > budget)
        {
            return 0.0;
        }

        var similarity = 1.0 - (cost / longer);
        return similarity < Floor ? 0.0 : similarity;
    }

    /// <summary>Edits allowed for a token of this length.</summary>
    public static double Budget(int length) => length switch
    {
        <= 3 => 0.5,
        <= 5 => 1.0,
        <= 8 => 2.0,
        _ => 3.0,
    };

    /// <summary>Weighted Levenshtein distance, stopping early once every path costs more than <paramref name="limit"/>.</summary>
    public static double Cost(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double limit)
    {
        // Most pairs that reach here (tokens sharing a trigram, runs of tokens) are far apart: rule them out in linear
        // time before the quadratic table.
        var bound = LowerBound(a, b);
        if (bound > limit)
        {
            return bound;
        }

        Span<double> previous = stackalloc double[b.Length + 1];
        Span<double> current = stackalloc double[b.Length + 1];
        previous[0] = 0;
        for (var j = 1; j <= b.Length; j++)
        {
            previous[j] = previous[j - 1] + IndelCost(b[j - 1]);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = previous[0] + IndelCost(a[i - 1]);
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + SubstitutionCost(a[i - 1], b[j - 1]);
                var deletion = previous[j] + IndelCost(a[i - 1]);
                var insertion = current[j - 1] + IndelCost(b[j - 1]);
                var best = Math.Min(substitution, Math.Min(deletion, insertion));
                current[j] = best;
                rowMin = Math.Min(rowMin, best);
            }

            if (rowMin > limit)
            {
                return rowMin;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// A lower bound on <see cref="Cost"/>: count the letters by group (<see cref="Group"/>; letters outside every
    /// group count alone) and take half the letters one side has in excess of the other. A substitution within a group
    /// leaves the counts as they are, one across groups moves them by 2 and costs 1, an insertion or deletion moves
    /// them by 1 and costs at least 0.5: so every edit costs at least half of what it moves.
    /// </summary>
    internal static double LowerBound(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> counts = stackalloc int[GroupBuckets];
        counts.Clear();
        foreach (var c in a)
        {
            counts[Bucket(c)]++;
        }

        foreach (var c in b)
        {
            counts[Bucket(c)]--;
        }

        var moved = 0;
        foreach (var n in counts)
        {
            moved += Math.Abs(n);
        }

        return 0.5 * moved;
    }

    // Groups 1–6, the other 26 letters and 10 digits one bucket each, and one bucket for anything else.
    private const int GroupBuckets = 7 + 26 + 10 + 1;

    private static int Bucket(char c)
    {
        var group = Group(c);
        return group != 0 ? group
            : c is >= 'a' and <= 'z' ? 7 + (c - 'a')
            : c is >= '0' and <= '9' ? 33 + (c - '0')
            : 43;
    }

    private static double IndelCost(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'h' or 'w' ? 0.5 : 1.0;

    private static double SubstitutionCost(char x, char y)
    {
        if (x == y)
        {
            return 0.0;
        }

        return Group(x) != 0 && Group(x) == Group(y) ? 0.5 : 1.0;
    }

    /// <summary>Letters a transliteration may swap for one another share a group.</summary>
    private static int Group(char c) => c switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' or 'y' => 1,
        'c' or 'k' or 'q' or 'g' => 2,
        's' or 'z' or 'x' => 3,
        'b' or 'p' or 'v' or 'f' or 'w' => 4,
        'd' or 't' => 5,
        'j' => 1,
        'm' or 'n' => 6,
        _ => 0,
    };
}
