namespace Clearance.Core.Screening;

/// <summary>A name ready for scoring: its tokens, their weights and the tokens run together.</summary>
internal sealed class ScoredName
{
    public ScoredName(NormalisedName normalised)
    {
        Normalised = normalised;
        Tokens = normalised.Tokens;
        Weights = new double[Tokens.Length];
        IsNumber = new bool[Tokens.Length];
        Shapes = new TokenShape[Tokens.Length];
        for (var i = 0; i < Tokens.Length; i++)
        {
            Shapes[i] = new TokenShape(Tokens[i]);
            var kind = NameNormaliser.Classify(Tokens[i]);
            Weights[i] = NameScorer.Weight(kind);
            IsNumber[i] = kind == TokenClass.Number;
            TotalWeight += Weights[i];
        }

        Joined = normalised.Joined;
        JoinedShape = new TokenShape(Joined);
        Digits = new string(Joined.Where(char.IsAsciiDigit).ToArray());
    }

    public NormalisedName Normalised { get; }

    public string[] Tokens { get; }

    public double[] Weights { get; }

    public bool[] IsNumber { get; }

    /// <summary>Each token's shape, for the cheap filters before an edit distance.</summary>
    public TokenShape[] Shapes { get; }

    /// <summary>For names in an index, each token's id in the index's vocabulary; empty otherwise.</summary>
    public int[] TokenIds { get; set; } = [];

    public double TotalWeight { get; }

    public string Joined { get; }

    public TokenShape JoinedShape { get; }

    public string Digits { get; }
}

/// <summary>
/// Scores how well a party's name matches a listed name, with the evidence. Tokens are paired one to one, best pairs
/// first, in any order (so "SURNAME, Given" matches "Given Surname"); each pair counts by its similarity and the
/// weight of its tokens (words and numbers 1, particles and initials 0.2; numbers pair only when equal).
/// Tokens left unpaired on one side only are extra names: on the list's side they cost <see cref="ListExtraPenalty"/> of
/// their weight (lists carry middle names and patronymics a party often omits), on the party's side
/// <see cref="QueryExtraPenalty"/> (a party named "Kimberly Christina Garrett" is not the vessel "CHRISTINA"); unpaired on both sides they are names that disagree and cost twice their
/// weight. Pairs in another order and disagreeing numbers cut the score. Names split or joined differently
/// ("AL SHANTI", "ALSHANTI") are also compared whole.
/// </summary>
internal static class NameScorer
{
    /// <summary>What a listed token left unpaired costs, as a share of its weight, when the party has none left over.</summary>
    public const double ListExtraPenalty = 0.2;

    /// <summary>What a party token left unpaired costs, as a share of its weight, when the list name has none left over.</summary>
    public const double QueryExtraPenalty = 0.6;

    /// <summary>What a pair of disagreeing tokens costs, in multiples of their weight.</summary>
    public const double SubstitutionFactor = 2.0;

    /// <summary>
    /// Common words weigh as much as distinctive ones: down-weighting them lowered F1 on the labelled pairs
    /// (docs/screening.md), so the class is kept for retrieval and evidence only.
    /// </summary>
    public const double CommonWeight = 1.0;

    public const double FillerWeight = 0.2;

    public const double OrderFactor = 0.85;

    /// <summary>
    /// The least similarity at which a run of tokens written as one pairs with a token: a close spelling only (at most
    /// one and a half edits in ten letters, one in seven, half an edit in four). Looser run pairs were mostly chance
    /// ("HN JANG" ~ "HSING", "LI MYINT" ~ "ALUMINAT"); the labelled pairs' F1 is the same with or without this floor,
    /// and the false hits on people on no list fall (docs/screening.md). Compared with a margin of 1e-9, so that a
    /// similarity on the floor (1 − 1.5/10 in floating point) counts as on it.
    /// </summary>
    public const double RunFloor = 0.85;

    /// <summary>Whole names are compared whole only when their lengths differ by at most this.</summary>
    public const int JoinedLengthSlack = 3;

    /// <summary>Tokens past this many, on either side, are left out of a score.</summary>
    public const int MaxTokens = 24;

    /// <summary>The most a token weighs (<see cref="Weight"/>).</summary>
    public const double MaxWeight = 1.0;

    public static double Weight(TokenClass kind) => kind switch
    {
        TokenClass.Distinctive => 1.0,
        TokenClass.Number => 1.0,
        TokenClass.Common => CommonWeight,
        _ => FillerWeight,
    };

