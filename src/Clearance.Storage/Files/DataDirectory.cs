using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;

namespace Clearance.Storage.Files;

/// <summary>
/// The data directory that ships with Clearance (catalog, classification rule sets, later policy packs and lists):
/// finds it, reads its files and hands their text to the pure parsers in Clearance.Core.
/// Loading is all-or-nothing: any problem in any file means nothing from that folder is returned.
/// </summary>
public sealed class DataDirectory
{
    /// <summary>The environment variable that points at another data directory.</summary>
    public const string EnvironmentVariable = "CLEARANCE_DATA";

    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string CatalogFolder => Path.Combine(Root, "catalog");

    public string ClassificationFolder => Path.Combine(Root, "classification");

    /// <summary>The procurement planner's tables: prices, reference systems, sector rules.</summary>
    public string PlanningFolder => Path.Combine(Root, "planning");

    public string PolicyFolder => Path.Combine(Root, "policy");

    /// <summary>
    /// The data directory to use: an explicit path, else $CLEARANCE_DATA, else the copy shipped beside the
    /// program, else the nearest "data" folder above the working directory (a source checkout).
    /// </summary>
    public static DataDirectory Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new DataDirectory(explicitPath);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return new DataDirectory(fromEnvironment);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "data");
        if (Directory.Exists(Path.Combine(beside, "catalog")))
        {
            return new DataDirectory(beside);
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (Directory.Exists(Path.Combine(candidate, "catalog")))
            {
                return new DataDirectory(candidate);
            }
        }

        return new DataDirectory(beside);
    }

    public ParseResult<AcceleratorCatalog> LoadCatalog()
    {
        var files = ReadFolder(CatalogFolder, "accelerator catalog");
        return files.Succeeded ? CatalogParser.Parse(files.Value) : ParseResult<AcceleratorCatalog>.Failure(files.Problems);
    }

    /// <summary>Every rule set in the classification folder; one bad file fails the whole load.</summary>
    public ParseResult<IReadOnlyList<ClassificationRuleSet>> LoadClassificationRuleSets()
    {
        var files = ReadFolder(ClassificationFolder, "classification rules");
        if (!files.Succeeded)
        {
            return ParseResult<IReadOnlyList<ClassificationRuleSet>>.Failure(files.Problems);
        }

        var problems = new List<Problem>();
        var ruleSets = new List<ClassificationRuleSet>();
        foreach (var file in files.Value)
        {
            var parsed = ClassificationRuleSetParser.Parse(file);
            if (parsed.Succeeded)
            {
                ruleSets.Add(parsed.Value);
            }
            else
            {
                problems.AddRange(parsed.Problems);
            }
        }

        foreach (var duplicate in ruleSets.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new Problem(SourceLocation.StartOf(ClassificationFolder), "rule_set", $"the rule set '{duplicate.Key}' is defined by more than one file"));
        }

        return problems.Count > 0
            ? ParseResult<IReadOnlyList<ClassificationRuleSet>>.Failure(problems)
            : ParseResult<IReadOnlyList<ClassificationRuleSet>>.Success(ruleSets);
    }

    /// <summary>The text of every .yaml/.json file in the planning folder, for Clearance.Planning's parser; all or nothing.</summary>
    public ParseResult<IReadOnlyList<SourceText>> ReadPlanningFiles() => ReadFolder(PlanningFolder, "planning tables");

    /// <summary>Every policy pack in a folder (default: the data directory's policy folder); one bad file fails the whole load.</summary>
    public ParseResult<IReadOnlyList<PolicyPack>> LoadPolicyPacks(string? folder = null)
    {
        var files = ReadFolder(folder is null ? PolicyFolder : Path.GetFullPath(folder), "policy pack");
        return files.Succeeded ? PolicySet.Parse(files.Value) : ParseResult<IReadOnlyList<PolicyPack>>.Failure(files.Problems);
    }

    /// <summary>The catalog, the classification rule sets and the policy packs, compiled into one library; all or nothing.</summary>
    public ParseResult<PolicyLibrary> LoadPolicyLibrary(string? policyFolder = null)
    {
        var catalog = LoadCatalog();
        var classification = LoadClassificationRuleSets();
        var packs = LoadPolicyPacks(policyFolder);
        var problems = catalog.Problems.Concat(classification.Problems).Concat(packs.Problems).ToList();
        return problems.Count > 0
            ? ParseResult<PolicyLibrary>.Failure(problems)
            : ParseResult<PolicyLibrary>.Success(new PolicyLibrary(packs.Value, catalog.Value, classification.Value));
    }

    /// <summary>Reads one file the user names (a spec), reporting a missing or unreadable file as a problem.</summary>
    public static ParseResult<SourceText> ReadFile(string path)
    {
        try
        {
            return ParseResult<SourceText>.Success(new SourceText(path, File.ReadAllText(path)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ParseResult<SourceText>.Failure(new Problem(SourceLocation.StartOf(path), "", $"cannot read the file: {ex.Message}"));
        }
    }

    private ParseResult<IReadOnlyList<SourceText>> ReadFolder(string folder, string what)
    {
        if (!Directory.Exists(folder))
        {
            return ParseResult<IReadOnlyList<SourceText>>.Failure(new Problem(SourceLocation.StartOf(folder), "", $"the {what} folder does not exist; pass --data DIR or set {EnvironmentVariable}"));
        }

        var files = new List<SourceText>();
        var problems = new List<Problem>();
        foreach (var path in Directory.EnumerateFiles(folder).Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Root, path);
            var name = relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
            var read = ReadFile(path);
            if (read.Succeeded)
            {
                files.Add(read.Value with { Name = name });
            }
            else
            {
                problems.AddRange(read.Problems);
            }
        }

        if (files.Count == 0 && problems.Count == 0)
        {
            problems.Add(new Problem(SourceLocation.StartOf(folder), "", $"the {what} folder holds no .yaml files"));
        }

        return problems.Count > 0
            ? ParseResult<IReadOnlyList<SourceText>>.Failure(problems)
            : ParseResult<IReadOnlyList<SourceText>>.Success(files);
    }
}
