using Clearance.Core.Screening;
using CsCheck;

namespace Clearance.Core.Tests.Screening;

public sealed class ScreeningIndexTests
{
    private static readonly Lazy<ScreeningIndex> Index = new(() => ScreeningIndex.Build(Fixture.AllLists()));

    [Theory]
    [InlineData("BANCO NACIONAL DE CUBA", "ofac-sdn:306")]
    [InlineData("National Bank of Cuba", "ofac-sdn:306")]                // an alias
    [InlineData("Banko Nacional de Kuba", "ofac-sdn:306")]               // typos
    [InlineData("ВАNСО NАСIONAL DE CUBA", "ofac-sdn:306")]               // homoglyphs
    [InlineData("Eric Badege", "un:6907993")]                            // UN list
    [InlineData("Aaron Abraham Villa", null)]                             // DPL: id is a hash, checked by source below
    public void Screen_KnownListedName_FindsTheEntryFirst(string name, string? entryId)
    {
        var result = Index.Value.Screen(new Party(name));

        Assert.NotEmpty(result.Hits);
        if (entryId is not null)
        {
            Assert.Equal(entryId, result.Hits[0].EntryId);
        }

        Assert.Equal(Index.Value.Lists.Version, result.ListSetVersion);
        Assert.All(result.Hits, h => Assert.True(h.Score >= ScreeningOptions.Default.Threshold));
    }

    [Fact]
    public void Screen_UnlistedName_HasNoHits()
    {
        Assert.Empty(Index.Value.Screen(new Party("Patricia Lucas Wheeler")).Hits);
    }

