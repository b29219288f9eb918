using System.Runtime.InteropServices;

namespace Clearance.Core.Screening;

/// <summary>
/// A list set prepared for fast screening. Every name of every entry is normalised once; its tokens go into an
/// inverted index, and the vocabulary of tokens into a character-trigram index and a phonetic-key index.
/// Screening runs in two stages: candidate retrieval (the party's tokens, their near spellings found through trigrams
/// and phonetic keys, then the names holding them) and the explainable <see cref="NameScorer"/> on the candidates.
/// Tokens too common to decide a match on their own are left out of retrieval only when it is provable that a name
/// sharing nothing else cannot reach the threshold. Safe to use from many threads: its only mutable state is a cache
/// of the near spellings of vocabulary tokens, filled on first use, which never changes a result.
/// </summary>
public sealed class ScreeningIndex
{
    private const int Alphabet = 38;

    private readonly ScoredName[] _names;
    private readonly int[] _nameEntry;
    private readonly string[] _nameText;
    private readonly string[] _vocabulary;
    private readonly int[] _vocabularyLength;
    private readonly TokenShape[] _vocabularyShape;
    private readonly int[][] _postings;
    private readonly Dictionary<string, int> _tokenIds;
    private readonly int[][] _trigrams;
    private readonly Dictionary<string, int[]> _phonetic;
    private readonly Dictionary<string, int[]> _identifiers;
    private readonly NearSpelling[][] _nearSpellings;

    /// <summary>The vocabulary tokens of two or three letters by each of their deletion variants (the token, and it with one letter left out), as <see cref="ShortKey"/>s.</summary>
    private readonly Dictionary<int, int[]> _shortVariants;

    /// <summary>The vocabulary tokens of four or five letters by each of their deletion variants (up to two letters left out).</summary>
    private readonly Dictionary<int, int[]> _mediumVariants;

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

    [ThreadStatic]
    private static Scratch? t_scratch;

    private ScreeningIndex(ListSet lists)
    {
        Lists = lists;
        var names = new List<ScoredName>();
        var nameEntry = new List<int>();
        var nameText = new List<string>();
        var tokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var postings = new List<List<int>>();
        var identifiers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var e = 0; e < lists.Entries.Count; e++)
        {
            var entry = lists.Entries[e];
            foreach (var name in entry.Names.Distinct(StringComparer.Ordinal))
            {
                var scored = new ScoredName(NameNormaliser.Normalise(name));
                if (scored.Tokens.Length == 0)
                {
                    continue;
                }

                scored.TokenIds = new int[scored.Tokens.Length];

                var id = names.Count;
                names.Add(scored);
                nameEntry.Add(e);
                nameText.Add(name);
                // The name's tokens, and for names of several words the words run together, so that a party writing
                // "ALSHANTI" or "KROFESSORMUSHARBAF" still reaches the name through the index.
                var keys = scored.Tokens.Length > 1 ? scored.Tokens.Append(scored.Joined) : scored.Tokens;
                foreach (var token in keys.Distinct(StringComparer.Ordinal))
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(tokenIds, token, out var exists);
                    if (!exists)
                    {
                        slot = postings.Count;
                        postings.Add([]);
                    }

                    postings[slot].Add(id);
                }

                for (var t = 0; t < scored.Tokens.Length; t++)
                {
                    scored.TokenIds[t] = tokenIds[scored.Tokens[t]];
                }
            }

