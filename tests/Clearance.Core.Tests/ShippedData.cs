using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests;

/// <summary>The catalog and rule sets the product ships (data/ copied beside the tests), loaded once.</summary>
internal static class ShippedData
{
    private static readonly Lazy<AcceleratorCatalog> LazyCatalog = new(() =>
    {
        var result = CatalogParser.Parse(Files("catalog"));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.Value;
    });

    private static readonly Lazy<IReadOnlyList<ClassificationRuleSet>> LazyRuleSets = new(() =>
        Files("classification").Select(file =>
        {
            var result = ClassificationRuleSetParser.Parse(file);
            Assert.True(result.Succeeded, string.Join("\n", result.Problems));
            return result.Value;
        }).ToList());

    public static string Root => Path.Combine(AppContext.BaseDirectory, "data");

    public static AcceleratorCatalog Catalog => LazyCatalog.Value;

    public static IReadOnlyList<ClassificationRuleSet> RuleSets => LazyRuleSets.Value;

    public static Accelerator Chip(string name) =>
        Catalog.Find(name) ?? throw new ArgumentException($"'{name}' is not in the shipped catalog", nameof(name));

    public static IReadOnlyList<SourceText> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceText(Path.GetRelativePath(Root, path), File.ReadAllText(path)))
            .ToList();

    /// <summary>Every designation a chip receives on a date, across all shipped rule sets.</summary>
    public static IReadOnlyList<string> Designations(string chip, DateOnly asOf) =>
        RuleSets.SelectMany(set => Classifier.Classify(Chip(chip), asOf, set).Designations).Select(d => d.Rule.Designation).ToList();
}
