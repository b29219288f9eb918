using Clearance.Core.Parsing;

namespace Clearance.Core.Policy;

/// <summary>
/// Loads a set of pack files as a whole: every file parsed and compiled, pack ids unique. One problem anywhere and
/// nothing is returned, so the caller keeps the set it had.
/// </summary>
public static class PolicySet
{
    public static ParseResult<IReadOnlyList<PolicyPack>> Parse(IEnumerable<SourceText> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<Problem>();
        var packs = new List<PolicyPack>();
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var parsed = PolicyPackParser.Parse(file);
            if (parsed.Succeeded)
            {
                packs.Add(parsed.Value);
            }
            else
            {
                problems.AddRange(parsed.Problems);
            }
        }

        foreach (var duplicate in packs.GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new Problem(SourceLocation.StartOf(duplicate.Last().File), "pack", $"the pack '{duplicate.Key}' is also defined by {duplicate.First().File}"));
        }

        return problems.Count > 0
            ? ParseResult<IReadOnlyList<PolicyPack>>.Failure(problems)
            : ParseResult<IReadOnlyList<PolicyPack>>.Success(packs);
    }
}

/// <summary>
/// The library in force, replaced only by a set of packs that loads cleanly: a failing reload reports its problems
/// and leaves the library that was in force untouched.
/// </summary>
public sealed class PolicyInForce(PolicyLibrary initial)
{
    private PolicyLibrary _current = initial;

    public PolicyLibrary Current => Volatile.Read(ref _current);

    /// <summary>Parses and compiles the files; on success they replace the packs in force, else nothing changes.</summary>
    public IReadOnlyList<Problem> Reload(IEnumerable<SourceText> files)
    {
        var parsed = PolicySet.Parse(files);
        if (!parsed.Succeeded)
        {
            return parsed.Problems;
        }

        var current = Current;
        Volatile.Write(ref _current, new PolicyLibrary(parsed.Value, current.Catalog, current.Classification));
        return [];
    }
}
