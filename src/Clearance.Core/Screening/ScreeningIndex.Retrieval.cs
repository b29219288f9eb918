using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clearance.Core.Screening;

/// <summary>
/// Stage one of screening: the candidate names, each with which of the party's tokens reached it and how closely.
/// A party token reaches the names holding it, a near spelling of it (<see cref="TokenSimilarity.Of(ReadOnlySpan{char}, ReadOnlySpan{char})"/>
/// above 0) or a run of adjacent tokens it could pair with as one (<see cref="NameScorer.RunFloor"/>); a run of the
/// party's tokens reaches the names holding a token it could pair with; the party's tokens run together reach names
/// that may match as a whole.
/// </summary>
public sealed partial class ScreeningIndex
{
    /// <summary>
    /// Tokens of up to five letters share too few trigrams with many of their near spellings for the trigram filter to
    /// find them ("ir" and "iara", "aa" and "aya", "nico" and "unica"). Among tokens of up to five letters those are found
    /// through deletion variants instead. Such a pair is within the edit budget when it differs by at most one edit up to
    /// three letters and two up to five (each edit costing at least half a unit), so both tokens reach a common variant
    /// by leaving out at most as many letters as there are edits: at most one from a token of three letters or fewer
    /// (a pair with one of four or five letters differs in length, so one of its two edits at least is an insertion into
    /// the longer token), at most two from one of four or five.
    /// </summary>
    private const int ShortTokenLength = 3;

    private const int MediumTokenLength = 5;

    /// <summary>How many of a party's tokens have the similarity with which they reached each name tracked (a byte each in a <see cref="ulong"/>).</summary>
    private const int TrackedTokens = 8;

    /// <summary>A run's postings hold the name id in the low bits and, from this bit, how many tokens the run holds beyond one.</summary>
    private const int RunCoverShift = 28;

    private const int NameBits = (1 << RunCoverShift) - 1;

    /// <summary>Skeletons longer than this are not indexed (tokens that long share trigrams with their near spellings).</summary>
    private const int MaxSkeleton = 12;

    /// <summary>At most 1 + 12 + 66 keys for a skeleton of twelve letters.</summary>
    private const int MaxSkeletonVariants = 80;

    /// <summary>The longest run of tokens the scorer writes as one.</summary>
    private const int MaxRunLength = 64;

    /// <summary>
    /// How many padded trigrams a vocabulary token must share with a token to be looked at as a near spelling, by the
    /// longer length: as many as survive as many edits as the budget allows at one unit each. Edits costing half a unit
    /// can go further; the deletion variants, sound keys and consonant skeletons find most of those.
    /// </summary>
    private static readonly int[] NearNeeded = [.. Enumerable.Range(0, MaxRunLength + 1).Select(l => Math.Max(1, l - (3 * (int)Math.Ceiling(TokenSimilarity.Budget(l)))))];

    /// <summary>
    /// The same for a party token outside the vocabulary: one trigram more (so at least two). Its near spellings only
    /// lead retrieval to names (the bound compares such a token with each candidate name's tokens itself), and with
    /// one shared trigram the filter let hundreds of tokens through for each it found, most of a party's screening
    /// time. What the stricter filter loses is mostly spellings with the same consonant skeleton, which are looked up
    /// as well (<see cref="_vocabularyBySkeleton"/>); the cost in index recall is in docs/screening.md.
    /// </summary>
    private static readonly int[] NearNeededOutside = [.. NearNeeded.Select(n => n + 1)];

    /// <summary>
    /// How many padded trigrams a run and a token must share to pair at <see cref="NameScorer.RunFloor"/> or above: that
    /// leaves at most (1 − floor) × longer length to spend, each edit costs at least half a unit, and an edit changes at
    /// most three trigrams. Always at least one, so the filter is exact.
    /// </summary>
    private static readonly int[] RunNeeded = [.. Enumerable.Range(0, MaxRunLength + 1).Select(l => Math.Max(1, l - (3 * (int)Math.Floor((2 * (1 - NameScorer.RunFloor) * l) + 1e-9))))];

