using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    public static double Of(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Of(a, new TokenShape(a), b, new TokenShape(b));

    /// <summary>The same similarity with both tokens' shapes computed beforehand: the hot path of screening.</summary>
    internal static double Of(ReadOnlySpan<char> a, in TokenShape aShape, ReadOnlySpan<char> b, in TokenShape bShape)
    {
        if (a.Length == b.Length && a.SequenceEqual(b))
        {
            return 1.0;
        }

        if (aShape.HasDigits || bShape.HasDigits)
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
        if (budget <= 0 || longer - shorter > budget * 2 || TokenShape.LowerBound(aShape, bShape) > budget)
        {
            return 0.0;
        }

        var cost = Distance(a, b, budget);
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
        return bound > limit ? bound : Distance(a, b, limit);
    }

    /// <summary>
    /// The table of <see cref="Cost"/> without the bound first. Costs are kept doubled, as integers (every edit costs
    /// 0.5 or 1), and read from tables indexed by character; the result is the same as with fractional costs.
    /// </summary>
    internal static double Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double limit)
    {
        var doubledLimit = 2 * limit;
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        ReadOnlySpan<byte> groups = Groups;
        ReadOnlySpan<byte> indels = DoubledIndelCosts;
        previous[0] = 0;
        for (var j = 1; j <= b.Length; j++)
        {
            previous[j] = previous[j - 1] + DoubledIndelCost(b[j - 1], indels);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var x = a[i - 1];
            var xIndel = DoubledIndelCost(x, indels);
            var xGroup = x < 128 ? groups[x] : 0;
            current[0] = previous[0] + xIndel;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var y = b[j - 1];
                var substitution = previous[j - 1] + (x == y ? 0 : xGroup != 0 && y < 128 && groups[y] == xGroup ? 1 : 2);
                var deletion = previous[j] + xIndel;
                var insertion = current[j - 1] + DoubledIndelCost(y, indels);
                var best = Math.Min(substitution, Math.Min(deletion, insertion));
                current[j] = best;
                rowMin = Math.Min(rowMin, best);
            }

            if (rowMin > doubledLimit)
            {
                return 0.5 * rowMin;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return 0.5 * previous[b.Length];
    }

    /// <summary>
    /// A lower bound on <see cref="Cost"/>: count the letters by group (<see cref="Group"/>; letters outside every
    /// group count alone) and take half the letters one side has in excess of the other. A substitution within a group
    /// leaves the counts as they are, one across groups moves them by 2 and costs 1, an insertion or deletion moves
    /// them by 1 and costs at least 0.5: so every edit costs at least half of what it moves.
    /// </summary>
    internal static double LowerBound(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => TokenShape.LowerBound(new TokenShape(a), new TokenShape(b));

    /// <summary>
    /// The bucket a character is counted in by <see cref="LowerBound"/>: groups 1–6 are buckets 0–5, the letters in no
    /// group (h, l, r) 6–8, the digits 9–18, anything else 19.
    /// </summary>
    internal static int Bucket(char c)
    {
        var group = Group(c);
        return group != 0 ? group - 1
            : c switch
            {
                'h' => 6,
                'l' => 7,
                'r' => 8,
                >= '0' and <= '9' => 9 + (c - '0'),
                _ => 19,
            };
    }

    private static int DoubledIndelCost(char c, ReadOnlySpan<byte> table) => c < 128 ? table[c] : 2;

    private static readonly byte[] Groups = [.. Enumerable.Range(0, 128).Select(c => (byte)Group((char)c))];

    private static readonly byte[] DoubledIndelCosts = [.. Enumerable.Range(0, 128).Select(c => (byte)((char)c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'h' or 'w' ? 1 : 2))];

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

/// <summary>
/// What the cheap filters of <see cref="TokenSimilarity"/> need to know about a token, computed once per token rather
/// than once per comparison: its length, whether it holds a digit, and its characters counted by
/// <see cref="TokenSimilarity.Bucket"/> (counts above 255 are kept at 255, which only loosens the bound).
/// </summary>
internal readonly struct TokenShape
{
    private readonly Vector256<byte> _counts;

    public TokenShape(ReadOnlySpan<char> token)
    {
        Span<byte> counts = stackalloc byte[Vector256<byte>.Count];
        counts.Clear();
        var digits = false;
        foreach (var c in token)
        {
            var bucket = TokenSimilarity.Bucket(c);
            digits |= bucket is >= 9 and < 19;
            counts[bucket] = (byte)Math.Min(255, counts[bucket] + 1);
        }

        _counts = Vector256.Create<byte>(counts);
        Length = token.Length;
        HasDigits = digits;
    }

    private TokenShape(Vector256<byte> counts, int length, bool hasDigits)
    {
        _counts = counts;
        Length = length;
        HasDigits = hasDigits;
    }

    public int Length { get; }

    public bool HasDigits { get; }

    /// <summary>The shape of this token and <paramref name="next"/> written as one (runs of at most 64 characters, so no count overflows).</summary>
    public TokenShape Concat(in TokenShape next) => new(_counts + next._counts, Length + next.Length, HasDigits || next.HasDigits);

    /// <summary><see cref="TokenSimilarity.LowerBound(ReadOnlySpan{char}, ReadOnlySpan{char})"/> from the two shapes: half the sum of the counts' differences.</summary>
    public static double LowerBound(in TokenShape a, in TokenShape b)
    {
        if (Avx2.IsSupported)
        {
            var sums = Avx2.SumAbsoluteDifferences(a._counts, b._counts).AsUInt64();
            return 0.5 * (sums.GetElement(0) + sums.GetElement(1) + sums.GetElement(2) + sums.GetElement(3));
        }

        var difference = Vector256.Max(a._counts, b._counts) - Vector256.Min(a._counts, b._counts);
        var (lower, upper) = Vector256.Widen(difference);
        return 0.5 * Vector256.Sum(lower + upper);
    }
}