    [Fact]
    public void Screen_WithTheEntrysCountry_ScoresHigherThanWithAnother()
    {
        var inCountry = Index.Value.Screen(new Party("Banko Nacional de Kuba") { Country = "CH" }).Hits[0];
        var elsewhere = Index.Value.Screen(new Party("Banko Nacional de Kuba") { Country = "BR" }).Hits[0];

        Assert.True(inCountry.Score > elsewhere.Score);
        Assert.Contains(inCountry.Notes, n => n.Contains("country CH is one of", StringComparison.Ordinal));
        Assert.Contains(elsewhere.Notes, n => n.Contains("is not among", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_ByAnIdentifierOnTheList_IsAHitWhateverTheName()
    {
        var entry = Index.Value.Lists.Entries.First(e => e.Identifiers.Any(i => i.Value.Length >= 6));
        var identifier = entry.Identifiers.First(i => i.Value.Length >= 6).Value;

        var result = Index.Value.Screen(new Party("Somebody Else Entirely") { Identifiers = [identifier.ToLowerInvariant()] });

        var hit = Assert.Single(result.Hits, h => h.EntryId == entry.EntryId);
        Assert.Equal(1.0, hit.Score);
    }

    [Fact]
    public void Screen_IsAPureFunctionOfPartyListsAndOptions()
    {
        var party = new Party("Cimex Iberica") { Country = "ES" };

        var first = Index.Value.Screen(party);
        var second = ScreeningIndex.Build(Fixture.AllLists()).Screen(party);

        Assert.Equal(first.ListSetVersion, second.ListSetVersion);
        Assert.Equal(first.Options, second.Options);
        Assert.Equal(first.Hits.Select(h => (h.EntryId, h.Score)), second.Hits.Select(h => (h.EntryId, h.Score)));
    }

    // The index must find what a scan of every name with the same scorer finds (the issue asks for at least 99.5%):
    // checked on a fixed sample of 1,000 list names with 0–3 random edits (a fixed seed, so the test cannot flicker;
    // over 2,000 names the index found 2,377 of 2,380 brute-force hits), and on the full 2021 SDN in the quality run.
    [Fact]
    public void Screen_FindsAtLeast99_5PercentOfTheHitsOfABruteForceScan()
    {
        var recall = ScreeningEvaluation.EditedListNames(Index.Value, 1000, 20260115);

        Assert.True(recall.BruteForceHits > 500, $"only {recall.BruteForceHits} brute-force hits; the sample is too small to measure recall");
        Assert.True(recall.Found >= 0.995 * recall.BruteForceHits, $"the index found {recall.Found} of {recall.BruteForceHits} brute-force hits");
    }

    // Tokens of up to five letters share few or no trigrams with many of their near spellings ("IR" and "IARA", "AA" and
    // "AYA", "SOL" and "ISIL", "NICO" and "UNICA"), whichever side is the shorter: the index must still find what the
    // scan finds, through the tokens' deletion variants. Among many other short names, so that a wrong variant lookup
    // cannot pass by luck.
    [Theory]
    [InlineData("IR", "IARA")]
    [InlineData("AA", "AYA")]
    [InlineData("SOL", "ISIL")]
    [InlineData("PA", "PUA")]
    [InlineData("NAR", "MARA")]
    [InlineData("IARA", "IR")]                                             // the same pairs the other way round
    [InlineData("MARA", "NAR")]
    [InlineData("ISIL", "SOL")]
    [InlineData("NICO", "UNICA")]                                          // four and five letters, one shared trigram
    public void Screen_ShortName_FindsWhatABruteForceScanFinds(string party, string listed)
    {
        string[] others = ["ABC", "XYZ", "IRAN AIR", "SAL", "AYAAN", "ISLA", "PAPA", "NARA", "MAR", "IAR", "OLS", "QQ", "ZZ TOP", "UNIC", "NIC"];
        var index = IndexOf(others.Append(listed), "short", PartyType.Entity);

        var scanned = index.ScreenAll(new Party(party)).Hits.Select(h => h.EntryId).Order().ToList();
        var found = index.Screen(new Party(party)).Hits.Select(h => h.EntryId).Order().ToList();

        Assert.Contains($"short-{others.Length}", scanned);
        Assert.Equal(scanned, found);
    }

    // A party token outside the vocabulary looks for its near spellings with a stricter trigram filter than a listed
    // token (one shared trigram more) and by consonant skeleton: these pairs share one trigram but have the
    // same skeleton ("AMOUN" and "HAMOON": m-n; a w counts for nothing), and share one trigram only. Among names that
    // share trigrams with the party.
    [Theory]
    [InlineData("AMOUN", "HAMOON")]
    [InlineData("WSARINA", "SERENA")]
    public void Screen_PartyTokenOutsideTheVocabulary_FindsItsSameSkeletonSpellings(string party, string listed)
    {
        string[] others = ["AMOS", "MOUNA", "AMOUR", "SARINA KHAN", "ARINA", "SERENE", "WASAR", "ALI HASSAN", "MOUNTAIN", "RINAS"];

        AssertIndexFindsWhatAScanFinds(others, listed, party);
    }

    // A party token outside the vocabulary gets the stricter search (the pairs below share one trigram and their
    // skeletons differ), which loses weak pairs; an index built for a list update's delta searches like the whole list's
    // does for a token in its vocabulary, so re-screening finds what a scan of the same names finds.
    [Theory]
    [InlineData("ABADUR", "ABDUL")]
    [InlineData("HBAPIS", "BATIS")]
    [InlineData("XOHAMMAD", "HAMMUD")]
    public void BuildForDelta_PartyTokenOutsideTheVocabulary_FindsWhatAScanFinds(string party, string listed)
    {
        string[] others = ["ABAD", "DURA", "BAPTISTE", "APIS", "MOHAMMAD", "HAMMOUDA KHAN"];
        var names = others.Append(listed).ToArray();
        var whole = IndexOf(names, "entry", PartyType.Individual);
        var delta = ScreeningIndex.BuildForDelta(whole.Lists);

        var scanned = Ranked(whole.ScreenAll(new Party(party)));

        Assert.Contains(scanned, h => h.EntryId == $"entry-{others.Length}");

        // The whole list's index, with the stricter search, misses the pair: the case this test is about.
        Assert.NotEqual(scanned, Ranked(whole.Screen(new Party(party))));
        Assert.Equal(scanned, Ranked(delta.Screen(new Party(party))));
    }

    // Before it scores a name the index proves, from what retrieval found, that the name can reach the threshold; these
    // pairs score through what that proof must not overlook: a run of tokens written as one on either side, an initial,
    // a near spelling the trigram filter alone misses (for a party token in the vocabulary and for one outside it), the
    // names compared whole. Each among names that share tokens with it, so that a wrong bound skips a real hit.
    [Theory]
    [InlineData("CHONGBONG SHIPPING CO LTD", "CHONG BONG")]                           // a listed name written as one
    [InlineData("ISLAMIC REVOLUTION GUARDSCORPS", "ISLAMIC REVOLUTION GUARDS CORPS GROUND FORCE")] // part of one
    [InlineData("NASSERDAVIDe Julio Cesar", "NASSER DAVID, Julio Cesar")]             // and misspelt
    [InlineData("HADI, Abdul", "ZARQUN, Abd al Hadi")]                                // "ABD AL" for "ABDUL", in the vocabulary
    [InlineData("Na Chu Gutierrez", "MEJIA GUTIERREZ, Nacho")]                        // the party's tokens written as one
    [InlineData("ABDULRAHMAN HADI SMITH", "ABD AL RAHMAN HADI")]                      // a run taking three listed tokens
    [InlineData("STARS INTERNATIONAL", "STARK I")]                                    // an initial
    [InlineData("STARS INTNAToIONAL CO. LTD", "STARK I")]                             // and misspelt
    [InlineData("SALEHI, Ali", "ABDULKARIM ALI, Ali")]                                // "SALEHI" ~ "ALI": no shared trigram
    [InlineData("WALI, Mohammad", "OWHADI, Mohammad Ebrahim")]                        // "WALI" ~ "OWHADI": none either
    [InlineData("SOLCANI, Mohammad", "SALMAN, Qais Muhammad")]                        // a party token outside the vocabulary
    [InlineData("KHALIQ, Muhammad hmed", "ABD AL-KHALIQ, Adil Muhammad Mahmud")]
    [InlineData("AL-TIKRITI, Bashar Sab'awiIbaahim Hasan", "AL-TIKRITI, Sab'awi Ibrahim Hassan")]
    [InlineData("WALI, Mohammad", "MAHALA, Muhammad")]                                // the names compared whole
    [InlineData("YI HAO SONGTIAN", "TAN, Yaozong")]                                   // with one trigram in common
    public void Screen_NameMatchingThroughRunsInitialsOrDistantSpellings_FindsWhatABruteForceScanFinds(string party, string listed)
    {
        string[] others =
        [
            "ALI HASSAN", "ABDUL KARIM", "SALEHI, Reza", "WALI KHAN", "MOHAMMAD REZA", "MUHAMMAD ALI", "JULIO CESAR LOPEZ",
            "KOREA SHIPPING CO", "ISLAMIC REVOLUTION", "GUARDS", "NASSER", "HADI SALEH", "STARS", "ABD AL RAHMAN",
            "MAHMUD, Adil", "SAB'AWI, Hasan", "CHONG, Il", "NA, Chu Il", "QAIS, Ali", "EBRAHIM, Mohammad",
            "ABDULRAHMAN SALEH", "SMITH", "INTERNATIONAL TRADING",
        ];

        AssertIndexFindsWhatAScanFinds(others, listed, party);
    }

    /// <summary>
    /// Screens a party with an index of individuals named <paramref name="others"/> and <paramref name="listed"/> (the
    /// last entry) and with a scan of the same names: the scan must find the listed one, and the index what the scan finds.
    /// </summary>
    private static void AssertIndexFindsWhatAScanFinds(string[] others, string listed, string party)
    {
        var index = IndexOf(others.Append(listed), "entry", PartyType.Individual);

        var scanned = Ranked(index.ScreenAll(new Party(party)));

        Assert.Contains(scanned, h => h.EntryId == $"entry-{others.Length}");
        Assert.Equal(scanned, Ranked(index.Screen(new Party(party))));
    }

    /// <summary>A result's hits as (entry, score), in order.</summary>
    private static List<(string EntryId, double Score)> Ranked(ScreeningResult result) => [.. result.Hits.Select(h => (h.EntryId, h.Score)).Order()];

    // The bound skips a candidate only when the scorer would put it below the floor: parties made from listed names with
    // random edits (digits and hyphens too), words split or run together, words of two names mixed and words swapped,
    // over every list excerpt. Before a release, run it with a larger iter: 600,000 parties passed (2 Dec 2026), after
    // this test found two holes at 200,000 (a run with digits, "DU23" ~ "DU 23"; a token outside the vocabulary left out
    // of retrieval).
    [Fact]
    public void Bound_NeverSkipsANameTheScorerPutsAtOrAboveTheFloor()
    {
        var names = Index.Value.Lists.Entries.SelectMany(e => e.Names).ToArray();
        var edit = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 60], Gen.Char["aeiouyhbdgklmnrstz 1-"]);
        Gen.Select(Gen.Int[0, names.Length - 1], Gen.Int[0, names.Length - 1], edit.Array[0, 4], Gen.Int[0, 3])
            .Select((a, b, edits, mix) => Party(names[a], names[b], edits, mix))
            .Sample(party => Index.Value.SkippedAtOrAboveFloor(new Party(party)) is { Count: 0 }, iter: 20_000);
    }

    /// <summary>An index over one list of the given names, entry ids <c>{prefix}-0</c>, <c>{prefix}-1</c>… in order.</summary>
    private static ScreeningIndex IndexOf(IEnumerable<string> names, string prefix, PartyType type) =>
        ScreeningIndex.Build(ListSet.Create([.. names.Select((name, i) => new ListEntry
        {
            EntryId = $"{prefix}-{i}",
            Source = "SDN",
            ListVersion = $"{prefix}-test",
            Type = type,
            PrimaryName = name,
        })], []));

    private static string Party(string first, string second, (int Kind, int At, char Letter)[] edits, int mix)
    {
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var others = second.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (mix == 1 && others.Length > 0)
        {
            words[^1] = others[^1];
        }
        else if (mix == 2 && words.Count > 1)
        {
            (words[0], words[^1]) = (words[^1], words[0]);
        }

        return TextEdits.Apply(string.Join(' ', words), edits);
    }
}