    /// <summary>
    /// The names that share a token, a near spelling or a run with the party's name. The commonest tokens are skipped
    /// while a name matching only them provably scores below the floor.
    /// </summary>
    /// <returns>A mask of the party's tokens left out of retrieval.</returns>
    private int CollectCandidates(ScoredName query, Scratch scratch, double floor)
    {
        var tokens = query.Tokens;
        var count = Math.Min(tokens.Length, NameScorer.MaxTokens);
        Span<int> order = stackalloc int[count];
        Span<int> frequency = stackalloc int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
            frequency[i] = _tokenIds.TryGetValue(tokens[i], out var id) ? _postings[id].Length : 0;
        }

        // Commonest first.
        for (var i = 1; i < count; i++)
        {
            for (var k = i; k > 0 && frequency[order[k]] > frequency[order[k - 1]]; k--)
            {
                (order[k], order[k - 1]) = (order[k - 1], order[k]);
            }
        }

        // A name that pairs only with skipped tokens gains at most their weight plus 1 per pair (a listed token weighs
        // at most 1) and still pays for every other query token: skip while that bound stays below the floor.
        Span<bool> skipped = stackalloc bool[count];
        double skippedWeight = 0, totalWeight = 0;
        for (var i = 0; i < count; i++)
        {
            totalWeight += query.Weights[i];
        }

        for (var k = 0; k < count; k++)
        {
            var i = order[k];
            var withIt = skippedWeight + query.Weights[i];
            var rest = totalWeight - withIt;
            var matchedMax = withIt + k + 1;
            var bound = matchedMax / (matchedMax + (NameScorer.QueryExtraPenalty * rest));
            if (rest <= 1e-9 || bound >= floor)
            {
                break;
            }

            skipped[i] = true;
            skippedWeight = withIt;
        }

        for (var i = 0; i < count; i++)
        {
            var bit = i < 30 ? 1 << i : int.MinValue;
            if (!skipped[i])
            {
                Expand(tokens[i], query.Shapes[i], bit, scratch);
            }

            // Runs of listed tokens the token could pair with, skipped or not: the bound must know of every run. (For a
            // token outside the vocabulary the bound looks at the runs of the names it would skip instead.)
            if (_tokenIds.TryGetValue(tokens[i], out var id))
            {
                foreach (var partner in RunPartnersOf(id, scratch))
                {
                    AddPostings(scratch, _runPostings[partner.Id], bit, partner.Similarity, runs: true);
                }
            }
        }

        // Names that may match as a whole ("AL SHANTI" and "ALSHANTI").
        ExpandWhole(query, scratch);

        var mask = 0;
        for (var i = 0; i < Math.Min(count, 30); i++)
        {
            mask |= skipped[i] ? 1 << i : 0;
        }

