using System.Collections.Immutable;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Units;
using CsCheck;

namespace Clearance.Core.Tests.Classification;

/// <summary>Invariants of TPP and classification, checked on generated chips and shuffled catalogs.</summary>
public sealed class ClassificationPropertyTests
{
    private static readonly Gen<double> Rate = Gen.Double[0.5, 20_000];

    private static readonly Gen<Accelerator> Chip =
        Gen.Select(Gen.Dictionary(Gen.Enum<OperandWidth>(), Rate)[1, 8], Gen.Double[50, 2_000], Gen.Double[100, 9_000], Gen.Double[16, 2_000], Gen.Bool)
            .Select((rates, area, dram, io, datacenter) => new Accelerator
            {
                Id = "generated",
                Name = "Generated",
                Vendor = "Test",
                DesignCountry = "US",
                Market = datacenter ? Market.Datacenter : Market.Consumer,
                DenseRates = rates.ToImmutableSortedDictionary(r => r.Key, r => (Figure<TeraOpsPerSecond>?)new Figure<TeraOpsPerSecond>(new TeraOpsPerSecond(r.Value), "test", Confidence.Calculated)),
                DieArea = new Figure<SquareMillimetres>(new SquareMillimetres(area), "test", Confidence.Calculated),
                MemoryBandwidth = new Figure<GigabytesPerSecond>(new GigabytesPerSecond(dram), "test", Confidence.Calculated),
                InterconnectBandwidth = new Figure<GigabytesPerSecond>(new GigabytesPerSecond(io), "test", Confidence.Calculated),
            });

    [Fact]
    public void Tpp_IsMonotoneInEveryRate()
    {
        Gen.Select(Chip, Gen.Int[0, 7], Gen.Double[0, 5_000]).Sample((chip, pick, increase) =>
        {
            var width = chip.DenseRates.Keys.ElementAt(pick % chip.DenseRates.Count);
            var raised = chip with
            {
                DenseRates = chip.DenseRates.SetItem(width, chip.DenseRates[width]! with { Value = new TeraOpsPerSecond(chip.DenseRates[width]!.Value.Value + increase) }),
            };

            return PerformanceFigures.Of(raised).Tpp!.Value.Value >= PerformanceFigures.Of(chip).Tpp!.Value.Value;
        });
    }

    [Fact]
    public void Tpp_IsTheHighestRateTimesBitLength()
    {
        Chip.Sample(chip =>
        {
            var expected = chip.DenseRates.Max(r => r.Value!.Value.Value * r.Key.BitLength());
            return PerformanceFigures.Of(chip).Tpp!.Value.Value == expected;
        });
    }

    [Fact]
    public void Classify_IsDeterministicAndAgreesWithItsExplanation()
    {
        var ruleSets = ShippedData.RuleSets;
        Gen.Select(Chip, Gen.Date[new DateTime(2022, 1, 1), new DateTime(2027, 1, 1)]).Sample((chip, date) =>
        {
            var asOf = DateOnly.FromDateTime(date);
            foreach (var set in ruleSets)
            {
                var first = Classifier.Classify(chip, asOf, set);
                var second = Classifier.Classify(chip, asOf, set);
                if (!first.Designations.Select(d => d.Rule.Id).SequenceEqual(second.Designations.Select(d => d.Rule.Id)))
                {
                    return false;
                }

                // A rule that fired must show at least one passing test, one that did not must show a failing one.
                foreach (var outcome in first.Outcomes)
                {
                    var consistent = outcome.Fired switch
                    {
                        true => outcome.Tests.Any(t => t.Outcome == true),
                        false => outcome.Tests.Any(t => t.Outcome == false),
                        null => outcome.Tests.Any(t => t.Outcome is null),
                    };
                    if (!consistent)
                    {
                        return false;
                    }
                }
            }

            return true;
        });
    }

    [Fact]
    public void Classify_NeverDependsOnCatalogOrder()
    {
        var files = ShippedData.Files("catalog");
        var asOf = new DateOnly(2026, 2, 1);
        var reference = Designations(CatalogParser.Parse(files).Value, asOf);

        Gen.Shuffle(files.ToArray()).Sample(shuffled =>
        {
            var catalog = CatalogParser.Parse(shuffled.Select((f, i) => f with { Name = $"{i:D2}-{f.Name}" })).Value;
            return Designations(catalog, asOf).SequenceEqual(reference);
        }, iter: 20);
    }

    private static List<string> Designations(AcceleratorCatalog catalog, DateOnly asOf) =>
        catalog.Accelerators
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .SelectMany(a => ShippedData.RuleSets.SelectMany(set => Classifier.Classify(a, asOf, set).Designations).Select(d => $"{a.Id}:{d.Rule.Id}"))
            .ToList();
}