    /// <summary>The score alone: the hot path, no allocation for names of up to 24 tokens.</summary>
    public static double Score(ScoredName query, ScoredName listed) => Score(query, listed, null);

    public static double Score(ScoredName query, ScoredName listed, List<TokenEvidence>? evidence) => Score(query, listed, evidence, null);

    public static double Score(ScoredName query, ScoredName listed, List<TokenEvidence>? evidence, SimilarityMemo? memo)
    {
        var nq = Math.Min(query.Tokens.Length, MaxTokens);
        var nl = Math.Min(listed.Tokens.Length, MaxTokens);
        if (nq == 0 || nl == 0)
        {
            return 0.0;
        }

        Span<double> similarity = stackalloc double[nq * nl];
        for (var i = 0; i < nq; i++)
        {
            for (var j = 0; j < nl; j++)
            {
                similarity[(i * nl) + j] = Similarity(query, i, listed, j, memo);
            }
        }

        Span<bool> queryUsed = stackalloc bool[nq];
        Span<bool> listedUsed = stackalloc bool[nl];
        Span<int> pairedWith = stackalloc int[nq];
        double matched = 0, denominator = 0;
        var fuzzyPairs = 0;
        while (true)
        {
            var best = 0.0;
            int bi = -1, bj = -1;
            for (var i = 0; i < nq; i++)
            {
                if (queryUsed[i])
                {
                    continue;
                }

                for (var j = 0; j < nl; j++)
                {
                    var s = similarity[(i * nl) + j];
                    if (s > best && !listedUsed[j])
                    {
                        best = s;
                        bi = i;
                        bj = j;
                    }
                }
            }

            if (bi < 0)
            {
                break;
            }

            queryUsed[bi] = true;
            listedUsed[bj] = true;
            pairedWith[bi] = bj;
            var pairWeight = query.Weights[bi] + listed.Weights[bj];
            var credit = best;
            fuzzyPairs += best < 1.0 ? 1 : 0;
            matched += credit * pairWeight;
            denominator += pairWeight;
            evidence?.Add(new TokenEvidence(query.Tokens[bi], listed.Tokens[bj], best, query.Weights[bi], best >= 1.0 ? "exact" : "fuzzy"));
        }

        // A name split differently ("PATR USHEV", "MOHAMMAD HASNI" for "MOHAMMADHASNI"): runs of unpaired tokens on
        // one side, run together, may pair with an unpaired token on the other.
        Span<char> mergeBuffer = stackalloc char[64];
        for (var side = 0; side < 2; side++)
        {
            var (runName, oneName) = side == 0 ? (query, listed) : (listed, query);
            var runUsed = side == 0 ? queryUsed : listedUsed;
            var oneUsed = side == 0 ? listedUsed : queryUsed;
            var runCount = side == 0 ? nq : nl;
            var oneCount = side == 0 ? nl : nq;
            if (!oneUsed[..oneCount].Contains(false))
            {
                // Every token of the other name is paired: no run can pair with one.
                continue;
            }

            for (var start = 0; start < runCount - 1; start++)
            {
                if (runUsed[start] || runUsed[start + 1])
                {
                    continue;
                }

                var end = start + 1;
                while (end + 1 < runCount && !runUsed[end + 1] && end - start < 3)
                {
                    end++;
                }

                for (var last = end; last > start; last--)
                {
                    var length = 0;
                    var digits = false;
                    for (var r = start; r <= last; r++)
                    {
                        length += runName.Tokens[r].Length;
                        digits |= runName.Shapes[r].HasDigits;
                    }

                    if (length > 64)
                    {
                        continue;
                    }

                    // Build the run only if its length lets it pair with a token left on the other side (most cannot).
                    var first = runName.Tokens[start][0];
                    var reachable = false;
                    for (var k = 0; k < oneCount && !reachable; k++)
                    {
                        reachable = !oneUsed[k] && TokenSimilarity.RunMayPair(length, digits, first, oneName.Tokens[k], oneName.Shapes[k]);
                    }

                    if (!reachable)
                    {
                        continue;
                    }

                    var shape = runName.Shapes[start];
                    var merged = mergeBuffer[..length];
                    length = 0;
                    for (var r = start; r <= last; r++)
                    {
                        shape = r > start ? shape.Concat(runName.Shapes[r]) : shape;
                        runName.Tokens[r].AsSpan().CopyTo(merged[length..]);
                        length += runName.Tokens[r].Length;
                    }

                    var found = false;
                    for (var k = 0; k < oneCount && !found; k++)
                    {
                        if (oneUsed[k] || !TokenSimilarity.RunMayPair(length, digits, first, oneName.Tokens[k], oneName.Shapes[k]))
                        {
                            continue;
                        }

                        var sim = TokenSimilarity.Of(merged, shape, oneName.Tokens[k], oneName.Shapes[k]);
                        if (sim >= RunFloor - 1e-9)
                        {
                            double runWeight = 0;
                            for (var r = start; r <= last; r++)
                            {
                                runUsed[r] = true;
                                runWeight = Math.Max(runWeight, runName.Weights[r]);
                            }

                            oneUsed[k] = true;
                            var pairWeight = runWeight + oneName.Weights[k];
                            matched += sim * pairWeight;
                            denominator += pairWeight;
                            fuzzyPairs++;
                            evidence?.Add(side == 0
                                ? new TokenEvidence(merged.ToString(), oneName.Tokens[k], sim, runWeight, "joined")
                                : new TokenEvidence(oneName.Tokens[k], merged.ToString(), sim, oneName.Weights[k], "joined"));
                            found = true;
                        }
                    }

                    if (found)
                    {
                        start = last;
                        break;
                    }
                }
            }
        }

        // Tokens left over on one side only are extra names (a middle name, a branch) and cost little; left over on
        // both sides they are names that disagree ("William Mutua" is not "William Ruto") and cost in full.
        double unmatchedQuery = 0, unmatchedListed = 0;
        var numberOnBothSides = 0;
        for (var i = 0; i < nq; i++)
        {
            if (!queryUsed[i])
            {
                unmatchedQuery += query.Weights[i];
                var isNumber = query.IsNumber[i];
                numberOnBothSides |= isNumber ? 1 : 0;
                evidence?.Add(new TokenEvidence(query.Tokens[i], null, 0, query.Weights[i], isNumber ? "number unmatched" : "unmatched"));
            }
        }

        var listedNumber = 0;
        for (var j = 0; j < nl; j++)
        {
            if (!listedUsed[j])
            {
                unmatchedListed += listed.Weights[j];
                listedNumber |= listed.IsNumber[j] ? 1 : 0;
                evidence?.Add(new TokenEvidence("", listed.Tokens[j], 0, listed.Weights[j], "only on the list"));
            }
        }

        var disagreeing = Math.Min(unmatchedQuery, unmatchedListed);
        denominator += (2 * SubstitutionFactor * disagreeing) + (QueryExtraPenalty * (unmatchedQuery - disagreeing)) + (ListExtraPenalty * (unmatchedListed - disagreeing));
        var tokenScore = denominator > 0 ? matched / denominator : 0.0;

        // Pairs found in another order: "Hans Friedrich" is not quite "Friedrich Hans".
        var inverted = false;
        for (int i = 0, last = -1; i < nq && !inverted; i++)
        {
            if (queryUsed[i])
            {
                inverted = pairedWith[i] < last;
                last = pairedWith[i];
            }
        }

        if (inverted)
        {
            tokenScore *= OrderFactor;
            evidence?.Add(new TokenEvidence("", null, OrderFactor, 0, "word order differs"));
        }

        if ((numberOnBothSides & listedNumber) == 1)
        {
            // "CORP 1" and "CORP 2": different numbers name different things.
            tokenScore *= 0.5;
            evidence?.Add(new TokenEvidence("", null, 0.5, 0, "numbers differ"));
        }

        var leftovers = unmatchedQuery > 0 || unmatchedListed > 0;
        if (tokenScore < 1.0 && (matched == 0 || (fuzzyPairs > 0 && leftovers)) && string.Equals(query.Digits, listed.Digits, StringComparison.Ordinal))
        {
            var whole = JoinedSimilarity(query.Joined, query.JoinedShape, listed.Joined, listed.JoinedShape);
            whole *= 0.98;
            if (whole > tokenScore)
            {
                evidence?.Add(new TokenEvidence(query.Joined, listed.Joined, whole, 1.0, "whole name"));
                return whole;
            }
        }

        return tokenScore;
    }

