using Clearance.Core.Screening;
using Clearance.Core.Parsing;

namespace Clearance.Bench.Screening;

/// <summary>Finds ../shared/data beside the repository root (the folder holding Clearance.slnx) and reads the benchmark inputs.</summary>
public static class SharedData
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearance.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                if (Directory.Exists(shared))
                {
                    return shared;
                }
            }
        }

        throw new DirectoryNotFoundException("../shared/data was not found beside the repository root (the folder with Clearance.slnx).");
    }

    /// <summary>The full 2021 OFAC SDN list (sdn, add, alt, comments).</summary>
    public static ListSet Sdn2021()
    {
        var folder = Path.Combine(Root(), "lists", "ofac-sdn-2021");
        var files = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
            .Select(p => new SourceText("ofac-sdn-2021/" + Path.GetFileName(p), File.ReadAllText(p)));
        var loaded = ListLoader.Load(files);
        return loaded.Succeeded ? loaded.Value : throw new InvalidDataException(string.Join(Environment.NewLine, loaded.Problems));
    }

    /// <summary>
    /// A fixed mix of queries: people on no list (the common case) and SDN names with one or two typos (the case that
    /// matters), half and half, always the same for a given count.
    /// </summary>
    public static string[] Queries(ListSet lists, int count)
    {
        var people = File.ReadLines(Path.Combine(Root(), "names", "non-matches-global.csv")).Skip(1)
            .Select(l => l.Split(',')[0]).Take(count / 2);
        var random = new Random(20260115);
        // Every 97th entry, or closer together when that would not give enough names.
        var step = Math.Max(1, Math.Min(97, lists.Entries.Count / Math.Max(1, count - (count / 2))));
        var listed = lists.Entries.Where((_, i) => i % step == 0).Select(e => Typo(e.PrimaryName, random)).Take(count - (count / 2));
        return [.. people.Concat(listed)];
    }

    private static string Typo(string name, Random random)
    {
        var chars = name.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = char.IsLetter(chars[at]) ? (char)('A' + random.Next(26)) : chars[at];
        return new string(chars);
    }
}
