using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Policy;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Policy;

/// <summary>The data files the product ships (copied beside the tests), parsed once: catalog, rule sets, policy packs.</summary>
public static class ShippedData
{
    private static readonly Lazy<PolicyLibrary> Shared = new(() => new PolicyLibrary(Packs(), Catalog(), ClassificationRuleSets()));

    public static PolicyLibrary Library => Shared.Value;

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static IReadOnlyList<SourceText> Files(string folder) =>
        [.. Directory.EnumerateFiles(Folder(folder), "*.yaml").Order(StringComparer.Ordinal).Select(p => new SourceText(Path.Combine(folder, Path.GetFileName(p)), File.ReadAllText(p)))];

    public static AcceleratorCatalog Catalog() => CatalogParser.Parse(Files("catalog")).Value;

    public static IReadOnlyList<ClassificationRuleSet> ClassificationRuleSets() =>
        [.. Files("classification").Select(f => ClassificationRuleSetParser.Parse(f).Value)];

    public static IReadOnlyList<PolicyPack> Packs()
    {
        var parsed = PolicySet.Parse(Files("policy"));
        return parsed.Succeeded ? parsed.Value : throw new InvalidOperationException(string.Join("\n", parsed.Problems));
    }
}

/// <summary>Builds orders for tests: a plain commercial data-centre order unless a test says otherwise.</summary>
public static class Orders
{
    public static Order Make(
        string product,
        string destination,
        string date,
        string exportOrigin = "US",
        string customer = "Example Cloud Ltd",
        string? customerCountry = null,
        string? headquarters = null,
        string? parent = null,
        string? parentCountry = null,
        string sector = "cloud",
        string endUse = "datacenter",
        bool stateOwned = false,
        bool criticalInfrastructure = false,
        bool? stateFunded = false,
        double? completion = null,
        double? domesticShare = null,
        bool usEntry = false,
        string hts = "8471.80",
        int quantity = 8,
        decimal unitValue = 30_000m,
        string[]? listHits = null) => new()
        {
            Id = "T-1",
            OrderDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            Product = product,
            Quantity = quantity,
            UnitValue = unitValue,
            Destination = destination,
            ExportOrigin = exportOrigin,
            UsEntry = usEntry,
            HtsCode = hts,
            Customer = new Party(customer, customerCountry ?? destination, headquarters, parent, parentCountry),
            EndUser = new Party(customer, customerCountry ?? destination, headquarters, parent, parentCountry),
            Sector = sector,
            EndUse = endUse,
            StateOwned = stateOwned,
            CriticalInfrastructure = criticalInfrastructure,
            StateFundedProject = stateFunded,
            ProjectCompletionPercent = completion,
            DomesticSharePercent = domesticShare,
            ListHits = [.. listHits ?? []],
        };
}
