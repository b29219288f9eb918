using System.Globalization;
using Clearance.Core.Screening;
using Xunit.Abstractions;

namespace Clearance.Core.Tests.Screening;

/// <summary>Precision, recall and F1 on the 826 labelled name pairs (nomenklatura name_bench, MIT).</summary>
public sealed class NameQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void LabelledPairs_AtTheDefaultThreshold_ReachF1OfAtLeast0_85()
    {
        var pairs = LabelledPairs.Read(Path.Combine(Fixture.Root, "names", "name-pairs-labelled.csv"));
        var threshold = ScreeningOptions.Default.Threshold;

        var quality = LabelledPairs.Evaluate(pairs, threshold);

        output.WriteLine(quality.ToString());
        foreach (var line in LabelledPairs.Sweep(pairs))
        {
            output.WriteLine(line);
        }

        Assert.Equal(826, pairs.Count);
        Assert.True(quality.F1 >= 0.85, quality.ToString());
    }
}

internal sealed record LabelledPair(string Schema, string Name1, string Name2, bool IsMatch);

internal sealed record PairQuality(double Threshold, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives / (double)Math.Max(1, TruePositives + FalsePositives);

    public double Recall => TruePositives / (double)Math.Max(1, TruePositives + FalseNegatives);

    public double F1 => 2 * Precision * Recall / Math.Max(1e-9, Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"t={Threshold:0.00} P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} (TP {TruePositives}, FP {FalsePositives}, FN {FalseNegatives}, TN {TrueNegatives})");
}

internal static class LabelledPairs
{
    public static List<LabelledPair> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var pairs = new List<LabelledPair>();
        foreach (var line in lines.Skip(1))
        {
            var fields = SplitCsv(line);
            pairs.Add(new LabelledPair(fields[1], fields[2], fields[3], fields[4] == "true"));
        }

        return pairs;
    }

    public static PairQuality Evaluate(IEnumerable<LabelledPair> pairs, double threshold)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var pair in pairs)
        {
            var predicted = NameMatch.Score(pair.Name1, pair.Name2) >= threshold;
            (tp, fp, fn, tn) = (predicted, pair.IsMatch) switch
            {
                (true, true) => (tp + 1, fp, fn, tn),
                (true, false) => (tp, fp + 1, fn, tn),
                (false, true) => (tp, fp, fn + 1, tn),
                _ => (tp, fp, fn, tn + 1),
            };
        }

        return new PairQuality(threshold, tp, fp, fn, tn);
    }

    public static IEnumerable<string> Sweep(List<LabelledPair> pairs)
    {
        for (var t = 0.60; t <= 0.951; t += 0.05)
        {
            yield return Evaluate(pairs, t).ToString();
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