            foreach (var identifier in entry.Identifiers)
            {
                var key = IdentifierKey(identifier.Value);
                if (key.Length >= 4)
                {
                    ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(identifiers, key, out var exists);
                    list ??= [];
                    if (!list.Contains(e))
                    {
                        list.Add(e);
                    }
                }
            }
        }

        _names = [.. names];
        _nameEntry = [.. nameEntry];
        _nameText = [.. nameText];
        _tokenIds = tokenIds;
        _postings = postings.Select(p => p.ToArray()).ToArray();
        _vocabulary = new string[tokenIds.Count];
        foreach (var (token, id) in tokenIds)
        {
            _vocabulary[id] = token;
        }

        // Retrieval filters thousands of vocabulary entries per party token by length alone: the lengths are kept in
        // one array so those checks do not read a string each (a cache miss apiece).
        _vocabularyLength = [.. _vocabulary.Select(t => t.Length)];
        _vocabularyShape = [.. _vocabulary.Select(t => new TokenShape(t))];

        var trigrams = new List<int>[Alphabet * Alphabet * Alphabet];
        var phonetic = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        Span<int> codes = stackalloc int[64];
        for (var v = 0; v < _vocabulary.Length; v++)
        {
            var token = _vocabulary[v];
            if (NameNormaliser.Classify(token) == TokenClass.Number)
            {
                continue;
            }

            foreach (var code in Trigrams(token, codes))
            {
                (trigrams[code] ??= []).Add(v);
            }

            var key = PhoneticKey(token);
            if (key.Length > 0)
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(phonetic, key, out _);
                (list ??= []).Add(v);
            }
        }

        // Each trigram's tokens sorted by length, so a lookup reads only the lengths within an edit budget.
        _trigrams = trigrams.Select(t => t is null ? [] : t.Distinct().OrderBy(v => _vocabulary[v].Length).ThenBy(v => v).ToArray()).ToArray();
        _phonetic = phonetic.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _identifiers = identifiers.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

        var shortVariants = new Dictionary<int, List<int>>();
        var mediumVariants = new Dictionary<int, List<int>>();
        Span<int> variants = stackalloc int[32];
        for (var v = 0; v < _vocabulary.Length; v++)
        {
            var token = _vocabulary[v];
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

        _shortVariants = shortVariants.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _mediumVariants = mediumVariants.ToDictionary(p => p.Key, p => p.Value.ToArray());

        // The near spellings of each vocabulary token are found on first use and kept (see NearSpellingsOf).
        _nearSpellings = new NearSpelling[_vocabulary.Length][];
    }

    public ListSet Lists { get; }

    /// <summary>How many names (primary names and aliases) the index holds.</summary>
    public int NameCount => _names.Length;

    public int VocabularySize => _vocabulary.Length;

    public static ScreeningIndex Build(ListSet lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return new ScreeningIndex(lists);
    }

    /// <summary>Screens one party: a pure function of the party, this index's list set version and the options.</summary>
    public ScreeningResult Screen(Party party, ScreeningOptions? options = null) => Screen(party, options ?? ScreeningOptions.Default, bruteForce: false);

    /// <summary>The same scorer over every name, without the index: the yardstick for the index's recall.</summary>
    public ScreeningResult ScreenAll(Party party, ScreeningOptions? options = null) => Screen(party, options ?? ScreeningOptions.Default, bruteForce: true);

    private ScreeningResult Screen(Party party, ScreeningOptions options, bool bruteForce)
    {
        ArgumentNullException.ThrowIfNull(party);
        var query = new ScoredName(NameNormaliser.Normalise(party.Name));
        var scratch = t_scratch ??= new Scratch();
        scratch.Prepare(_names.Length, _vocabulary.Length, Lists.Entries.Count);
        var country = Countries.Code(party.Country);

        // The best name score per entry, over the candidates.
        var floor = options.Threshold - Math.Max(0, Math.Max(options.CountryMatchBoost, 0) + Math.Max(options.AddressBoost, 0));
        if (bruteForce)
        {
            for (var n = 0; n < _names.Length; n++)
            {
                Consider(scratch, query, n, floor);
            }
        }
        else if (query.Tokens.Length > 0)
        {
            var skipped = CollectCandidates(query, scratch, floor);
            var bits = Math.Min(query.Tokens.Length, 30);
            foreach (var n in scratch.Candidates)
            {
                // A cheap bound from which of the party's tokens reached this name (tokens left out of retrieval may
                // pair too): skip names that cannot make the floor.
                var mask = scratch.NameMask[n] | skipped;
                if (mask >= 0)
                {
                    double paired = 0, rest = 0;
                    for (var i = 0; i < bits; i++)
                    {
                        if ((mask & (1 << i)) != 0)
                        {
                            paired += query.Weights[i] + 1.0;
                        }
                        else
                        {
                            rest += query.Weights[i];
                        }
                    }

                    if (paired / (paired + (NameScorer.QueryExtraPenalty * rest)) < floor)
                    {
                        continue;
                    }
                }

                Consider(scratch, query, n, floor);
            }
        }

        foreach (var identifier in party.Identifiers)
        {
            if (_identifiers.TryGetValue(IdentifierKey(identifier), out var entries))
            {
                foreach (var e in entries)
                {
                    scratch.IdentifierEntries.Add(e);
                }
            }
        }

        var hits = new List<ScreeningHit>();
        foreach (var e in scratch.TouchedEntries)
        {
            var hit = Hit(e, scratch.BestName[e], scratch.BestScore[e], query, party, country, options, identifierMatch: scratch.IdentifierEntries.Contains(e));
            if (hit.Score >= options.Threshold)
            {
                hits.Add(hit);
            }
        }

        foreach (var e in scratch.IdentifierEntries)
        {
            if (scratch.BestName[e] < 0)
            {
                hits.Add(Hit(e, -1, 0, query, party, country, options, identifierMatch: true));
            }
        }

        hits.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.EntryId, b.EntryId));
        if (hits.Count > options.MaxHits)
        {
            hits.RemoveRange(options.MaxHits, hits.Count - options.MaxHits);
        }

        return new ScreeningResult(party, Lists.Version, options.Describe(), hits);
    }

    private void Consider(Scratch scratch, ScoredName query, int n, double floor)
    {
        var score = NameScorer.Score(query, _names[n], null, scratch.Memo);
        if (score < floor)
        {
            return;
        }

        var e = _nameEntry[n];
        if (scratch.BestName[e] < 0)
        {
            scratch.TouchedEntries.Add(e);
            scratch.BestName[e] = n;
            scratch.BestScore[e] = score;
        }
        else if (score > scratch.BestScore[e])
        {
            scratch.BestName[e] = n;
            scratch.BestScore[e] = score;
        }
    }

    private ScreeningHit Hit(int e, int n, double nameScore, ScoredName query, Party party, string? country, ScreeningOptions options, bool identifierMatch)
    {
        var entry = Lists.Entries[e];
        var evidence = new List<TokenEvidence>();
        var notes = new List<string>();
        if (n >= 0)
        {
            NameScorer.Score(query, _names[n], evidence);
            if (_names[n].Normalised.LegalForms.Length > 0 || query.Normalised.LegalForms.Length > 0)
            {
                notes.Add($"legal-form words set aside: {string.Join(' ', query.Normalised.LegalForms.Concat(_names[n].Normalised.LegalForms).Distinct())}");
            }
        }

        var score = nameScore;
        if (country is not null && entry.Countries.Count > 0)
        {
            if (entry.Countries.Contains(country))
            {
                score += options.CountryMatchBoost;
                notes.Add($"country {country} is one of the entry's countries (+{options.CountryMatchBoost:0.00})");
            }
            else
            {
                score -= options.CountryMismatchPenalty;
                notes.Add($"country {country} is not among the entry's countries {string.Join('/', entry.Countries)} (-{options.CountryMismatchPenalty:0.00})");
            }
        }

        if (party.Address is { Length: > 0 } address && AddressAgrees(address, entry))
        {
            score += options.AddressBoost;
            notes.Add($"the address agrees with one of the entry's addresses (+{options.AddressBoost:0.00})");
        }

        if (identifierMatch)
        {
            score = 1.0;
            notes.Add("an identifier of the party equals one of the entry's identifiers");
        }

        return new ScreeningHit
        {
            EntryId = entry.EntryId,
            Source = entry.Source,
            Type = entry.Type,
            ListedName = entry.PrimaryName,
            MatchedName = n >= 0 ? _nameText[n] : entry.PrimaryName,
            Score = Math.Round(Math.Clamp(score, 0, 1), 4),
            NameScore = Math.Round(nameScore, 4),
            Tokens = evidence,
            Notes = notes,
            Programmes = entry.Programmes,
            Countries = entry.Countries,
        };
    }

    private static bool AddressAgrees(string address, ListEntry entry)
    {
        var words = NameNormaliser.Normalise(address).Tokens.Where(t => t.Length > 2).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return false;
        }

        foreach (var listed in entry.Addresses)
        {
            var listedWords = NameNormaliser.Normalise(listed.Text).Tokens.ToHashSet(StringComparer.Ordinal);
            if (words.Count(listedWords.Contains) * 2 >= words.Count + 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Stage one: the names that share a token, a near spelling of one (trigrams) or a sound-alike (phonetic key)
    /// with the party's name. The commonest tokens are skipped while a name matching only them provably scores below
    /// the floor.
    /// </summary>
    /// <returns>A mask of the party's tokens left out of retrieval.</returns>
    private int CollectCandidates(ScoredName query, Scratch scratch, double floor)
    {
        var tokens = query.Tokens;
        var count = tokens.Length;
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
        double skippedWeight = 0;
        for (var k = 0; k < count; k++)
        {
            var i = order[k];
            var withIt = skippedWeight + query.Weights[i];
            var rest = query.TotalWeight - withIt;
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
            if (!skipped[i])
            {
                Expand(tokens[i], query.Shapes[i], i < 30 ? 1 << i : int.MinValue, scratch);
            }
        }

        // A name written as one word ("ALSHANTI") may hold several of the party's tokens: look the whole up too.
        if (count > 1 || (query.IsNumber[0] && query.Joined.AsSpan().IndexOfAnyInRange('a', 'z') >= 0))
        {
            Expand(query.Joined, query.JoinedShape, int.MinValue, scratch);
        }

        var mask = 0;
        for (var i = 0; i < Math.Min(count, 30); i++)
        {
            mask |= skipped[i] ? 1 << i : 0;
        }

        return mask;
    }

    /// <summary>Adds the names holding a token, a near spelling of it (shared trigrams) or a sound-alike.</summary>
    /// <remarks><paramref name="bit"/> marks which party token reached a name; the sign bit means "always score".</remarks>
    private void Expand(string token, in TokenShape shape, int bit, Scratch scratch)
    {
        var exact = -1;
        if (_tokenIds.TryGetValue(token, out var id))
        {
            exact = id;
            AddPostings(scratch, id, bit);
        }

        if (bit == int.MinValue)
        {
            // A whole name is compared whole, digits and all, with names within a few letters of its length.
            foreach (var v in TrigramNeighbours(token, token.Length - NameScorer.JoinedLengthSlack, token.Length + NameScorer.JoinedLengthSlack, scratch))
            {
                if (v != exact && NameScorer.JoinedSimilarity(token, shape, _vocabulary[v], _vocabularyShape[v]) > 0)
                {
                    AddPostings(scratch, v, bit);
                }
            }

            return;
        }

        ReadOnlySpan<NearSpelling> nearSpellings = exact >= 0 ? NearSpellingsOf(exact, scratch) : CollectionsMarshal.AsSpan(NearSpellings(token, shape, -1, scratch));
        foreach (var near in nearSpellings)
        {
            Remember(scratch, bit, near.Token, near.Similarity);
            AddPostings(scratch, near.Token, bit);
        }
    }

    /// <summary>
    /// The near spellings of a vocabulary token: found the first time a party holds the token and kept, so the parties
    /// after it skip the trigram search (most of a party's tokens are in the vocabulary). Finding them again gives the
    /// same list, so two threads racing to fill a slot store equal lists and either may win.
    /// </summary>
    private NearSpelling[] NearSpellingsOf(int token, Scratch scratch)
    {
        var known = Volatile.Read(ref _nearSpellings[token]);
        if (known is null)
        {
            known = [.. NearSpellings(_vocabulary[token], _vocabularyShape[token], token, scratch)];
            Interlocked.CompareExchange(ref _nearSpellings[token], known, null);
        }

        return known;
    }

    /// <summary>
    /// The vocabulary tokens (other than <paramref name="exact"/>) that a token is like: those sharing enough trigrams
    /// and within the edit budget, and the sound-alikes (same phonetic key), each with its similarity above 0. Numbers
    /// and one-letter tokens have none: they match only exactly.
    /// </summary>
    /// <remarks>The list is the scratch's and valid until the next call.</remarks>
    private List<NearSpelling> NearSpellings(string token, in TokenShape shape, int exact, Scratch scratch)
    {
        var found = scratch.NearSpellings;
        found.Clear();
        if (NameNormaliser.Classify(token) == TokenClass.Number || token.Length < 2)
        {
            return found;
        }

        // Only tokens whose length the scorer could accept: shorter by at most twice this token's budget, longer by at
        // most twice theirs (never more than 6).
        var minLength = token.Length - (int)(2 * TokenSimilarity.Budget(token.Length));
        foreach (var v in TrigramNeighbours(token, minLength, token.Length + 6, scratch))
        {
            if (v != exact && TokenSimilarity.Of(token, shape, _vocabulary[v], _vocabularyShape[v]) is > 0 and var similarity)
            {
                found.Add(new NearSpelling(v, similarity));
            }
        }

        if (_phonetic.TryGetValue(PhoneticKey(token), out var soundAlikes))
        {
            AddNearSpellings(found, soundAlikes, token, shape, exact);
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
                    AddNearSpellings(found, shortTokens, token, shape, exact);
                }

                if (_mediumVariants.TryGetValue(key, out var mediumTokens))
                {
                    AddNearSpellings(found, mediumTokens, token, shape, exact);
                }
            }
        }

        return found;
    }

    /// <summary>Adds those of the vocabulary tokens that are near spellings of the token (other than itself) and not found yet.</summary>
    private void AddNearSpellings(List<NearSpelling> found, int[] tokens, string token, in TokenShape shape, int exact)
    {
        foreach (var v in tokens)
        {
            if (v != exact && !Holds(found, v) && TokenSimilarity.Of(token, shape, _vocabulary[v], _vocabularyShape[v]) is > 0 and var similarity)
            {
                found.Add(new NearSpelling(v, similarity));
            }
        }
    }

    private static bool Holds(List<NearSpelling> found, int token)
    {
        foreach (var near in found)
        {
            if (near.Token == token)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The vocabulary tokens of a length in [<paramref name="minLength"/>, <paramref name="maxLength"/>] sharing
    /// enough padded trigrams with the token to be within its edit budget (the q-gram lemma: strings within k edits
    /// share at least longer length − 3k trigrams). The list is the scratch's and valid until the next call.
    /// </summary>
    private List<int> TrigramNeighbours(string token, int minLength, int maxLength, Scratch scratch)
    {
        Span<int> codes = stackalloc int[64];
        var grams = Trigrams(token, codes);
        var counts = scratch.VocabularyCount;
        var touched = scratch.VocabularyTouched;
        touched.Clear();
        foreach (var code in grams)
        {
            var postings = _trigrams[code];
            var lo = 0;
            var hi = postings.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_vocabularyLength[postings[mid]] < minLength)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            for (var k = lo; k < postings.Length; k++)
            {
                var v = postings[k];
                if (_vocabularyLength[v] > maxLength)
                {
                    break;
                }

                if (counts[v]++ == 0)
                {
                    touched.Add(v);
                }
            }
        }

        var kept = 0;
        for (var t = 0; t < touched.Count; t++)
        {
            var v = touched[t];
            var longer = Math.Max(token.Length, _vocabularyLength[v]);
            var needed = Math.Max(1, longer - (3 * (int)Math.Ceiling(TokenSimilarity.Budget(longer))));
            if (counts[v] >= needed)
            {
                touched[kept++] = v;
            }

            counts[v] = 0;
        }

        touched.RemoveRange(kept, touched.Count - kept);
        return touched;
    }

    /// <summary>Keeps a similarity found during retrieval so the scorer does not compute it again.</summary>
    private static void Remember(Scratch scratch, int bit, int vocabularyId, double similarity)
    {
        if (bit > 0)
        {
            scratch.Memo.Set(System.Numerics.BitOperations.TrailingZeroCount(bit), vocabularyId, similarity);
        }
    }

    private void AddPostings(Scratch scratch, int token, int bit)
    {
        var stamps = scratch.NameStamp;
        var masks = scratch.NameMask;
        var generation = scratch.Generation;
        foreach (var n in _postings[token])
        {
            if (stamps[n] != generation)
            {
                stamps[n] = generation;
                masks[n] = bit;
                scratch.Candidates.Add(n);
            }
            else
            {
                masks[n] |= bit;
            }
        }
    }

    internal static string IdentifierKey(string value)
    {
        Span<char> buffer = stackalloc char[Math.Min(value.Length, 128)];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }

        return new string(buffer[..length]);
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
            var removed = System.Numerics.BitOperations.PopCount((uint)left);
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
    private static int ShortKey(int key, char c) => (key << 6) | (Code(c) + 1);

    /// <summary>The padded trigrams of a token ("^ab", "abc", "bc$") as integer codes.</summary>
    private static ReadOnlySpan<int> Trigrams(string token, Span<int> buffer)
    {
        var padded = Math.Min(token.Length + 2, buffer.Length + 2);
        var count = 0;
        for (var i = 0; i + 3 <= padded && count < buffer.Length; i++)
        {
            var code = 0;
            for (var k = i; k < i + 3; k++)
            {
                var c = k == 0 ? '^' : k == padded - 1 ? '$' : token[k - 1];
                code = (code * Alphabet) + Code(c);
            }

            buffer[count++] = code;
        }

        return buffer[..count];
    }

    private static int Code(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= '0' and <= '9' => 26 + (c - '0'),
        _ => 36,
    };

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

    /// <summary>A vocabulary token near another, with their similarity.</summary>
    private readonly record struct NearSpelling(int Token, double Similarity);

    /// <summary>Per-thread working memory, reused across queries so the hot path does not allocate per name.</summary>
    private sealed class Scratch
    {
        public int[] NameStamp { get; private set; } = [];

        public int[] NameMask { get; private set; } = [];

        public SimilarityMemo Memo { get; } = new();

        public int[] VocabularyCount { get; private set; } = [];

        public int[] BestName { get; private set; } = [];

        public double[] BestScore { get; private set; } = [];

        public int Generation { get; private set; }

        public List<int> Candidates { get; } = [];

        public List<int> VocabularyTouched { get; } = [];

        public List<NearSpelling> NearSpellings { get; } = [];

        public List<int> TouchedEntries { get; } = [];

        public HashSet<int> IdentifierEntries { get; } = [];

        public void Prepare(int names, int vocabulary, int entries)
        {
            if (NameStamp.Length < names)
            {
                NameStamp = new int[names];
                NameMask = new int[names];
                Generation = 0;
            }

            if (VocabularyCount.Length < vocabulary)
            {
                VocabularyCount = new int[vocabulary];
            }

            if (BestName.Length < entries)
            {
                BestName = new int[entries];
                BestScore = new double[entries];
                Array.Fill(BestName, -1);
            }

            foreach (var e in TouchedEntries)
            {
                BestName[e] = -1;
            }

            foreach (var e in IdentifierEntries)
            {
                BestName[e] = -1;
            }

            Generation++;
            if (Generation == int.MaxValue)
            {
                Array.Clear(NameStamp);
                Generation = 1;
            }

            Memo.Reset();
            Candidates.Clear();
            TouchedEntries.Clear();
            IdentifierEntries.Clear();
        }
    }
}
