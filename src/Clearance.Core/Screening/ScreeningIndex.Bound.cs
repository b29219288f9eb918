namespace Clearance.Core.Screening;

/// <summary>
/// Stage two of screening, before the scorer: skip the candidates that provably cannot reach the floor. Retrieval says,
/// for each party token, the most it can pair with in a name: as closely as it reached the name. That is exact for
/// tokens in the vocabulary (their near spellings are looked up in full), for runs (found with an exact filter) and for
/// initials (kept per name); a party token outside the vocabulary is compared with the name's tokens directly, and the
/// names compared whole, before a name is skipped.
/// </summary>
public sealed partial class ScreeningIndex
{
    /// <summary>
    /// For the tests of the bound: the names retrieval finds for a party that the bound skips although the scorer puts
    /// them at or above the floor. Empty when the bound is sound.
    /// </summary>
    internal IReadOnlyList<string> SkippedAtOrAboveFloor(Party party, ScreeningOptions? options = null)
    {
        var query = new ScoredName(NameNormaliser.Normalise(party.Name));
        var wrong = new List<string>();
        if (query.Tokens.Length == 0)
        {
            return wrong;
        }

        var scratch = t_scratch ??= new Scratch();
        scratch.Prepare(_names.Length, _vocabulary.Length, _runs.Length, _wholeNames.Length, Lists.Entries.Count);
        var floor = NameFloor(options ?? ScreeningOptions.Default);
        var skipped = Retrieve(query, scratch, floor, out var incomplete);
        foreach (var n in scratch.Candidates)
        {
            if (!MayReachFloor(query, n, skipped, incomplete, scratch, floor) && NameScorer.Score(query, _names[n]) >= floor)
            {
                wrong.Add(_nameText[n]);
            }
        }

        return wrong;
    }

    /// <summary>
    /// Stage one and what the bound needs of the party: collects the candidates (returning the tokens left out of
    /// retrieval), and notes the tokens retrieval may not know every pair of, the party's runs and its initials.
    /// </summary>
    private int Retrieve(ScoredName query, Scratch scratch, double floor, out int incomplete)
    {
        var skipped = CollectCandidates(query, scratch, floor);
        incomplete = IncompleteTokens(query);
        scratch.PartyRuns = Runs(query, scratch.PartyRunList);
        InitialsOf(query, scratch);
        return skipped;
    }

    /// <summary>Whether candidate name <paramref name="n"/> may score at least <paramref name="floor"/> (false only when it provably cannot).</summary>
    private bool MayReachFloor(ScoredName query, int n, int skipped, int incomplete, Scratch scratch, double floor)
    {
        ref readonly var candidate = ref scratch.Names[n];
        var mask = candidate.Mask | skipped;
        if (mask < 0)
        {
            return true;
        }

        ref readonly var facts = ref _nameFacts[n];
        var count = Math.Min(query.Tokens.Length, NameScorer.MaxTokens);
        Span<double> similarity = stackalloc double[count];
        RetrievedSimilarities(scratch, facts, mask, skipped, candidate.Similarity, similarity);

        // Runs that reached the name may each take more of its tokens than one.
        var listedWeight = Math.Max(0, facts.Weight - (candidate.Cover * NameScorer.MaxWeight));
        if (PairsMayReachFloor(query, similarity, listedWeight, floor))
        {
            return true;
        }

        var start = facts.TokenStart;
        var end = _nameFacts[n + 1].TokenStart;
        if (WholeMayReachFloor(query, n, facts.JoinedLength, floor) || PartyRunMayPair(scratch.PartyRuns, start, end))
        {
            return true;
        }

        if (incomplete == 0)
        {
            return false;
        }

        // Party tokens outside the vocabulary: their near spellings came from a stricter search, which misses some.
        // First with the most they could do (pair at 1, each taking four listed tokens as a run); then compared with the
        // name's tokens.
        for (var i = 0; i < Math.Min(count, 30); i++)
        {
            similarity[i] = (incomplete & (1 << i)) != 0 ? 1.0 : similarity[i];
        }

        var runsMayTake = 3 * System.Numerics.BitOperations.PopCount((uint)incomplete) * NameScorer.MaxWeight;
        if (!PairsMayReachFloor(query, similarity, Math.Max(0, listedWeight - runsMayTake), floor))
        {
            return false;
        }

        for (var i = 0; i < Math.Min(count, 30); i++)
        {
            similarity[i] = (incomplete & (1 << i)) != 0 ? 0.0 : similarity[i];
        }

        var memo = scratch.Memo;
        for (var i = 0; i < Math.Min(count, 30); i++)
        {
            if ((incomplete & (1 << i)) == 0)
            {
                continue;
            }

            for (var j = start; j < end && similarity[i] < 1.0; j++)
            {
                // As NameScorer.Similarity computes it (tokens with digits pair only when equal).
                var v = _nameTokenIds[j];
                if (!memo.TryGet(i, v, out var pair))
                {
                    pair = TokenSimilarity.OfShapesFirst(query.Tokens[i], query.Shapes[i], _vocabulary[v], _nameTokenShapes[j]);
                    memo.Set(i, v, pair);
                }

                similarity[i] = Math.Max(similarity[i], pair);
            }
        }

        if (PairsMayReachFloor(query, similarity, listedWeight, floor))
        {
            return true;
        }

        return RunMayPairWith(query, start, end, incomplete);
    }

