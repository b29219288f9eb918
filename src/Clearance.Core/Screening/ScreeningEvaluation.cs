using System.Globalization;

namespace Clearance.Core.Screening;

/// <summary>One labelled pair of names: do they name the same party?</summary>
public sealed record LabelledPair(string Name1, string Name2, bool IsMatch);

/// <summary>Precision, recall and F1 of the name scorer on labelled pairs at one threshold.</summary>
public sealed record PairQuality(double Threshold, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives / (double)Math.Max(1, TruePositives + FalsePositives);

    public double Recall => TruePositives / (double)Math.Max(1, TruePositives + FalseNegatives);

    public double F1 => 2 * Precision * Recall / Math.Max(1e-9, Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"threshold {Threshold:0.00}: precision {Precision:0.000}, recall {Recall:0.000}, F1 {F1:0.000} (TP {TruePositives}, FP {FalsePositives}, FN {FalseNegatives}, TN {TrueNegatives})");
}

/// <summary>How often parties known to be on no list were flagged, and how many of a brute-force scan's hits the index found.</summary>
public sealed record ScreeningQuality(int Parties, int PartiesWithHits, int BruteForceParties, int BruteForceHits, int IndexFoundOfBruteForceHits)
{
    public double FalsePositiveRate => PartiesWithHits / (double)Math.Max(1, Parties);

    public double IndexRecall => BruteForceHits == 0 ? 1.0 : IndexFoundOfBruteForceHits / (double)BruteForceHits;
}

/// <summary>A brute-force hit the index did not find, with the name that was screened.</summary>
public sealed record MissedHit(string Name, ScreeningHit Hit);

/// <summary>How many of a brute-force scan's hits the index found for names taken from the lists and edited at random.</summary>
public sealed record EditedNamesRecall(int Names, int BruteForceHits, int Found, IReadOnlyList<MissedHit> Missed)
{
    public double Recall => BruteForceHits == 0 ? 1.0 : Found / (double)BruteForceHits;
}

/// <summary>The quality harness: measures the scorer and the index on labelled data, with the same code the product runs.</summary>
public static class ScreeningEvaluation
{
    public static PairQuality Pairs(IEnumerable<LabelledPair> pairs, double threshold)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var pair in pairs)
        {
            var predicted = NameMatch.Score(pair.Name1, pair.Name2) >= threshold;
            if (predicted && pair.IsMatch)
            {
                tp++;
            }
            else if (predicted)
            {
                fp++;
            }
            else if (pair.IsMatch)
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return new PairQuality(threshold, tp, fp, fn, tn);
    }

    /// <summary>
    /// Screens every party (all known to be on no list) through the index, and the first
    /// <paramref name="bruteForceSample"/> of them also by scanning every name with the same scorer.
    /// </summary>
    public static ScreeningQuality NonMatches(ScreeningIndex index, IReadOnlyList<Party> parties, int bruteForceSample, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(parties);
        options ??= ScreeningOptions.Default;
        var flagged = 0;
        foreach (var party in parties)
        {
            flagged += index.Screen(party, options).IsHit ? 1 : 0;
        }

        var all = options with { MaxHits = int.MaxValue };
        int scanned = 0, found = 0, sample = Math.Min(bruteForceSample, parties.Count);
        for (var i = 0; i < sample; i++)
        {
            var indexed = index.Screen(parties[i], all).Hits.Select(h => h.EntryId).ToHashSet(StringComparer.Ordinal);
            foreach (var hit in index.ScreenAll(parties[i], all).Hits)
            {
                scanned++;
                found += indexed.Contains(hit.EntryId) ? 1 : 0;
            }
        }

        return new ScreeningQuality(parties.Count, flagged, sample, scanned, found);
    }

    /// <summary>
    /// The index's recall against a brute-force scan with the same scorer on <paramref name="count"/> names of the
    /// index's own list entries, each with 0–3 random letter edits (deletions, substitutions, insertions), drawn from a
    /// fixed <paramref name="seed"/> so the sample is the same on every run; up to 1,000 hits per name.
    /// </summary>
    public static EditedNamesRecall EditedListNames(ScreeningIndex index, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(index);
        var names = index.Lists.Entries.SelectMany(e => e.Names).ToArray();
        var random = new Random(seed);
        var options = ScreeningOptions.Default with { MaxHits = 1000 };
        var missed = new List<MissedHit>();
        int scanned = 0, found = 0;
        for (var k = 0; k < count && names.Length > 0; k++)
        {
            var name = WithRandomEdits(names[random.Next(names.Length)], random.Next(4), new Random(random.Next(1000)));
            var indexed = index.Screen(new Party(name), options).Hits.Select(h => h.EntryId).ToHashSet(StringComparer.Ordinal);
            foreach (var hit in index.ScreenAll(new Party(name), options).Hits)
            {
                scanned++;
                if (indexed.Contains(hit.EntryId))
                {
                    found++;
                }
                else
                {
                    missed.Add(new MissedHit(name, hit));
                }
            }
        }

        return new EditedNamesRecall(count, scanned, found, missed);
    }

    /// <summary>The name with <paramref name="edits"/> random letter deletions, substitutions or insertions (names of two letters or fewer are left alone).</summary>
    public static string WithRandomEdits(string name, int edits, Random random)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(random);
        var chars = name.ToCharArray().ToList();
        for (var i = 0; i < edits && chars.Count > 2; i++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars[at] = (char)('a' + random.Next(26)); break;
                default: chars.Insert(at, (char)('a' + random.Next(26))); break;
            }
        }

        return new string([.. chars]);
    }
}
