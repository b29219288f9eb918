using System.Security.Cryptography;
using System.Text;
using Clearance.Core.Parsing;

namespace Clearance.Core.Screening;

/// <summary>
/// Turns the files of one or more restricted-party lists into one <see cref="ListSet"/>. The format of each file is
/// recognised from its name and first line; OFAC's companion files (add, alt, comments) join their main file from
/// the same folder. All or nothing: one problem in any file and no list set is returned, so the caller keeps the
/// list set it had.
/// </summary>
public static class ListLoader
{
    public static ParseResult<ListSet> Load(IEnumerable<SourceText> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var all = files.ToList();
        var problems = new List<Problem>();
        var entries = new List<ListEntry>();
        var sources = new List<ListSource>();
        var used = new HashSet<SourceText>();

        foreach (var (main, prefix, companions) in OfacGroups(all))
        {
            var group = new OfacFiles(main, Find(all, main, companions[0]), Find(all, main, companions[1]), Find(all, main, companions[2]));
            var members = new[] { group.Main, group.Addresses, group.Aliases, group.Comments }.OfType<SourceText>().ToArray();
            used.UnionWith(members);
            var isSdn = prefix == "ofac-sdn";
            var version = HashVersion(members);
            var warnings = new List<Problem>();
            var parsed = OfacCsvParser.Parse(group, isSdn ? "OFAC SDN" : "OFAC Consolidated (non-SDN)", prefix, version, warnings);
            Collect(parsed, members, isSdn ? "OFAC SDN" : "OFAC Consolidated (non-SDN)", version, entries, sources, problems, warnings);
        }

        foreach (var file in all.Where(f => !used.Contains(f)))
        {
            var fileName = Path.GetFileName(file.Name);
            var firstLine = FirstLine(file.Text);
            if (IsOfacCompanion(fileName))
            {
                problems.Add(new Problem(SourceLocation.StartOf(file.Name), "", $"'{fileName}' is an OFAC companion file, but its main file ({(fileName.StartsWith("cons_", StringComparison.OrdinalIgnoreCase) ? "cons_prim.csv" : "sdn.csv")}) is not in the same folder"));
            }
            else if (firstLine.Contains("CONSOLIDATED_LIST", StringComparison.Ordinal) || (fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && file.Text.Contains("<CONSOLIDATED_LIST", StringComparison.Ordinal)))
            {
                var parsed = UnConsolidatedParser.Parse(file);
                Collect(parsed.Map(p => p.Entries), [file], UnConsolidatedParser.SourceName, parsed.Succeeded ? parsed.Value.Version : "", entries, sources, problems);
            }
            else if (firstLine.StartsWith("\"Name\"\t", StringComparison.Ordinal) || firstLine.StartsWith("Name\t", StringComparison.Ordinal))
            {
                var version = HashVersion([file]);
                Collect(DeniedPersonsParser.Parse(file, version), [file], DeniedPersonsParser.SourceName, version, entries, sources, problems);
            }
            else if (firstLine.Contains("source", StringComparison.Ordinal) && firstLine.Contains("name", StringComparison.Ordinal) && firstLine.Contains(',', StringComparison.Ordinal))
            {
                var version = HashVersion([file]);
                Collect(CslParser.Parse(file, version), [file], "US Consolidated Screening List", version, entries, sources, problems);
            }
            else
            {
                problems.Add(new Problem(SourceLocation.StartOf(file.Name), "", "not a list format Clearance reads: expected OFAC sdn.csv/cons_prim.csv (with add/alt/comments), a CSL CSV, the UN consolidated XML or the BIS DPL text file"));
            }
        }

        foreach (var duplicate in entries.GroupBy(e => e.EntryId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new Problem(SourceLocation.StartOf(string.Join(", ", duplicate.Select(d => d.Source).Distinct())), "entry id", $"entry '{duplicate.Key}' is loaded more than once; load one version of each list"));
        }

        return problems.Count > 0 ? ParseResult<ListSet>.Failure(problems) : ParseResult<ListSet>.Success(ListSet.Create(entries, sources));
    }

    private static void Collect(ParseResult<IReadOnlyList<ListEntry>> parsed, IReadOnlyList<SourceText> files, string source, string version, List<ListEntry> entries, List<ListSource> sources, List<Problem> problems, List<Problem>? warnings = null)
    {
        if (!parsed.Succeeded)
        {
            problems.AddRange(parsed.Problems);
            return;
        }

        entries.AddRange(parsed.Value);
        var names = parsed.Value.Select(e => e.Source).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count <= 1)
        {
            sources.Add(new ListSource(names.FirstOrDefault() ?? source, version, files.Select(f => f.Name).ToArray(), parsed.Value.Count) { Warnings = warnings ?? [] });
            return;
        }

        foreach (var name in names)
        {
            sources.Add(new ListSource(name, version, files.Select(f => f.Name).ToArray(), parsed.Value.Count(e => e.Source == name)));
        }
    }

    private static IEnumerable<(SourceText Main, string Prefix, string[] Companions)> OfacGroups(List<SourceText> files)
    {
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.Name);
            if (name.Equals("sdn.csv", StringComparison.OrdinalIgnoreCase))
            {
                yield return (file, "ofac-sdn", ["add.csv", "alt.csv", "sdn_comments.csv"]);
            }
            else if (name.Equals("cons_prim.csv", StringComparison.OrdinalIgnoreCase))
            {
                yield return (file, "ofac-cons", ["cons_add.csv", "cons_alt.csv", "cons_comments.csv"]);
            }
        }
    }

    private static bool IsOfacCompanion(string name) =>
        name.ToLowerInvariant() is "add.csv" or "alt.csv" or "sdn_comments.csv" or "cons_add.csv" or "cons_alt.csv" or "cons_comments.csv";

    private static SourceText? Find(List<SourceText> files, SourceText main, string companion)
    {
        var folder = Path.GetDirectoryName(main.Name) ?? "";
        return files.FirstOrDefault(f => string.Equals(Path.GetDirectoryName(f.Name) ?? "", folder, StringComparison.Ordinal)
            && Path.GetFileName(f.Name).Equals(companion, StringComparison.OrdinalIgnoreCase));
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).TrimStart('\uFEFF');
    }

    /// <summary>Lists without a version of their own are versioned by the SHA-256 of their files.</summary>
    private static string HashVersion(IEnumerable<SourceText> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file.Text));
        }

        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}

/// <summary>One entry whose content differs between two list sets, with the fields that changed.</summary>
public sealed record ChangedEntry(ListEntry Before, ListEntry After, IReadOnlyList<string> Fields);

/// <summary>What a list update changed: entries added, removed and changed, matched by entry id.</summary>
public sealed record ListDelta(string FromVersion, string ToVersion, IReadOnlyList<ListEntry> Added, IReadOnlyList<ListEntry> Removed, IReadOnlyList<ChangedEntry> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static ListDelta Between(ListSet before, ListSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var added = new List<ListEntry>();
        var changed = new List<ChangedEntry>();
        foreach (var entry in after.Entries)
        {
            if (before.Find(entry.EntryId) is not { } old)
            {
                added.Add(entry);
            }
            else if (!string.Equals(old.Fingerprint(), entry.Fingerprint(), StringComparison.Ordinal))
            {
                changed.Add(new ChangedEntry(old, entry, old.ChangedFields(entry)));
            }
        }

        var removed = before.Entries.Where(e => after.Find(e.EntryId) is null).ToList();
        return new ListDelta(before.Version, after.Version, added, removed, changed);
    }
}