    /// <summary>
    /// Whether a run of the party's tokens written as one could pair with one of the name's tokens at
    /// <see cref="NameScorer.RunFloor"/> or above (retrieval does not look for those pairs): lengths and letter counts
    /// rule out most, the rest are compared as the scorer compares them.
    /// </summary>
 private bool PartyRunMayPair(PartyRuns runs, int start, int end)
    {
        for (var j = start; j < end; j++)
        {
            var length = _nameTokenLengths[j];
            if (length < runs.ShortestPartner || length > runs.LongestPartner)
            {
                continue;
            }

            foreach (var run in runs.Runs)
            {
                if (length >= run.ShortestPartner && length <= run.LongestPartner && RunMayReach(run.Shape, _nameTokenShapes[j]) && TokenSimilarity.Of(run.Text, run.Shape, _vocabulary[_nameTokenIds[j]], _nameTokenShapes[j]) >= NameScorer.RunFloor - 1e-9)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a run of the name's tokens written as one could pair with one of the party tokens in
    /// <paramref name="tokens"/> (those outside the vocabulary, whose run partners retrieval does not look up).
    /// </summary>
    private bool RunMayPairWith(ScoredName query, int start, int end, int tokens)
    {
        Span<char> merged = stackalloc char[MaxRunLength];
        for (var i = 0; i < Math.Min(query.Tokens.Length, 30); i++)
        {
            if ((tokens & (1 << i)) == 0)
            {
                continue;
            }

            var (shortest, longest) = RunPartnerLengths(query.Tokens[i].Length);
            for (var a = start; a < end - 1; a++)
            {
                var length = (int)_nameTokenLengths[a];
                for (var b = a + 1; b < end && b - a < 4; b++)
                {
                    length += _nameTokenLengths[b];
                    if (length > longest || length > MaxRunLength)
                    {
                        // The scorer writes no run longer than MaxRunLength as one.
                        break;
                    }

                    if (length < shortest)
                    {
                        continue;
                    }

                    var shape = _nameTokenShapes[a];
                    var written = 0;
                    for (var k = a; k <= b; k++)
                    {
                        shape = k > a ? shape.Concat(_nameTokenShapes[k]) : shape;
                        _vocabulary[_nameTokenIds[k]].AsSpan().CopyTo(merged[written..]);
                        written += _nameTokenLengths[k];
                    }

                    if (RunMayReach(shape, query.Shapes[i]) && TokenSimilarity.Of(merged[..written], shape, query.Tokens[i], query.Shapes[i]) >= NameScorer.RunFloor - 1e-9)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Whether lengths and letter counts allow a run written as one and a token to pair at <see cref="NameScorer.RunFloor"/> or above.</summary>
    private static bool RunMayReach(in TokenShape run, in TokenShape token)
    {
        if (run.HasDigits || token.HasDigits)
        {
            return run.Length == token.Length;
        }

        // Every letter one has more than the other costs at least half a unit.
        var longer = Math.Max(run.Length, token.Length);
        var shorter = Math.Min(run.Length, token.Length);
        var allowed = ((1 - NameScorer.RunFloor) * longer) + 1e-9;
        return shorter > 1 && 0.5 * (longer - shorter) <= allowed && TokenShape.LowerBound(run, token) <= allowed;
    }

    /// <summary>
    /// The runs of two to four adjacent party tokens (of those the scorer reads, at most <see cref="MaxRunLength"/>
    /// letters) written as one, and the lengths a token must have to pair with one of them at
    /// <see cref="NameScorer.RunFloor"/> or above.
    /// </summary>
    private static PartyRuns Runs(ScoredName query, List<PartyRun> runs)
    {
        runs.Clear();
        var count = Math.Min(query.Tokens.Length, NameScorer.MaxTokens);
        int shortest = int.MaxValue, longest = 0;
        for (var a = 0; a < count - 1; a++)
        {
            var shape = query.Shapes[a];
            var text = query.Tokens[a];
            for (var b = a + 1; b < count && b - a < 4; b++)
            {
                if (text.Length + query.Tokens[b].Length > MaxRunLength)
                {
                    break;
                }

                shape = shape.Concat(query.Shapes[b]);
                text += query.Tokens[b];
                var (runShortest, runLongest) = RunPartnerLengths(text.Length);
                runs.Add(new PartyRun(text, shape, runShortest, runLongest));
                shortest = Math.Min(shortest, runShortest);
                longest = Math.Max(longest, runLongest);
            }
        }

        return new PartyRuns(runs, shortest, longest);
    }

    /// <summary>The party's runs of tokens, and the lengths of the tokens that may pair with one of them.</summary>
    private readonly record struct PartyRuns(List<PartyRun> Runs, int ShortestPartner, int LongestPartner);

    /// <summary>A run of adjacent party tokens written as one.</summary>
    private readonly record struct PartyRun(string Text, TokenShape Shape, int ShortestPartner, int LongestPartner);

    /// <summary>
    /// The party tokens (as bits) of which retrieval may not know every pair: those of two letters or more outside the
    /// vocabulary, left out of retrieval or not. Their near spellings come from a stricter search, which misses some,
    /// and their run partners are not looked up (with digits too: "DU23" pairs with "DU 23"). A one-letter token pairs
    /// only exactly or as an initial, which retrieval covers.
    /// </summary>
    private int IncompleteTokens(ScoredName query)
    {
        var incomplete = 0;
        for (var i = 0; i < Math.Min(Math.Min(query.Tokens.Length, NameScorer.MaxTokens), 30); i++)
        {
            if (query.Tokens[i].Length > 1 && !_tokenIds.ContainsKey(query.Tokens[i]))
            {
                incomplete |= 1 << i;
            }
        }

        return incomplete;
    }

    /// <summary>
    /// The most each party token can pair with a token of a name (<paramref name="facts"/>), from what retrieval knows: a token
    /// in <paramref name="mask"/> as closely as it reached the name (the tracked similarity; 1 past the tracked tokens
    /// and for those in <paramref name="skipped"/>, left out of retrieval), any token with an initial of its first
    /// letter (retrieval does not look for those), and any other token with nothing.
    /// </summary>
    private static void RetrievedSimilarities(Scratch scratch, in NameFacts facts, int mask, int skipped, ulong similarities, Span<double> similarity)
    {
        var initials = facts.Initials;
        var firstLetters = facts.FirstLetters;
        var asWord = scratch.InitialOfWord;
        var asInitial = scratch.InitialAsWord;
        for (var i = 0; i < similarity.Length; i++)
        {
            var s = i >= 30 || (mask & (1 << i)) == 0 ? 0.0
                : i < TrackedTokens && (skipped & (1 << i)) == 0 ? ((similarities >> (8 * i)) & 0xFF) / 255.0
                : 1.0;
            if (s < TokenSimilarity.InitialSimilarity && ((asWord[i] & initials) | (asInitial[i] & firstLetters)) != 0)
            {
                // An initial on one side ("J" and "John").
                s = TokenSimilarity.InitialSimilarity;
            }

            similarity[i] = s;
        }
    }

    /// <summary>
    /// For each party token, the letter bit a listed initial must have to pair with it (a word: its first letter), and
    /// the one a listed word must start with (an initial: its letter); 0 where the token holds digits.
    /// </summary>
    private static void InitialsOf(ScoredName query, Scratch scratch)
    {
        for (var i = 0; i < Math.Min(query.Tokens.Length, NameScorer.MaxTokens); i++)
        {
            var bit = query.Shapes[i].HasDigits ? 0 : LetterBit(query.Tokens[i]);
            scratch.InitialOfWord[i] = query.Tokens[i].Length > 1 ? bit : 0;
            scratch.InitialAsWord[i] = query.Tokens[i].Length == 1 ? bit : 0;
        }
    }

    /// <summary>
    /// Whether a name can score at least <paramref name="floor"/> when each party token pairs at most as closely as
    /// <paramref name="similarity"/> says (0: with nothing), as one token or a run. An upper bound on
    /// <see cref="NameScorer"/>'s token score: a token pairs with a listed token of any weight, or is left over and costs
    /// at least <see cref="NameScorer.QueryExtraPenalty"/> of its weight; a listed name holding more weight
    /// (<paramref name="listedWeight"/>, less what runs may take) than the pairs can take pays for the rest:
    /// <see cref="NameScorer.ListExtraPenalty"/> of it, and the full price of disagreeing tokens for as much of it as
    /// faces party tokens left over. Tested without dividing: the score reaches the floor when the matched weight less
    /// floor times the weight counted can reach 0; each token's best choice (paired or not) is taken on its own, and
    /// for p pairs the p best choices with the p heaviest tokens taken out of what is left over.
    /// </summary>
    private static bool PairsMayReachFloor(ScoredName query, ReadOnlySpan<double> similarity, double listedWeight, double floor)
    {
        Span<double> gains = stackalloc double[similarity.Length];
        Span<double> weights = stackalloc double[similarity.Length];
        var pairable = 0;
        double queryWeight = 0;
        for (var i = 0; i < similarity.Length; i++)
        {
            var w = query.Weights[i];
            var s = similarity[i];
            queryWeight += w;
            if (s <= 0)
            {
                continue;
            }

            // Paired with the listed token that serves the bound best (the heaviest when the pair pulls the score up),
            // against left over.
            var partner = s >= floor ? NameScorer.MaxWeight : NameScorer.FillerWeight;
            var gain = ((s - floor) * (w + partner)) + (floor * NameScorer.QueryExtraPenalty * w);
            var k = pairable++;
            for (; k > 0 && gains[k - 1] < gain; k--)
            {
                gains[k] = gains[k - 1];
            }

            gains[k] = gain;
            k = pairable - 1;
            for (; k > 0 && weights[k - 1] < w; k--)
            {
                weights[k] = weights[k - 1];
            }

            weights[k] = w;
        }

        const double Disagreeing = (2 * NameScorer.SubstitutionFactor) - NameScorer.QueryExtraPenalty - NameScorer.ListExtraPenalty;
        double gained = 0, pairedWeight = 0;
        for (var p = 0; ; p++)
        {
            var queryLeft = Math.Max(0, queryWeight - pairedWeight);
            var listedLeft = Math.Max(0, listedWeight - (p * NameScorer.MaxWeight));
            var cost = (NameScorer.QueryExtraPenalty * queryWeight) + (NameScorer.ListExtraPenalty * listedLeft) + (Disagreeing * Math.Min(queryLeft, listedLeft));
            if (gained - (floor * cost) >= -1e-9)
            {
                return true;
            }

            if (p == pairable)
            {
                return false;
            }

            gained += gains[p];
            pairedWeight += weights[p];
        }
    }

    /// <summary>
    /// Whether the two names compared whole (<see cref="NameScorer.JoinedSimilarity"/>, less 2%, as the scorer does)
    /// reach the floor. Lengths and letter counts rule out most names before the comparison.
    /// </summary>
    private bool WholeMayReachFloor(ScoredName query, int n, int joinedLength, double floor)
    {
        var longer = Math.Max(query.Joined.Length, joinedLength);
        if (longer < 6 || Math.Abs(query.Joined.Length - joinedLength) > NameScorer.JoinedLengthSlack)
        {
            return false;
        }

        ref readonly var listed = ref _nameJoinedShape[n];
        var bound = TokenShape.LowerBound(query.JoinedShape, listed);
        if (bound > TokenSimilarity.Budget(longer) || 0.98 * (1 - (bound / longer)) < floor - 1e-9)
        {
            return false;
        }

        var name = _names[n];
        return string.Equals(query.Digits, name.Digits, StringComparison.Ordinal)
            && 0.98 * NameScorer.JoinedSimilarity(query.Joined, query.JoinedShape, name.Joined, name.JoinedShape) >= floor - 1e-9;
    }

    private static uint LetterBit(string token) => token[0] is >= 'a' and <= 'z' ? 1u << (token[0] - 'a') : 0;

    /// <summary>The letters of a name's one-letter tokens, or the first letters of its longer ones (tokens with digits left out, as <see cref="TokenSimilarity"/> pairs them only when equal).</summary>
    private static uint LetterMask(ScoredName name, bool initials)
    {
        var mask = 0u;
        for (var j = 0; j < Math.Min(name.Tokens.Length, NameScorer.MaxTokens); j++)
        {
            if (!name.Shapes[j].HasDigits && (name.Tokens[j].Length == 1) == initials)
            {
                mask |= LetterBit(name.Tokens[j]);
            }
        }

        return mask;
    }
}
