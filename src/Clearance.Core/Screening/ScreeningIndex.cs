using System.Runtime.InteropServices;

namespace Clearance.Core.Screening;

/// <summary>
/// A list set prepared for fast screening. Every name of every entry is normalised once; its tokens go into an
/// inverted index, the vocabulary of tokens into character-trigram, sound, deletion-variant and consonant-skeleton
/// indexes, and the runs of adjacent tokens of every name (written as one word) into a trigram index of their own.
/// Screening runs in two stages: retrieval (<c>ScreeningIndex.Retrieval.cs</c>) collects the names that share a token,
/// a near spelling of one or a run with the party, noting for each which of the party's tokens reached it and how
/// closely; a bound (<c>ScreeningIndex.Bound.cs</c>) then skips the names that provably cannot reach the threshold,
/// and the explainable <see cref="NameScorer"/> scores the rest. Safe to use from many threads: its only mutable state
/// is a cache of what each vocabulary token is near, filled on first use, which never changes a result.
/// </summary>
public sealed partial class ScreeningIndex
{
    private readonly ScoredName[] _names;
    private readonly int[] _nameEntry;
    private readonly string[] _nameText;

    /// <summary>What the bound reads of each name, side by side (one more at the end, for the last name's token range).</summary>
    private readonly NameFacts[] _nameFacts;

    /// <summary>Each name's tokens run together, as a shape, for the whole-name check.</summary>
    private readonly TokenShape[] _nameJoinedShape;

    /// <summary>Each name's tokens (those the scorer reads) as vocabulary ids, all names in one array (name n's from its <see cref="NameFacts.TokenStart"/> up to the next name's); and their shapes and lengths alongside.</summary>
    private readonly int[] _nameTokenIds;

    private readonly TokenShape[] _nameTokenShapes;

    private readonly byte[] _nameTokenLengths;

    private readonly string[] _vocabulary;
    private readonly TokenShape[] _vocabularyShape;
    private readonly int[][] _postings;
    private readonly Dictionary<string, int> _tokenIds;
    private readonly TrigramIndex _trigrams;
    private readonly Dictionary<string, int[]> _phonetic;
    private readonly Dictionary<string, int[]> _identifiers;

    /// <summary>The vocabulary tokens of two or three letters by each of their deletion variants (the token, and it with one letter left out), as <see cref="ShortKey"/>s.</summary>
    private readonly Dictionary<int, int[]> _shortVariants;

    /// <summary>The vocabulary tokens of four or five letters by each of their deletion variants (up to two letters left out).</summary>
    private readonly Dictionary<int, int[]> _mediumVariants;

    /// <summary>The vocabulary tokens by the deletion variants of their consonant skeletons (see <see cref="SkeletonVariants"/>).</summary>
    private readonly Dictionary<long, int[]> _skeletonVariants;

    /// <summary>The vocabulary tokens by their consonant skeleton, each list by length (read through <see cref="TrigramIndex.OfLengths"/>).</summary>
    private readonly Dictionary<long, int[]> _vocabularyBySkeleton;

    /// <summary>Whether party tokens outside the vocabulary get a vocabulary token's near-spelling search (<see cref="BuildForDelta"/>).</summary>
    private readonly bool _thoroughOutsideVocabulary;

    /// <summary>
    /// Every run of two to four adjacent tokens of a name (the tokens the scorer reads, at most 64 letters), written as
    /// one: the text, its shape, the names holding it (see <see cref="RunCoverShift"/>) and a trigram index over them.
    /// </summary>
    private readonly string[] _runs;

    private readonly TokenShape[] _runShapes;
    private readonly int[][] _runPostings;
    private readonly TrigramIndex _runTrigrams;

    /// <summary>What each vocabulary token is near, found on first use and kept (see <see cref="NearSpellingsOf"/>, <see cref="RunPartnersOf"/>).</summary>
    private readonly Near[][] _nearSpellings;

    private readonly Near[][] _runPartners;

    /// <summary>The names of several tokens by their tokens written as one (see <see cref="ExpandWhole"/>), with a trigram index.</summary>
    private readonly string[] _wholeNames;

    private readonly TokenShape[] _wholeNameShapes;
    private readonly int[][] _wholeNamePostings;
    private readonly Dictionary<string, int> _wholeNameIds;
    private readonly TrigramIndex _wholeNameTrigrams;

