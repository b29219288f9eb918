using Clearance.Core.Screening;
using CsCheck;

namespace Clearance.Core.Tests.Screening;

public sealed class TokenSimilarityTests
{
    private const string Letters = "aeiouyhwjbpvfcgkqszxdtmnlr19-";

    private static readonly Gen<string> Tokens = Gen.String[Gen.Char[Letters], 1, 14];

    // A token and a variant of it a few random edits away (insertions, deletions, substitutions), so that many pairs
    // fall near the edit budget, where a bound that is too high would show.
    private static readonly Gen<(string, string)> NearPairs =
        Gen.Select(Tokens, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 20], Gen.Char[Letters]).Array[0, 5])
            .Select((token, edits) => (token, TextEdits.Apply(token, edits)));

    [Fact]
    public void LowerBound_NeverExceedsTheEditCost() =>
        Gen.OneOf(NearPairs, Gen.Select(Tokens, Tokens)).Sample(
            pair => TokenSimilarity.LowerBound(pair.Item1, pair.Item2) <= ReferenceCost(pair.Item1, pair.Item2) + 1e-9,
            iter: 20_000);

    [Fact]
    public void Cost_WithinTheLimit_EqualsTheTextbookWeightedEditDistance() =>
        Gen.Select(NearPairs, Gen.Int[1, 6].Select(doubled => doubled / 2.0)).Sample((pair, limit) =>
        {
            var expected = ReferenceCost(pair.Item1, pair.Item2);
            var cost = TokenSimilarity.Cost(pair.Item1, pair.Item2, limit);
            return expected <= limit ? Math.Abs(cost - expected) < 1e-9 : cost > limit;
        }, iter: 20_000);

    [Fact]
    public void OfShapesFirst_EqualsOf() =>
        Gen.OneOf(NearPairs, Gen.Select(Tokens, Tokens)).Sample((a, b) =>
            TokenSimilarity.OfShapesFirst(a, new TokenShape(a), b, new TokenShape(b)) == TokenSimilarity.Of(a, b), iter: 20_000);

    [Fact]
    public void TokenShape_KeepsLengthAndDigitsAlongsideTheCounts() =>
        Gen.Select(Tokens, Tokens).Sample((a, b) =>
        {
            var joined = new TokenShape(a).Concat(new TokenShape(b));
            var whole = new TokenShape(a + b);
            return joined.Length == a.Length + b.Length && joined.HasDigits == (a + b).Any(char.IsAsciiDigit)
                && whole.Length == joined.Length && TokenShape.LowerBound(joined, whole) == 0 && TokenShape.LowerBound(whole, new TokenShape(a)) == TokenSimilarity.LowerBound(a + b, a);
        }, iter: 5_000);

    [Fact]
    public void TokenShape_OfALongText_KeepsItsLength() =>
        Assert.Equal(ushort.MaxValue, new TokenShape(new string('a', 70_000)).Length);

    [Fact]
    public void RunMayPair_IsFalseOnlyWhenTheRunIsNotSimilar() =>
        Gen.Select(Tokens.Array[2, 4], Tokens, NearPairs).Sample((run, other, near) =>
        {
            // Half the time the token is a near variant of the run written together, so that pairs near the
            // length limits show.
            var merged = string.Concat(run);
            var token = near.Item2.Length % 2 == 0 ? TextEdits.Apply(merged, [(1, near.Item1.Length, 'a')]) : other;
            if (token.Length == 0)
            {
                return true;
            }

            var mayPair = TokenSimilarity.RunMayPair(merged.Length, merged.Any(char.IsAsciiDigit), merged[0], token, new TokenShape(token));
            return mayPair || TokenSimilarity.Of(merged, token) == 0;
        }, iter: 20_000);

    [Theory]
    [InlineData("johnsmith", "j", true)]             // an initial pairs with a run that starts with it
    [InlineData("johnsmith", "s", false)]
    [InlineData("alshantiahmed", "alshanti", true)]  // 5 letters apart: within twice the budget of 3 edits
    [InlineData("alshantiahmedxy", "alshanti", false)] // 7 letters apart: out of reach
    [InlineData("corp1", "corp12", false)]           // with digits, only the same text pairs: same length needed
    [InlineData("corp1", "corp1", true)]
    public void RunMayPair_ChecksLengthsInitialsAndDigits(string merged, string token, bool expected) =>
        Assert.Equal(expected, TokenSimilarity.RunMayPair(merged.Length, merged.Any(char.IsAsciiDigit), merged[0], token, new TokenShape(token)));

    [Theory]
    [InlineData("smith", "smyth", 0.0)]      // i and y are one group: the bound sees no difference
    [InlineData("abcd", "abcdrr", 2.0)]      // two consonants in excess cost 1 each
    [InlineData("abcd", "abcdee", 1.0)]      // two vowels in excess cost 0.5 each
    [InlineData("ab", "ac", 1.0)]            // b and c in different groups: one substitution
    public void LowerBound_PricesExcessLettersByHowCheapTheyAreToInsert(string a, string b, double expected) =>
        Assert.Equal(expected, TokenSimilarity.LowerBound(a, b), 9);

    // The weighted Levenshtein distance as documented on TokenSimilarity, written plainly (full table, fractional
    // costs) as the oracle for the optimised one.
    private static double ReferenceCost(string a, string b)
    {
        static int Group(char c) => "aeiouyj".Contains(c, StringComparison.Ordinal) ? 1
            : "ckqg".Contains(c, StringComparison.Ordinal) ? 2
            : "szx".Contains(c, StringComparison.Ordinal) ? 3
            : "bpvfw".Contains(c, StringComparison.Ordinal) ? 4
            : "dt".Contains(c, StringComparison.Ordinal) ? 5
            : "mn".Contains(c, StringComparison.Ordinal) ? 6
            : 0;
        static double Indel(char c) => "aeiouyhw".Contains(c, StringComparison.Ordinal) ? 0.5 : 1.0;
        static double Substitution(char x, char y) => x == y ? 0 : Group(x) != 0 && Group(x) == Group(y) ? 0.5 : 1.0;

        var table = new double[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            table[i, 0] = table[i - 1, 0] + Indel(a[i - 1]);
        }

        for (var j = 1; j <= b.Length; j++)
        {
            table[0, j] = table[0, j - 1] + Indel(b[j - 1]);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = Math.Min(
                    table[i - 1, j - 1] + Substitution(a[i - 1], b[j - 1]),
                    Math.Min(table[i - 1, j] + Indel(a[i - 1]), table[i, j - 1] + Indel(b[j - 1])));
            }
        }

        return table[a.Length, b.Length];
    }
}