        return mask;
    }

    /// <summary>Adds the names holding a token or a near spelling of it, and keeps the similarities for the scorer.</summary>
    private void Expand(string token, in TokenShape shape, int bit, Scratch scratch)
    {
        var exact = -1;
        if (_tokenIds.TryGetValue(token, out var id))
        {
            exact = id;
            AddPostings(scratch, _postings[id], bit, 1.0, runs: false);
        }

        if (exact >= 0)
        {
            foreach (var near in NearSpellingsOf(exact, scratch))
            {
                Remember(scratch, bit, near.Id, near.Similarity);
                AddPostings(scratch, _postings[near.Id], bit, near.Similarity, runs: false);
            }

            return;
        }

        foreach (var near in NearSpellings(token, shape, -1, scratch))
        {
            Remember(scratch, bit, near.Id, near.Similarity);
            AddPostings(scratch, _postings[near.Id], bit, near.Similarity, runs: false);
        }

        // A token outside the vocabulary may be a listed name written as one ("CHONGBONG" for "CHONG BONG"): the names
        // whose tokens written as one it could pair with as a run. (A token in the vocabulary finds those through its
        // run partners; the bound looks at the other runs of the names it would skip, and ExpandWhole at whole names.)
        var (shortest, longest) = RunPartnerLengths(token.Length);
        foreach (var w in _wholeNameTrigrams.Neighbours(token, shortest, longest, RunNeeded, scratch.WholeNameCount, scratch.Found))
        {
            if (TokenSimilarity.Of(_wholeNames[w], _wholeNameShapes[w], token, shape) is var similarity && similarity >= NameScorer.RunFloor - 1e-9)
            {
                AddPostings(scratch, _wholeNamePostings[w], bit, similarity, runs: true);
            }
        }
    }

    /// <summary>
    /// Adds the names whose tokens run together are close to the party's (<see cref="NameScorer.JoinedSimilarity"/>
    /// above 0), always to be scored: names of several tokens for any party, and names of one for a party of several
    /// (one token against one is a token pair).
    /// </summary>
    private void ExpandWhole(ScoredName query, Scratch scratch)
    {
        var joined = query.Joined;
        var exact = _wholeNameIds.TryGetValue(joined, out var id) ? id : -1;
        if (exact >= 0)
        {
            AddPostings(scratch, _wholeNamePostings[exact], int.MinValue, 1.0, runs: false);
        }

        // A whole name is compared whole, digits and all, with names within a few letters of its length.
        var shortest = joined.Length - NameScorer.JoinedLengthSlack;
        var longest = joined.Length + NameScorer.JoinedLengthSlack;
        foreach (var w in _wholeNameTrigrams.Neighbours(joined, shortest, longest, NearNeeded, scratch.WholeNameCount, scratch.Found))
        {
            if (w != exact && NameScorer.JoinedSimilarity(joined, query.JoinedShape, _wholeNames[w], _wholeNameShapes[w]) > 0)
            {
                AddPostings(scratch, _wholeNamePostings[w], int.MinValue, 1.0, runs: false);
            }
        }

        // The trigram filter misses whole names whose cheap edits leave few shared trigrams ("YING ZHAO" ~ "YAN GAO"):
        // the sound-alikes too.
        if (_wholeNamePhonetic.TryGetValue(PhoneticKey(joined), out var soundAlikes))
        {
            foreach (var w in soundAlikes)
            {
                if (w != exact && NameScorer.JoinedSimilarity(joined, query.JoinedShape, _wholeNames[w], _wholeNameShapes[w]) > 0)
                {
                    AddPostings(scratch, _wholeNamePostings[w], int.MinValue, 1.0, runs: false);
                }
            }
        }

        if (query.Tokens.Length > 1 || (query.IsNumber[0] && joined.AsSpan().IndexOfAnyInRange('a', 'z') >= 0))
        {
            var token = _tokenIds.TryGetValue(joined, out var t) ? t : -1;
            if (token >= 0)
            {
                AddPostings(scratch, _postings[token], int.MinValue, 1.0, runs: false);
            }

            foreach (var v in _trigrams.Neighbours(joined, shortest, longest, NearNeeded, scratch.VocabularyCount, scratch.Found))
            {
                if (v != token && NameScorer.JoinedSimilarity(joined, query.JoinedShape, _vocabulary[v], _vocabularyShape[v]) > 0)
                {
                    AddPostings(scratch, _postings[v], int.MinValue, 1.0, runs: false);
                }
            }
        }
    }

    /// <summary>
    /// The near spellings of a vocabulary token, found the first time a party holds the token and kept, so the parties
    /// after it skip the search (most of a party's tokens are in the vocabulary). Besides trigrams, sound keys and
    /// deletion variants they are looked up by consonant skeleton, which makes the list complete but for rare pairs
    /// (see <see cref="SkeletonVariants"/>); the bound takes a vocabulary token's near spellings as complete. Finding
    /// them again gives the same list, so two threads racing to fill a slot store equal lists and either may win.
    /// </summary>
    private Near[] NearSpellingsOf(int token, Scratch scratch)
    {
        var known = Volatile.Read(ref _nearSpellings[token]);
        if (known is null)
        {
            known = [.. NearSpellings(_vocabulary[token], _vocabularyShape[token], token, scratch)];
            Interlocked.CompareExchange(ref _nearSpellings[token], known, null);
        }

        return known;
    }

    /// <summary>The runs of listed tokens a vocabulary token could pair with, found on first use and kept (see <see cref="RunPartners"/>).</summary>
    private Near[] RunPartnersOf(int token, Scratch scratch)
    {
        var known = Volatile.Read(ref _runPartners[token]);
        if (known is null)
        {
            known = [.. RunPartners(_vocabulary[token], _vocabularyShape[token], scratch)];
            Interlocked.CompareExchange(ref _runPartners[token], known, null);
        }

        return known;
    }

    /// <summary>
    /// The vocabulary tokens that a token is like, each with its similarity above 0: those sharing enough trigrams and
    /// within the edit budget, the sound-alikes (same phonetic key) and the short tokens a few deletions away. For a
    /// vocabulary token (<paramref name="exact"/>, left out of the list) also those with a consonant skeleton one or two
    /// edits away, which makes the list complete but for rare pairs (also for any token in an index built for a delta,
    /// <see cref="BuildForDelta"/>); for a token outside the vocabulary (-1) a stricter trigram filter
    /// (<see cref="NearNeededOutside"/>) and those with the same skeleton. Numbers and one-letter tokens have none: they
    /// match only exactly.
    /// </summary>
    /// <remarks>The list is the scratch's and valid until the next call.</remarks>
    private List<Near> NearSpellings(string token, in TokenShape shape, int exact, Scratch scratch)
    {
        var thorough = exact >= 0 || _thoroughOutsideVocabulary;
        var found = scratch.Near;
        found.Clear();
        if (NameNormaliser.Classify(token) == TokenClass.Number || token.Length < 2)
        {
            return found;
        }

        scratch.SeenGeneration++;
        if (scratch.SeenGeneration == int.MaxValue)
        {
            Array.Clear(scratch.VocabularySeen);
            scratch.SeenGeneration = 1;
        }

        if (exact >= 0)
        {
            scratch.VocabularySeen[exact] = scratch.SeenGeneration;
        }

        // Only tokens whose length the scorer could accept: shorter by at most twice this token's budget, longer by at
        // most twice theirs (never more than 6).
        var minLength = token.Length - (int)(2 * TokenSimilarity.Budget(token.Length));
        var longest = token.Length + 6;
        AddNearSpellings(found, CollectionsMarshal.AsSpan(_trigrams.Neighbours(token, minLength, longest, thorough ? NearNeeded : NearNeededOutside, scratch.VocabularyCount, scratch.Found)), token, shape, scratch);
        if (_phonetic.TryGetValue(PhoneticKey(token), out var soundAlikes))
        {
            AddNearSpellings(found, soundAlikes, token, shape, scratch);
        }

        if (!thorough)
        {
            Span<byte> skeleton = stackalloc byte[MaxSkeleton];
            var letters = Skeleton(token, skeleton);
            if (letters >= 0 && _vocabularyBySkeleton.TryGetValue(SkeletonKey(skeleton[..letters]), out var sameSkeleton))
            {
                AddNearSpellings(found, _trigrams.OfLengths(sameSkeleton, minLength, longest), token, shape, scratch);
            }
        }

        if (token.Length <= MediumTokenLength)
        {
            // See ShortTokenLength: how many letters each side may leave out.
            var deletions = token.Length <= ShortTokenLength ? 1 : 2;
            Span<int> variants = stackalloc int[32];
            foreach (var key in ShortVariants(token, deletions, variants))
            {
                if (_shortVariants.TryGetValue(key, out var shortTokens))
                {
                    AddNearSpellings(found, shortTokens, token, shape, scratch);
                }

                if (_mediumVariants.TryGetValue(key, out var mediumTokens))
                {
                    AddNearSpellings(found, mediumTokens, token, shape, scratch);
                }
            }
        }

        if (thorough)
        {
            Span<long> keys = stackalloc long[MaxSkeletonVariants];
            foreach (var key in SkeletonVariants(token, keys))
            {
                if (_skeletonVariants.TryGetValue(key, out var skeletonTokens))
                {
                    AddNearSpellings(found, skeletonTokens, token, shape, scratch);
                }
            }
        }

        return found;
    }

    /// <summary>Adds those of the vocabulary tokens not looked at yet that are near spellings of the token.</summary>
    private void AddNearSpellings(List<Near> found, ReadOnlySpan<int> tokens, string token, in TokenShape shape, Scratch scratch)
    {
        var seen = scratch.VocabularySeen;
        var generation = scratch.SeenGeneration;
        foreach (var v in tokens)
        {
            if (seen[v] == generation)
            {
                continue;
            }

            seen[v] = generation;
            if (TokenSimilarity.OfShapesFirst(token, shape, _vocabulary[v], _vocabularyShape[v]) is > 0 and var similarity)
            {
                found.Add(new Near(v, similarity));
            }
        }
    }

    /// <summary>
    /// The runs of listed tokens a token could pair with as one (<see cref="NameScorer.RunFloor"/> or above). Exact:
    /// the trigram filter needs no more trigrams than such a pair shares (<see cref="RunNeeded"/>). A one-letter token
    /// pairs with a run only as an initial, below the floor.
    /// </summary>
    /// <remarks>The list is the scratch's and valid until the next call.</remarks>
    private List<Near> RunPartners(string token, in TokenShape shape, Scratch scratch)
    {
        var found = scratch.Near;
        found.Clear();
        if (token.Length < 2)
        {
            return found;
        }

        var (shortest, longest) = RunPartnerLengths(token.Length);
        foreach (var r in _runTrigrams.Neighbours(token, shortest, longest, RunNeeded, scratch.RunCount, scratch.Found))
        {
            if (TokenSimilarity.Of(_runs[r], _runShapes[r], token, shape) is var similarity && similarity >= NameScorer.RunFloor - 1e-9)
            {
                found.Add(new Near(r, similarity));
            }
        }

        return found;
    }

    /// <summary>
    /// The lengths a token's partner in a run pair can have: every letter one has beyond the other costs at least half a
    /// unit, and the pair may cost at most (1 − <see cref="NameScorer.RunFloor"/>) × the longer length.
    /// </summary>
    private static (int Shortest, int Longest) RunPartnerLengths(int length)
    {
        var keep = 1 - (2 * (1 - NameScorer.RunFloor));
        return ((int)Math.Ceiling((keep * length) - 1e-9), (int)Math.Floor((length / keep) + 1e-9));
    }

    /// <summary>Keeps a similarity found during retrieval so the scorer does not compute it again.</summary>
    private static void Remember(Scratch scratch, int bit, int vocabularyId, double similarity)
    {
        if (bit > 0)
        {
            scratch.Memo.Set(BitOperations.TrailingZeroCount(bit), vocabularyId, similarity);
        }
    }

    /// <summary>
    /// Adds names to the candidates, marking which party tokens reached them (<paramref name="bits"/>; the sign bit
    /// means "always score") and, for the first <see cref="TrackedTokens"/>, the best similarity with which they did
    /// (rounded up to 1/255). Run postings also add how many tokens the run takes beyond one.
    /// </summary>
    private static void AddPostings(Scratch scratch, int[] postings, int bits, double similarity, bool runs)
    {
        var candidates = scratch.Names;
        var generation = scratch.Generation;
        var level = 0UL;
        if (bits > 0)
        {
            var quantised = (ulong)Math.Ceiling(similarity * 255);
            for (var rest = (uint)bits; rest != 0; rest &= rest - 1)
            {
                var i = BitOperations.TrailingZeroCount(rest);
                if (i < TrackedTokens)
                {
                    level |= quantised << (8 * i);
                }
            }
        }

        foreach (var posting in postings)
        {
            ref var candidate = ref candidates[posting & NameBits];
            var cover = runs ? posting >>> RunCoverShift : 0;
            if (candidate.Stamp != generation)
            {
                candidate.Stamp = generation;
                candidate.Mask = bits;
                candidate.Similarity = level;
                candidate.Cover = cover;
                scratch.Candidates.Add(posting & NameBits);
            }
            else
            {
                candidate.Mask |= bits;
                candidate.Similarity = Vector64.Max(Vector64.Create(candidate.Similarity).AsByte(), Vector64.Create(level).AsByte()).AsUInt64().ToScalar();
                candidate.Cover += cover;
            }
        }
    }

    /// <summary>The vocabulary tokens of up to five letters by their deletion variants (see <see cref="ShortTokenLength"/>).</summary>
    private static (Dictionary<int, int[]> Short, Dictionary<int, int[]> Medium) BuildShortVariants(string[] vocabulary)
    {
        var shortVariants = new Dictionary<int, List<int>>();
        var mediumVariants = new Dictionary<int, List<int>>();
        Span<int> variants = stackalloc int[32];
        for (var v = 0; v < vocabulary.Length; v++)
        {
            var token = vocabulary[v];
            if (token.Length > MediumTokenLength || NameNormaliser.Classify(token) == TokenClass.Number)
            {
                continue;
            }

            var medium = token.Length > ShortTokenLength;
            foreach (var key in ShortVariants(token, medium ? 2 : 1, variants))
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(medium ? mediumVariants : shortVariants, key, out _);
                list ??= [];
                if (list.Count == 0 || list[^1] != v)
                {
                    list.Add(v);
                }
            }
        }

        return (shortVariants.ToDictionary(p => p.Key, p => p.Value.ToArray()), mediumVariants.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }

    /// <summary>The vocabulary tokens by the deletion variants of their consonant skeletons.</summary>
    private static Dictionary<long, int[]> BuildSkeletonVariants(string[] vocabulary)
    {
        var skeletonVariants = new Dictionary<long, List<int>>();
        Span<long> keys = stackalloc long[MaxSkeletonVariants];
        for (var v = 0; v < vocabulary.Length; v++)
        {
            foreach (var key in SkeletonVariants(vocabulary[v], keys))
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(skeletonVariants, key, out _);
                (list ??= []).Add(v);
            }
        }

        return skeletonVariants.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    /// <summary>
    /// Every run of two to four adjacent tokens of every name (of the tokens the scorer reads, at most
    /// <see cref="MaxRunLength"/> letters), written as one, with the names holding it; a name's posting carries how
    /// many tokens the run holds beyond one (the most, when a name holds the same text as runs of different lengths).
    /// </summary>
    private static (string[] Runs, int[][] Postings) BuildRuns(List<ScoredName> names)
    {
        var runIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var postings = new List<List<int>>();
        var text = new System.Text.StringBuilder();
        for (var n = 0; n < names.Count; n++)
        {
            var tokens = names[n].Tokens;
            var count = Math.Min(tokens.Length, NameScorer.MaxTokens);
            for (var a = 0; a < count - 1; a++)
            {
                text.Clear().Append(tokens[a]);
                for (var b = a + 1; b < count && b - a < 4; b++)
                {
                    if (text.Length + tokens[b].Length > MaxRunLength)
                    {
                        break;
                    }

                    text.Append(tokens[b]);
                    var run = text.ToString();
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(runIds, run, out var exists);
                    if (!exists)
                    {
                        slot = postings.Count;
                        postings.Add([]);
                    }

                    var list = postings[slot];
                    var posting = n | ((b - a) << RunCoverShift);
                    if (list.Count > 0 && (list[^1] & NameBits) == n)
                    {
                        list[^1] = Math.Max(list[^1], posting);
                    }
                    else
                    {
                        list.Add(posting);
                    }
                }
            }
        }

        var runs = new string[runIds.Count];
        foreach (var (run, id) in runIds)
        {
            runs[id] = run;
        }

        return (runs, [.. postings.Select(p => p.ToArray())]);
    }

    /// <summary>
    /// The distinct deletion variants of a token of at most five letters (itself, and it with up to
    /// <paramref name="deletions"/> letters left out, never all of them), each as a <see cref="ShortKey"/>.
    /// </summary>
    private static ReadOnlySpan<int> ShortVariants(string token, int deletions, Span<int> buffer)
    {
        var count = 0;
        for (var left = 0; left < 1 << token.Length; left++)
        {
            var removed = BitOperations.PopCount((uint)left);
            if (removed > deletions || removed == token.Length)
            {
                continue;
            }

            var key = 0;
            for (var i = 0; i < token.Length; i++)
            {
                if ((left & (1 << i)) == 0)
                {
                    key = ShortKey(key, token[i]);
                }
            }

            if (!buffer[..count].Contains(key))
            {
                buffer[count++] = key;
            }
        }

        return buffer[..count];
    }

    /// <summary>A string of up to five letters or digits as one number, six bits a character (never 0 for a character).</summary>
    private static int ShortKey(int key, char c) => (key << 6) | (c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= '0' and <= '9' => 26 + (c - '0'),
        _ => 36,
    } + 1);

    /// <summary>
    /// A token's consonant skeleton: the letters that cost a full edit to put in or leave out (all but vowels, y, h, w
    /// and j), each as its <see cref="TokenSimilarity"/> group (c/k/q/g, s/z/x, b/p/v/f, d/t, m/n, l, r), three bits a
    /// letter. An edit that costs half a unit (a vowel, h or w put in or left out, a letter swapped within its group)
    /// leaves the skeleton as it is, except swapping w for b, p, v or f; a full edit changes it by at most one letter.
    /// -1 for tokens with any other character (digits) or a skeleton longer than <see cref="MaxSkeleton"/>; the
    /// skeleton of a token of vowels alone is empty (length 0).
    /// </summary>
    private static int Skeleton(string token, Span<byte> skeleton)
    {
        var length = 0;
        foreach (var c in token)
        {
            byte letter = c switch
            {
                'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'h' or 'w' or 'j' => 0,
                'c' or 'k' or 'q' or 'g' => 1,
                's' or 'z' or 'x' => 2,
                'b' or 'p' or 'v' or 'f' => 3,
                'd' or 't' => 4,
                'm' or 'n' => 5,
                'l' => 6,
                'r' => 7,
                _ => byte.MaxValue,
            };
            if (letter == byte.MaxValue || (letter != 0 && length == MaxSkeleton))
            {
                return -1;
            }

            if (letter != 0)
            {
                skeleton[length++] = letter;
            }
        }

        return length;
    }

    /// <summary>
    /// The distinct keys of a token's skeleton with up to one letter left out, or up to two from skeletons of four
    /// letters or more (the key of an empty skeleton is 0). Two tokens whose skeletons differ by one edit share a key;
    /// by two, when both skeletons are that long. Within the edit budget a pair whose longer token has six to eight
    /// letters differs by at most one full edit or else by at most two edits in all (which the trigram filter finds),
    /// and a longer pair by at most two full edits or three edits in all; so with the trigram filter this finds every
    /// near spelling but those with a skeleton under four letters two full edits away, and those that swap w for b,
    /// p, v or f.
    /// </summary>
    private static ReadOnlySpan<long> SkeletonVariants(string token, Span<long> keys)
    {
        Span<byte> skeleton = stackalloc byte[MaxSkeleton];
        var length = Skeleton(token, skeleton);
        if (length < 0 || token.Length < 2)
        {
            return [];
        }

        var deletions = length >= 4 ? 2 : 1;
        var count = 0;

        // Leave out {first, second}: first = -1 leaves out nothing, second = first only first.
        for (var first = -1; first < length; first++)
        {
            for (var second = first; second < length; second++)
            {
                if ((first == -1 && second != -1) || (second != first && deletions < 2))
                {
                    continue;
                }

                long key = 0;
                for (var k = 0; k < length; k++)
                {
                    if (k != first && k != second)
                    {
                        key = (key << 3) | skeleton[k];
                    }
                }

                if (!keys[..count].Contains(key))
                {
                    keys[count++] = key;
                }
            }
        }

        return keys[..count];
    }

    /// <summary>
    /// A coarse sound key: the first letter, then consonant classes (b/p/f/v, c/g/j/k/q/s/x/z, d/t, l, m/n, r) with
    /// vowels, h, w and y dropped and repeats merged, so "mohammed" and "muhamad" share a key.
    /// </summary>
    internal static string PhoneticKey(string token)
    {
        if (token.Length < 3)
        {
            return "";
        }

        Span<char> key = stackalloc char[Math.Min(token.Length + 1, 32)];
        var length = 0;
        key[length++] = token[0] is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' ? 'a' : token[0];
        var last = '\0';
        for (var i = 1; i < token.Length && length < key.Length; i++)
        {
            var cls = token[i] switch
            {
                'b' or 'p' or 'f' or 'v' => '1',
                'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
                'd' or 't' => '3',
                'l' => '4',
                'm' or 'n' => '5',
                'r' => '6',
                _ => '\0',
            };
            if (cls != '\0' && cls != last)
            {
                key[length++] = cls;
            }

            last = cls == '\0' ? last : cls;
        }

        return new string(key[..length]);
    }

    /// <summary>A skeleton (<see cref="Skeleton"/>) as one number, three bits a letter (letters are 1–7, so skeletons of different lengths differ).</summary>
    private static long SkeletonKey(ReadOnlySpan<byte> skeleton)
    {
        long key = 0;
        foreach (var letter in skeleton)
        {
            key = (key << 3) | letter;
        }

        return key;
    }

    /// <summary>The vocabulary tokens of two letters or more by their consonant skeleton, each list by length.</summary>
    private static Dictionary<long, int[]> BuildBySkeleton(string[] vocabulary)
    {
        var lists = new Dictionary<long, List<int>>();
        Span<byte> skeleton = stackalloc byte[MaxSkeleton];
        for (var v = 0; v < vocabulary.Length; v++)
        {
            var letters = Skeleton(vocabulary[v], skeleton);
            if (letters >= 0 && vocabulary[v].Length > 1)
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(lists, SkeletonKey(skeleton[..letters]), out _);
                (list ??= []).Add(v);
            }
        }

        return lists.ToDictionary(p => p.Key, p => p.Value.OrderBy(v => vocabulary[v].Length).ToArray());
    }

    /// <summary>A vocabulary token or run near a token, with their similarity.</summary>
    private readonly record struct Near(int Id, double Similarity);
}
