using Clearance.Core.Screening;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Screening;

/// <summary>Reads the list excerpts under Fixtures/ as the CLI would read files from disk.</summary>
internal static class Fixture
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static SourceText Read(string relative) =>
        new(relative.Replace('\\', '/'), File.ReadAllText(Path.Combine(Root, relative)));

    public static IReadOnlyList<SourceText> Folder(string relative) =>
        Directory.EnumerateFiles(Path.Combine(Root, relative)).Order(StringComparer.Ordinal)
            .Select(p => Read(Path.GetRelativePath(Root, p))).ToArray();

    public static ListSet Load(params string[] folders)
    {
        var result = ListLoader.Load(folders.SelectMany(Folder));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.Value;
    }

    /// <summary>Every list excerpt: SDN 2021, non-SDN, CSL in both layouts, UN and DPL.</summary>
    public static ListSet AllLists() => Load("lists/ofac-sdn-2021", "lists/ofac-consolidated", "lists/csl", "lists/un", "lists/dpl");
}
