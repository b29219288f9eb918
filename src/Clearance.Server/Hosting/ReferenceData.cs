using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;
using Clearance.Planning;

namespace Clearance.Server.Hosting;

/// <summary>
/// The catalog and rule sets in force, loaded from the data directory at start. A data directory with any problem
/// stops the server at start with every problem listed, rather than serving half a rule book.
/// </summary>
public sealed class ReferenceData
{
    public ReferenceData(AcceleratorCatalog catalog, IReadOnlyList<ClassificationRuleSet> ruleSets, PlanningData planning, PolicyLibrary policy, string dataDirectory)
    {
        Catalog = catalog;
        Policy = policy;
        RuleSets = ruleSets;
        Planning = planning;
        DataDirectory = dataDirectory;
    }

    /// <summary>The planner's tables: prices, reference systems, sector rules, duties.</summary>
    public PlanningData Planning { get; }

    public AcceleratorCatalog Catalog { get; }

    /// <summary>The policy packs in force, compiled with the catalog and rule sets: what the planner decides each chip under.</summary>
    public PolicyLibrary Policy { get; }

    public IReadOnlyList<ClassificationRuleSet> RuleSets { get; }

    public string DataDirectory { get; }

    public static ReferenceData Load(string? dataPath)
    {
        var data = Storage.Files.DataDirectory.Locate(dataPath);
        var catalog = data.LoadCatalog();
        var ruleSets = data.LoadClassificationRuleSets();
        var planningFiles = data.ReadPlanningFiles();
        var planning = planningFiles.Succeeded && catalog.Succeeded
            ? PlanningDataParser.Parse(planningFiles.Value, catalog.Value)
            : ParseResult<PlanningData>.Failure(planningFiles.Succeeded ? [new Problem(SourceLocation.StartOf(data.PlanningFolder), "", "not read: the catalog did not load")] : planningFiles.Problems);
        var packs = data.LoadPolicyPacks();
        var problems = catalog.Problems.Concat(ruleSets.Problems).Concat(planning.Problems).Concat(packs.Problems).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The data directory {data.Root} has {problems.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        return new ReferenceData(catalog.Value, ruleSets.Value, planning.Value, new PolicyLibrary(packs.Value, catalog.Value, ruleSets.Value), data.Root);
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
        problems
            .GroupBy(p => string.IsNullOrEmpty(p.Field) ? "body" : p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => $"line {p.Location.Line}, column {p.Location.Column}: {p.Message}").ToArray(), StringComparer.Ordinal);
}