    /// <summary>The names of several tokens by the sound key of their tokens written as one (<see cref="PhoneticKey"/>).</summary>
    private readonly Dictionary<string, int[]> _wholeNamePhonetic;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private ScreeningIndex(ListSet lists, bool thoroughOutsideVocabulary)
    {
        Lists = lists;
        _thoroughOutsideVocabulary = thoroughOutsideVocabulary;
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
                foreach (var token in scored.Tokens.Distinct(StringComparer.Ordinal))
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
        _nameJoinedShape = [.. names.Select(n => n.JoinedShape)];
        _nameFacts = new NameFacts[names.Count + 1];
        var nameTokens = new List<int>();
        for (var n = 0; n < names.Count; n++)
        {
            var name = names[n];
            _nameFacts[n] = new NameFacts((float)name.Weights.Take(NameScorer.MaxTokens).Sum(), nameTokens.Count, LetterMask(name, initials: true), LetterMask(name, initials: false), name.Joined.Length);
            nameTokens.AddRange(name.TokenIds.Take(NameScorer.MaxTokens));
        }

        _nameFacts[names.Count] = new NameFacts(0, nameTokens.Count, 0, 0, 0);
        _nameTokenIds = [.. nameTokens];
        _nameTokenShapes = [.. names.SelectMany(n => n.Shapes.Take(NameScorer.MaxTokens))];
        _nameTokenLengths = [.. _nameTokenShapes.Select(t => (byte)Math.Min(t.Length, byte.MaxValue))];
        _tokenIds = tokenIds;
        _postings = [.. postings.Select(p => p.ToArray())];
        _vocabulary = new string[tokenIds.Count];
        foreach (var (token, id) in tokenIds)
        {
            _vocabulary[id] = token;
        }

        _vocabularyShape = [.. _vocabulary.Select(t => new TokenShape(t))];
        _trigrams = new TrigramIndex(_vocabulary, t => NameNormaliser.Classify(t) != TokenClass.Number);
        _phonetic = _vocabulary.Select((t, v) => (Key: PhoneticKey(t), Token: v))
            .Where(p => p.Key.Length > 0 && NameNormaliser.Classify(_vocabulary[p.Token]) != TokenClass.Number)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Token).ToArray(), StringComparer.Ordinal);
        _identifiers = identifiers.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        (_shortVariants, _mediumVariants) = BuildShortVariants(_vocabulary);
        _skeletonVariants = BuildSkeletonVariants(_vocabulary);
        _vocabularyBySkeleton = BuildBySkeleton(_vocabulary);
        (_runs, _runPostings) = BuildRuns(names);
        _runShapes = [.. _runs.Select(r => new TokenShape(r))];
        _runTrigrams = new TrigramIndex(_runs, _ => true);
        _wholeNameIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var wholePostings = new List<List<int>>();
        for (var n = 0; n < names.Count; n++)
        {
            if (names[n].Tokens.Length > 1)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_wholeNameIds, names[n].Joined, out var exists);
                if (!exists)
                {
                    slot = wholePostings.Count;
                    wholePostings.Add([]);
                }

                // As for a run: how many tokens beyond one the name's tokens written as one may take.
                wholePostings[slot].Add(n | ((Math.Min(names[n].Tokens.Length, 4) - 1) << RunCoverShift));
            }
        }

        _wholeNames = new string[_wholeNameIds.Count];
        foreach (var (whole, id) in _wholeNameIds)
        {
            _wholeNames[id] = whole;
        }

        _wholeNameShapes = [.. _wholeNames.Select(w => new TokenShape(w))];
        _wholeNamePostings = [.. wholePostings.Select(p => p.ToArray())];
        _wholeNameTrigrams = new TrigramIndex(_wholeNames, w => NameNormaliser.Classify(w) != TokenClass.Number);
        _wholeNamePhonetic = _wholeNames.Select((w, id) => (Key: PhoneticKey(w), Id: id))
            .Where(p => p.Key.Length > 0 && NameNormaliser.Classify(_wholeNames[p.Id]) != TokenClass.Number)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToArray(), StringComparer.Ordinal);
        _nearSpellings = new Near[_vocabulary.Length][];
        _runPartners = new Near[_vocabulary.Length][];
    }

    public ListSet Lists { get; }

    /// <summary>How many names (primary names and aliases) the index holds.</summary>
    public int NameCount => _names.Length;

    public int VocabularySize => _vocabulary.Length;

    public static ScreeningIndex Build(ListSet lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return new ScreeningIndex(lists, thoroughOutsideVocabulary: false);
    }

    /// <summary>
    /// An index of a list update's added and changed entries, for re-screening. A party token outside its small
    /// vocabulary may well be in the whole list's, where its near spellings are searched for more thoroughly than those
    /// of a token outside it (<see cref="NearSpellings"/>); here every party token gets that search, so re-screening
    /// misses no near spelling a full screening would find (it costs little on a delta).
    /// </summary>
    public static ScreeningIndex BuildForDelta(ListSet lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return new ScreeningIndex(lists, thoroughOutsideVocabulary: true);
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
        scratch.Prepare(_names.Length, _vocabulary.Length, _runs.Length, _wholeNames.Length, Lists.Entries.Count);
        var country = Countries.Code(party.Country);

        // The best name score per entry, over the candidates.
        var floor = NameFloor(options);
        if (bruteForce)
        {
            for (var n = 0; n < _names.Length; n++)
            {
                Consider(scratch, query, n, floor);
            }
        }
        else if (query.Tokens.Length > 0)
        {
            var skipped = Retrieve(query, scratch, floor, out var incomplete);
            foreach (var n in scratch.Candidates)
            {
                if (!MayReachFloor(query, n, skipped, incomplete, scratch, floor))
                {
                    continue;
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

    /// <summary>The least name score that can still reach the threshold once the country and address boosts are added.</summary>
    private static double NameFloor(ScreeningOptions options) =>
        options.Threshold - Math.Max(0, Math.Max(options.CountryMatchBoost, 0) + Math.Max(options.AddressBoost, 0));

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

    /// <summary>What the bound reads of a name: its total token weight (over the tokens the scorer reads), where its tokens start in <c>_nameTokenIds</c>, the letters of its one-letter tokens (bit 0 = a) and the first letters of its longer ones (which party tokens may pair with it as an initial), and its length written as one.</summary>
    private readonly record struct NameFacts(float Weight, int TokenStart, uint Initials, uint FirstLetters, int JoinedLength);

    /// <summary>
    /// What retrieval found for a candidate name: which party tokens reached it (bit i; the sign bit: always score), how
    /// closely each of the first <see cref="TrackedTokens"/> did (a byte each), and how many of its tokens beyond one the
    /// runs that reached it may take.
    /// </summary>
    private struct Candidate
    {
        public int Stamp;
        public int Mask;
        public int Cover;
        public ulong Similarity;
    }

    /// <summary>Per-thread working memory, reused across queries so the hot path does not allocate per name.</summary>
    private sealed class Scratch
    {
        /// <summary>Per name, what retrieval found for the current party (valid when its stamp is the generation).</summary>
        public Candidate[] Names { get; private set; } = [];

        public SimilarityMemo Memo { get; } = new();

        public int[] VocabularyCount { get; private set; } = [];

        public int[] RunCount { get; private set; } = [];

        public int[] WholeNameCount { get; private set; } = [];

        public int[] VocabularySeen { get; private set; } = [];

        public int SeenGeneration { get; set; }

        public int[] BestName { get; private set; } = [];

        public double[] BestScore { get; private set; } = [];

        public int Generation { get; private set; }

        public List<int> Candidates { get; } = [];

        public List<int> Found { get; } = [];

        public List<Near> Near { get; } = [];

        public List<int> TouchedEntries { get; } = [];

        public List<PartyRun> PartyRunList { get; } = [];

        /// <summary>Per party token (see <see cref="InitialsOf"/>).</summary>
        public uint[] InitialOfWord { get; } = new uint[NameScorer.MaxTokens];

        public uint[] InitialAsWord { get; } = new uint[NameScorer.MaxTokens];

        public PartyRuns PartyRuns { get; set; }

        public HashSet<int> IdentifierEntries { get; } = [];

        public void Prepare(int names, int vocabulary, int runs, int wholeNames, int entries)
        {
            if (WholeNameCount.Length < wholeNames)
            {
                WholeNameCount = new int[wholeNames];
            }

            if (Names.Length < names)
            {
                Names = new Candidate[names];
                Generation = 0;
            }

            if (VocabularyCount.Length < vocabulary)
            {
                VocabularyCount = new int[vocabulary];
                VocabularySeen = new int[vocabulary];
                SeenGeneration = 0;
            }

            if (RunCount.Length < runs)
            {
                RunCount = new int[runs];
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
                Array.Clear(Names);
                Generation = 1;
            }

            Memo.Reset();
            Candidates.Clear();
            TouchedEntries.Clear();
            IdentifierEntries.Clear();
        }
    }
}
