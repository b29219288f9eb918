namespace Clearance.Cli.Tests.Screening;

/// <summary>The list fixtures in the repository, and a temporary folder deleted on Dispose.</summary>
internal static class ScreeningTestFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Fixtures { get; } = Path.Combine(RepositoryRoot, "tests", "Clearance.Core.Tests", "Fixtures", "lists");

    public static string Sample { get; } = Path.Combine(RepositoryRoot, "data", "lists", "sample");

    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    /// <summary>Copies a fixture list folder into <paramref name="target"/>, keeping its folder name.</summary>
    public static string CopyFixture(string name, string target)
    {
        var destination = Path.Combine(target, name);
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(Fixture(name)))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        return destination;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearance.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Clearance.slnx above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fresh temporary folder (a --home, or a place for corrupt copies), deleted with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"clearance-sctest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