    internal static double Similarity(ScoredName query, int i, ScoredName listed, int j, SimilarityMemo? memo)
    {
        if (query.IsNumber[i] || listed.IsNumber[j])
        {
            return string.Equals(query.Tokens[i], listed.Tokens[j], StringComparison.Ordinal) ? 1.0 : 0.0;
        }

        if (memo is null || j >= listed.TokenIds.Length || i >= SimilarityMemo.MaxQueryTokens)
        {
            return TokenSimilarity.Of(query.Tokens[i], query.Shapes[i], listed.Tokens[j], listed.Shapes[j]);
        }

        var id = listed.TokenIds[j];
        if (memo.TryGet(i, id, out var known))
        {
            return known;
        }

        var similarity = TokenSimilarity.Of(query.Tokens[i], query.Shapes[i], listed.Tokens[j], listed.Shapes[j]);
        memo.Set(i, id, similarity);
        return similarity;
    }

    /// <summary>The whole names compared as one token, with the edit budget of their length.</summary>
    internal static double JoinedSimilarity(string a, in TokenShape aShape, string b, in TokenShape bShape)
    {
        var longer = Math.Max(a.Length, b.Length);
        if (longer < 6 || Math.Abs(a.Length - b.Length) > JoinedLengthSlack)
        {
            return 0.0;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1.0;
        }

        var budget = TokenSimilarity.Budget(longer);
        if (TokenShape.LowerBound(aShape, bShape) > budget)
        {
            return 0.0;
        }

        var cost = TokenSimilarity.Distance(a, b, budget);
        return cost > budget ? 0.0 : 1.0 - (cost / longer);
    }
}

