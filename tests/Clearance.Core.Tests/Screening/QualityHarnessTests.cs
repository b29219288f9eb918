using Clearance.Core.Screening;
using Xunit.Abstractions;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Screening;

/// <summary>The quality harness on fixtures: the labelled pairs (whole file) and a screen of unlisted people against the list excerpts.</summary>
public sealed class QualityHarnessTests(ITestOutputHelper output)
{
    [Fact]
    public void LabelledPairs_AtTheDefaultThreshold_ReachF1OfAtLeast0_85()
    {
        var pairs = ReadPairs(Path.Combine(Fixture.Root, "names", "name-pairs-labelled.csv"));

        var quality = ScreeningEvaluation.Pairs(pairs, ScreeningOptions.Default.Threshold);

        output.WriteLine(quality.ToString());
        Assert.Equal(826, pairs.Count);
        Assert.True(quality.F1 >= 0.85, quality.ToString());
    }

    [Fact]
    public void NonMatches_AgainstTheListExcerpts_AreRarelyFlaggedAndTheIndexFindsWhatAScanFinds()
    {
        var index = ScreeningIndex.Build(Fixture.AllLists());
        var people = PartyFileParser.Parse(Fixture.Read("names/non-matches-sample.csv")).Value;

        var quality = ScreeningEvaluation.NonMatches(index, people, bruteForceSample: people.Count);

        output.WriteLine($"{quality.PartiesWithHits}/{quality.Parties} flagged; index found {quality.IndexFoundOfBruteForceHits}/{quality.BruteForceHits}");
        Assert.Equal(200, quality.Parties);
        Assert.True(quality.FalsePositiveRate <= 0.02, $"false-positive rate {quality.FalsePositiveRate:P1}");
        Assert.True(quality.IndexRecall >= 0.995, $"index recall {quality.IndexRecall:P1}");
    }

    internal static List<LabelledPair> ReadPairs(string path)
    {
        var text = new SourceText(path, File.ReadAllText(path));
        var problems = new List<Clearance.Core.Parsing.Problem>();
        var records = DelimitedReader.Read(text.Name, text.Text, ',', problems);
        Assert.Empty(problems);
        return records.Skip(1).Select(r => new LabelledPair(r.Fields[2], r.Fields[3], r.Fields[4] == "true")).ToList();
    }
}
