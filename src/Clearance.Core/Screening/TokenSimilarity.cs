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
        if (!LengthsAllow(shorter, longer, budget) || TokenShape.LowerBound(aShape, bShape) > budget)
        {
            return 0.0;
        }

        return FromDistance(a, b, longer, budget);
    }

    /// <summary>
    /// The same similarity, deciding from the shapes before <paramref name="b"/> is read: retrieval compares a token with
    /// thousands of vocabulary tokens, most of which the lengths and letter counts rule out, and reading each one's text
    /// would cost a cache miss apiece.
    /// </summary>
    internal static double OfShapesFirst(ReadOnlySpan<char> a, in TokenShape aShape, string b, in TokenShape bShape)
    {
        if (aShape.HasDigits || bShape.HasDigits)
        {
            return a.SequenceEqual(b) ? 1.0 : 0.0;
        }

        var longer = Math.Max(a.Length, bShape.Length);
        var shorter = Math.Min(a.Length, bShape.Length);
        if (shorter == 1)
        {
            return a[0] != b[0] ? 0.0 : longer == 1 ? 1.0 : InitialSimilarity;
        }

        var budget = Budget(longer);
        if (!LengthsAllow(shorter, longer, budget))
        {
            return 0.0;
        }

        var bound = TokenShape.LowerBound(aShape, bShape);
        if (bound > budget)
        {
            return 0.0;
        }

        if (bound == 0 && a.Length == b.Length && a.SequenceEqual(b))
        {
            return 1.0;
        }

        return FromDistance(a, b, longer, budget);
    }

    /// <summary>The similarity of two tokens the cheap checks let through: from the edit distance, 0 past the budget or below the floor.</summary>
    private static double FromDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int longer, double budget)
    {
        var cost = Distance(a, b, budget);
        if (cost > budget)
        {
            return 0.0;
        }

        var similarity = 1.0 - (cost / longer);
        return similarity < Floor ? 0.0 : similarity;
    }

    /// <summary>
    /// Whether a run of tokens written together (<paramref name="runLength"/> letters in all, the first
    /// <paramref name="runFirst"/>) could be similar to <paramref name="token"/> at all, from lengths alone: the
    /// checks <see cref="Of(ReadOnlySpan{char}, in TokenShape, ReadOnlySpan{char}, in TokenShape)"/> makes first,
    /// without building the run. False means <c>Of</c> would return 0.
    /// </summary>
    internal static bool RunMayPair(int runLength, bool runDigits, char runFirst, string token, in TokenShape shape)
    {
        if (runDigits || shape.HasDigits)
        {
            // Only the same text.
            return runLength == token.Length;
        }

        if (token.Length == 1)
        {
            // An initial (a run is at least two letters long).
            return runFirst == token[0];
        }

        var longer = Math.Max(runLength, token.Length);
        return LengthsAllow(Math.Min(runLength, token.Length), longer, Budget(longer));
    }

    /// <summary>Whether tokens this much apart in length are within the edit budget: every letter added costs at least half an edit.</summary>
    private static bool LengthsAllow(int shorter, int longer, double budget) => budget > 0 && longer - shorter <= budget * 2;

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
    /// 0.5 or 1), and read from tables indexed by character; the result is the same as with fractional costs. Only the
    /// diagonals a path within <paramref name="limit"/> can use are filled, and the table stops at the first row from
    /// which every path costs more (each insertion or deletion costs at least 0.5). Past the limit the result is only
    /// known to exceed it.
    /// </summary>
    internal static double Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double limit)
    {
        if (!System.Text.Ascii.IsValid(a) || !System.Text.Ascii.IsValid(b))
        {
            return DistanceOfAnyText(a, b, limit);
        }

        const int Unreachable = 1 << 20;
        var doubledLimit = 2 * limit;

        // A path through the cell on diagonal k = j - i makes at least |k| + |d - k| insertions or deletions (d is the
        // difference in length), each costing at least 1 in doubled costs: only the diagonals where that stays within
        // the limit are filled.
        var reach = (int)Math.Floor(doubledLimit);
        var d = b.Length - a.Length;
        if (Math.Abs(d) > reach)
        {
            return 0.5 * Math.Abs(d);
        }

        var kMin = (int)Math.Ceiling((d - reach) / 2.0);
        var kMax = (int)Math.Floor((d + reach) / 2.0);
        ReadOnlySpan<byte> substitutions = DoubledSubstitutionCosts;
        ReadOnlySpan<byte> indels = DoubledIndelCosts;
        Span<int> previous = stackalloc int[b.Length + 2];
        Span<int> current = stackalloc int[b.Length + 2];
        Span<int> bIndel = stackalloc int[b.Length];
        for (var j = 0; j < b.Length; j++)
        {
            bIndel[j] = indels[b[j]];
        }

        previous[0] = 0;
        for (var j = 1; j <= b.Length; j++)
        {
            previous[j] = j <= kMax ? previous[j - 1] + bIndel[j - 1] : Unreachable;
        }

        previous[b.Length + 1] = Unreachable;
        for (var i = 1; i <= a.Length; i++)
        {
            var x = a[i - 1];
            var xIndel = (int)indels[x];
            var row = substitutions.Slice(x * 128, 128);
            var lo = Math.Max(1, i + kMin);
            var hi = Math.Min(b.Length, i + kMax);
            current[lo - 1] = lo == 1 && -i >= kMin ? previous[0] + xIndel : Unreachable;

            // The least a path through this row can cost: a cell's cost plus the insertions or deletions still needed
            // to reach the end.
            var rowMin = current[lo - 1] + Math.Abs(d - (lo - 1 - i));
            var left = current[lo - 1];
            for (var j = lo; j <= hi; j++)
            {
                var substitution = previous[j - 1] + row[b[j - 1]];
                var deletion = previous[j] + xIndel;
                var insertion = left + bIndel[j - 1];
                left = Math.Min(substitution, Math.Min(deletion, insertion));
                current[j] = left;
                rowMin = Math.Min(rowMin, left + Math.Abs(d - (j - i)));
            }

            current[hi + 1] = Unreachable;
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

    /// <summary>The same table for text outside ASCII (never produced by <see cref="NameNormaliser"/>), filled whole.</summary>
    private static double DistanceOfAnyText(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double limit)
    {
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
    /// A lower bound on <see cref="Cost"/> in linear time: count the letters by group (<see cref="Group"/>; letters
    /// outside every group count alone) and price the letters one side has in excess of the other
    /// (<see cref="TokenShape.LowerBound"/>). A substitution within a group leaves the counts as they are; every other
    /// edit changes them, and costs at least what the bound charges for the change.
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

    private static double IndelCost(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'h' or 'w' ? 0.5 : 1.0;

    private static double SubstitutionCost(char x, char y) => x == y ? 0.0 : Group(x) != 0 && Group(x) == Group(y) ? 0.5 : 1.0;

    /// <summary><see cref="IndelCost"/> doubled, for the 128 ASCII characters.</summary>
    private static readonly byte[] DoubledIndelCosts = [.. Enumerable.Range(0, 128).Select(c => (byte)(2 * IndelCost((char)c)))];

    /// <summary><see cref="SubstitutionCost"/> doubled, for every pair of ASCII characters (row = first character).</summary>
    private static readonly byte[] DoubledSubstitutionCosts =
        [.. Enumerable.Range(0, 128 * 128).Select(i => (byte)(2 * SubstitutionCost((char)(i / 128), (char)(i % 128))))];

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
    /// <summary>Lanes 0–19 count the buckets; lane 29 says whether the token holds a digit, lanes 30–31 hold its length (so a shape is 32 bytes).</summary>
    private const int DigitsLane = 29;

    private const int LengthLane = 30;

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

        _counts = WithLengthAndDigits(Vector256.Create<byte>(counts), token.Length, digits);
    }

    private TokenShape(Vector256<byte> counts) => _counts = counts;

    /// <summary>The token's length (lengths past 65,535 are kept at 65,535).</summary>
    public int Length => _counts.GetElement(LengthLane) | (_counts.GetElement(LengthLane + 1) << 8);

    public bool HasDigits => _counts.GetElement(DigitsLane) != 0;

    /// <summary>The shape of this token and <paramref name="next"/> written as one (runs of at most 64 characters, so no count overflows).</summary>
    public TokenShape Concat(in TokenShape next) =>
        new(WithLengthAndDigits((_counts + next._counts) & BucketLanes, Length + next.Length, HasDigits || next.HasDigits));

    private static Vector256<byte> WithLengthAndDigits(Vector256<byte> counts, int length, bool digits)
    {
        length = Math.Min(length, ushort.MaxValue);
        return counts.WithElement(DigitsLane, (byte)(digits ? 1 : 0)).WithElement(LengthLane, (byte)length).WithElement(LengthLane + 1, (byte)(length >> 8));
    }

    /// <summary>
    /// <see cref="TokenSimilarity.LowerBound(ReadOnlySpan{char}, ReadOnlySpan{char})"/> from the two shapes. The
    /// letters one side has in excess of the other, bucket by bucket, must each be inserted, deleted or substituted for
    /// an excess letter of the other side. An insertion or deletion costs 1, or 0.5 in the buckets holding vowels, h
    /// or w ("cheap" here); a substitution across buckets costs 1 for two letters. So the cheapest way out is to pay
    /// for every excess letter alone and then save what substitutions save: 1 for two costly letters paired, 0.5 for a
    /// costly letter paired with a cheap one, nothing for two cheap ones; pairing costly letters with each other first
    /// saves the most.
    /// </summary>
    public static double LowerBound(in TokenShape a, in TokenShape b)
    {
        var larger = Vector256.Max(a._counts, b._counts);
        var aExcess = (larger - b._counts) & BucketLanes;
        var bExcess = (larger - a._counts) & BucketLanes;
        var aCheap = Sum(aExcess & CheapBuckets);
        var bCheap = Sum(bExcess & CheapBuckets);
        var aCostly = Sum(aExcess) - aCheap;
        var bCostly = Sum(bExcess) - bCheap;
        var costlyPairs = Math.Min(aCostly, bCostly);
        var mixedPairs = aCostly >= bCostly ? Math.Min(aCostly - bCostly, bCheap) : Math.Min(bCostly - aCostly, aCheap);
        return (0.5 * (aCheap + bCheap)) + aCostly + bCostly - costlyPairs - (0.5 * mixedPairs);
    }

    /// <summary>The lanes that count buckets (0–19).</summary>
    private static readonly Vector256<byte> BucketLanes = Vector256.Create(
        (byte)255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Buckets 0 (vowels and j), 3 (b, p, v, f, w) and 6 (h): some of their letters are inserted or deleted for 0.5.</summary>
    private static readonly Vector256<byte> CheapBuckets = Vector256.Create(
        (byte)255, 0, 0, 255, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static int Sum(Vector256<byte> counts)
    {
        if (Avx2.IsSupported)
        {
            var sums = Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64();
            return (int)(sums.GetElement(0) + sums.GetElement(1) + sums.GetElement(2) + sums.GetElement(3));
        }

        var (lower, upper) = Vector256.Widen(counts);
        return Vector256.Sum(lower + upper);
    }
}