/// <summary>
/// Token similarities already computed for the current party, keyed by party token and vocabulary id: retrieval fills
/// it and the scorer reads it, so each pair of tokens is compared once per party. A small open-addressing table (a few
/// thousand pairs are seen per party) so that it stays in the processor's cache; reset by a generation stamp. When
/// it is half full it stops taking new pairs, which only means they are computed again.
/// </summary>
internal sealed class SimilarityMemo
{
    public const int MaxQueryTokens = 8;

    private const int SlotBits = 13;
    private const int Capacity = (1 << SlotBits) / 2;

    private readonly Slot[] _slots = new Slot[1 << SlotBits];
    private int _generation;
    private int _count;

    public void Reset()
    {
        _count = 0;
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_slots);
            _generation = 1;
        }
    }

    public bool TryGet(int queryToken, int vocabularyId, out double similarity)
    {
        if (queryToken < MaxQueryTokens)
        {
            var key = (vocabularyId * MaxQueryTokens) + queryToken;
            for (var at = Home(key); ; at = (at + 1) & (_slots.Length - 1))
            {
                ref var slot = ref _slots[at];
                if (slot.Generation != _generation)
                {
                    break;
                }

                if (slot.Key == key)
                {
                    similarity = slot.Similarity;
                    return true;
                }
            }
        }

        similarity = 0;
        return false;
    }

    public void Set(int queryToken, int vocabularyId, double similarity)
    {
        if (queryToken >= MaxQueryTokens || _count >= Capacity)
        {
            return;
        }

        var key = (vocabularyId * MaxQueryTokens) + queryToken;
        for (var at = Home(key); ; at = (at + 1) & (_slots.Length - 1))
        {
            ref var slot = ref _slots[at];
            if (slot.Generation != _generation)
            {
                slot = new Slot(_generation, key, similarity);
                _count++;
                return;
            }

            if (slot.Key == key)
            {
                slot = new Slot(_generation, key, similarity);
                return;
            }
        }
    }

    private static int Home(int key) => (int)((uint)(key * -1640531535) >> (32 - SlotBits));

    private readonly record struct Slot(int Generation, int Key, double Similarity);
}

/// <summary>Compares two names with the screening scorer, outside any list: for evaluation and for explaining a score.</summary>
public static class NameMatch
{
    /// <summary>The name score of <paramref name="party"/> against <paramref name="listed"/>, 0–1.</summary>
    public static double Score(string party, string listed) =>
        NameScorer.Score(new ScoredName(NameNormaliser.Normalise(party)), new ScoredName(NameNormaliser.Normalise(listed)));

    /// <summary>The score with the per-token evidence behind it.</summary>
    public static (double Score, IReadOnlyList<TokenEvidence> Evidence) Explain(string party, string listed)
    {
        var evidence = new List<TokenEvidence>();
        var score = NameScorer.Score(new ScoredName(NameNormaliser.Normalise(party)), new ScoredName(NameNormaliser.Normalise(listed)), evidence);
        return (score, evidence);
    }
}
