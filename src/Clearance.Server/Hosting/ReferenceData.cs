using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;
using Clearance.Planning;
using Clearance.Server.Screening;

namespace Clearance.Server.Hosting;

/// <summary>
/// The catalog, rule sets, policy packs and restricted-party lists in force, loaded at start. A data directory or
/// list set with any problem stops the server at start with every problem listed, rather than serving half a rule book.
/// </summary>
public sealed class ReferenceData
{
    public ReferenceData(AcceleratorCatalog catalog, IReadOnlyList<ClassificationRuleSet> ruleSets, PlanningData planning, string dataDirectory, PolicyLibrary policy, ListsInForce lists)
    {
        Catalog = catalog;
        RuleSets = ruleSets;
        Planning = planning;
        DataDirectory = dataDirectory;
        Policy = policy;
        ListsInForce = lists;
    }

    /// <summary>The policy packs, compiled with the catalog and rule sets: what evaluation and what-if run on.</summary>
    public PolicyLibrary Policy { get; }

    /// <summary>The restricted-party lists screened against now, and their index (read once per request: a reload may replace them).</summary>
    public ScreeningLists Lists => ListsInForce.Current;

    /// <summary>The lists in force, which an admin may reload.</summary>
    public ListsInForce ListsInForce { get; }

    /// <summary>The planner's tables: prices, reference systems, sector rules, duties.</summary>
    public PlanningData Planning { get; }

    public AcceleratorCatalog Catalog { get; }

    public IReadOnlyList<ClassificationRuleSet> RuleSets { get; }

    public string DataDirectory { get; }

    /// <param name="dataPath">The data directory (default: see <see cref="Storage.Files.DataDirectory.Locate"/>).</param>
    /// <param name="listsPath">A folder or file of lists to screen against instead of the state directory's lists.</param>
    /// <param name="home">The state directory whose loaded lists are screened against (default $CLEARANCE_HOME, else ~/.clearance).</param>
    public static ReferenceData Load(string? dataPath, string? listsPath = null, string? home = null)
    {
        var data = Storage.Files.DataDirectory.Locate(dataPath);
        var catalog = data.LoadCatalog();
        var ruleSets = data.LoadClassificationRuleSets();
        var planningFiles = data.ReadPlanningFiles();
        var planning = planningFiles.Succeeded && catalog.Succeeded
            ? PlanningDataParser.Parse(planningFiles.Value, catalog.Value)
            : ParseResult<PlanningData>.Failure(planningFiles.Succeeded ? [new Problem(SourceLocation.StartOf(data.PlanningFolder), "", "not read: the catalog did not load")] : planningFiles.Problems);
        var packs = data.LoadPolicyPacks();
        var lists = ScreeningLists.Load(listsPath, home, data);
        var problems = catalog.Problems.Concat(ruleSets.Problems).Concat(planning.Problems).Concat(packs.Problems).Concat(lists.Problems).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The data directory {data.Root} has {problems.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        var inForce = new ListsInForce(lists.Value, () => ScreeningLists.Load(listsPath, home, data));
        return new ReferenceData(catalog.Value, ruleSets.Value, planning.Value, data.Root, new PolicyLibrary(packs.Value, catalog.Value, ruleSets.Value), inForce);
    }

    public IReadOnlyList<ChipClassification> Classify(Accelerator accelerator, DateOnly asOf) =>
        [.. RuleSets.Select(set => Classifier.Classify(accelerator, asOf, set))];
}

/// <summary>Settings of the Clearance server, bound from the "Clearance" configuration section.</summary>
public sealed class ClearanceOptions
{
    public const string Section = "Clearance";

    /// <summary>The data directory (catalog, rule sets); default: the copy shipped with the server.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>A folder (or file) of restricted-party lists to screen against; default: the lists loaded into the state directory, else the shipped samples.</summary>
    public string? Lists { get; set; }

    /// <summary>
    /// The ledger database: an SQLite file path or a PostgreSQL connection string (Host=…); default
    /// $CLEARANCE_HOME/ledger.db, else ~/.clearance/ledger.db — the same file the CLI uses.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>Where to also write the first-run admin key (owner-only file), e.g. for scripts; default: nowhere.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>Whether the first-run admin key is shown on standard output (default true).</summary>
    public bool ShowFirstAdminKey { get; set; } = true;
}

/// <summary>Problems found in a request body, in the same located form as file problems.</summary>
public static class ProblemMapping
{
    public static Dictionary<string, string[]> ToErrors(IEnumerable<Problem> problems) =>
        Grouped(problems, p => string.IsNullOrEmpty(p.Field) ? "body" : p.Field);

    /// <summary>Problems in files (not a request body), keyed by file and field, each with its line and column.</summary>
    public static Dictionary<string, string[]> ToFileErrors(IEnumerable<Problem> problems) =>
        Grouped(problems, p => string.IsNullOrEmpty(p.Field) ? p.Location.File : $"{p.Location.File}: {p.Field}");

    private static Dictionary<string, string[]> Grouped(IEnumerable<Problem> problems, Func<Problem, string> key) =>
        problems
            .GroupBy(key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => $"line {p.Location.Line}, column {p.Location.Column}: {p.Message}").ToArray(), StringComparer.Ordinal);
}
