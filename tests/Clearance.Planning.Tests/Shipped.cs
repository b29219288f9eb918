using System.Globalization;
using Clearance.Core.Catalog;
using Clearance.Core.Ledger;
using Clearance.Core.Policy;
using Clearance.Storage.Files;

namespace Clearance.Planning.Tests;

/// <summary>The data directory shipped with Clearance, loaded once for all tests.</summary>
internal static class Shipped
{
    private static readonly Lazy<(PolicyLibrary Library, PlanningData Planning)> Loaded = new(() =>
    {
        var data = new DataDirectory(Path.Combine(AppContext.BaseDirectory, "data"));
        var library = data.LoadPolicyLibrary().Value;
        var planning = PlanningDataParser.Parse(data.ReadPlanningFiles().Value, library.Catalog).Value;
        return (library, planning);
    });

    public static PolicyLibrary Library => Loaded.Value.Library;

    public static AcceleratorCatalog Catalog => Library.Catalog;

    public static PlanningData Planning => Loaded.Value.Planning;

    public static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    public static PolicyContext Policy(string asOf, string sector = "commercial", long? quota = null, double floor = 0, string buyer = ImportPolicy.UnnamedBuyer, LedgerState? ledger = null) =>
        ImportPolicy.Derive(Library, Planning, Planning.Sector(sector)!, buyer, Date(asOf), quota, floor, ledger);

    public static CandidateSet Candidates(PolicyContext policy, IReadOnlyDictionary<string, long>? availability = null) =>
        CandidateSets.Build(Catalog, Planning, policy, availability);
}
