using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Storage.Files;

namespace Clearance.Planning.Tests;

/// <summary>The data directory shipped with Clearance, loaded once for all tests.</summary>
internal static class Shipped
{
    private static readonly Lazy<(AcceleratorCatalog Catalog, IReadOnlyList<ClassificationRuleSet> RuleSets, PlanningData Planning)> Loaded = new(() =>
    {
        var data = new DataDirectory(Path.Combine(AppContext.BaseDirectory, "data"));
        var catalog = data.LoadCatalog().Value;
        var ruleSets = data.LoadClassificationRuleSets().Value;
        var planning = PlanningDataParser.Parse(data.ReadPlanningFiles().Value, catalog).Value;
        return (catalog, ruleSets, planning);
    });

    public static AcceleratorCatalog Catalog => Loaded.Value.Catalog;

    public static IReadOnlyList<ClassificationRuleSet> RuleSets => Loaded.Value.RuleSets;

    public static PlanningData Planning => Loaded.Value.Planning;

    public static PolicyContext Policy(string asOf, string sector = "commercial", long? quota = null, double floor = 0) =>
        DefaultPolicy.Derive(Catalog, RuleSets, Planning, Planning.Sector(sector)!, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), quota, floor);

    public static CandidateSet Candidates(PolicyContext policy) => CandidateSets.Build(Catalog, Planning, policy);
}
