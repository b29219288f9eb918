using Clearance.Core.Screening;
using CsCheck;

namespace Clearance.Core.Tests.Screening;

public sealed class NameMatchingTests
{
    private static readonly double Threshold = ScreeningOptions.Default.Threshold;

    // Each row: a party name, a listed name, and whether they must match at the default threshold.
    // Sources: the normalisation list; watchman #483 (numbers); OFAC's "SURNAME, Given" convention.
    [Theory]
    [InlineData("Vladimir Putin", "PUTIN, Vladimir Vladimirovich", true)]       // word order, patronymic on the list
    [InlineData("Banco Nacional de Cuba", "BANCO NACIONAL DE CUBA", true)]       // case
    [InlineData("Müller Maschinenbau GmbH", "MULLER MASCHINENBAU", true)]       // diacritics, legal form
    [InlineData("Anglo Caribbean Company Limited", "ANGLO-CARIBBEAN CO., LTD.", true)] // punctuation, legal forms
    [InlineData("ВАNСО NАСIONAL DE CUBA", "BANCO NACIONAL DE CUBA", true)]     // Cyrillic look-alikes mixed into Latin
    [InlineData("Βanco Νacional de Cuba", "BANCO NACIONAL DE CUBA", true)]     // Greek look-alikes
    [InlineData("习近平", "Xi Jinping", true)]                                    // CJK transliterated
    [InlineData("Владимир Путин", "Vladimir Putin", true)]                     // Cyrillic transliterated
    [InlineData("Ig0r Sech1n", "Igor Sechin", true)]                           // digits for letters
    [InlineData("Banko Nacional de Cuba", "BANCO NACIONAL DE CUBA", true)]      // one-letter typo
    [InlineData("Al Shanti Jamileh", "AL-SHANTI, Jamileh Abdullah", true)]
    [InlineData("CORP 1", "CORP 2", false)]                                      // numbers must agree
    [InlineData("BELLETECH CORP", "11420 CORP.", false)]                         // watchman #483
    [InlineData("Snow Storm 1", "Snow Storm 2", false)]
    [InlineData("William Mutua", "William Ruto", false)]                         // a disagreeing surname
    [InlineData("Angela Merkel", "Angelo Cruz", false)]
    [InlineData("Patr Ushev Nikolai", "PATRUSHEV, Nikolai", true)]              // a name split differently
    [InlineData("Nikolai Patrusheff", "PATR USHEV, Nikolai", true)]              // ... and spelled a little differently
    [InlineData("HN Jang Su", "HSING, Su", false)]                               // a run only loosely like a name
    [InlineData("MYINT, Li", "ALUMINAT", false)]
    public void Score_AtTheDefaultThreshold_MatchesOrNotAsExpected(string party, string listed, bool expected)
    {
        var score = NameMatch.Score(party, listed);

        Assert.True(score >= Threshold == expected, $"'{party}' vs '{listed}' scored {score:0.000}");
    }

    [Fact]
    public void Explain_DifferentNumbers_SaysSo()
    {
        var (_, evidence) = NameMatch.Explain("SNOW STORM 1", "SNOW STORM 2");

        Assert.Contains(evidence, e => e.Kind == "numbers differ");
        Assert.Contains(evidence, e => e.QueryToken == "1" && e.Kind == "number unmatched");
    }

    [Fact]
    public void Explain_GivesEveryTokenItsEvidence()
    {
        var (_, evidence) = NameMatch.Explain("Banko Nacional de Cuba", "BANCO NACIONAL DE CUBA");

        Assert.Contains(evidence, e => e.QueryToken == "banko" && e.ListToken == "banco" && e.Kind == "fuzzy" && e.Similarity is > 0 and < 1);
        Assert.Contains(evidence, e => e.QueryToken == "cuba" && e.Kind == "exact");
    }

    [Fact]
    public void Normalise_SetsLegalFormsAsideInAnyScript()
    {
        Assert.Equal(["anglo", "caribbean"], NameNormaliser.Normalise("ANGLO-CARIBBEAN CO., LTD.").Tokens);
        Assert.Equal(["huaweijishu"], NameNormaliser.Normalise("华为技术有限公司").Tokens);
        Assert.Equal(["iskusstvo", "krasoty"], NameNormaliser.Normalise("OOO Iskusstvo Krasoty").Tokens);
        Assert.Equal(["gazprom"], NameNormaliser.Normalise("Open Joint Stock Company Gazprom").Tokens);
    }

    [Fact]
    public void Normalise_NameOfOnlyLegalForms_KeepsThem()
    {
        Assert.NotEmpty(NameNormaliser.Normalise("S.A.").Tokens);
    }

    private static readonly Gen<string> Names = Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -.,'0123456789ÄÖÜéèçЖДΩ中"], 1, 40];

    [Fact]
    public void Score_IsAlwaysBetweenZeroAndOne() =>
        Gen.Select(Names, Names).Sample((a, b) => NameMatch.Score(a, b) is >= 0 and <= 1);

    [Fact]
    public void Score_OfANameWithItself_IsOne() =>
        Names.Where(n => NameNormaliser.Normalise(n).Tokens.Length > 0)
            .Sample(n => Math.Abs(NameMatch.Score(n, n) - 1.0) < 1e-9);

    [Fact]
    public void Score_DoesNotChangeWhenALegalFormIsAppended() =>
        Gen.String[Gen.Char['a', 'z'], 4, 12].Array[1, 4].Select(words => string.Join(' ', words))
            .Sample(name => Math.Abs(NameMatch.Score(name + " LLC", "Zzyzx " + name) - NameMatch.Score(name, "Zzyzx " + name)) < 1e-9);
}
