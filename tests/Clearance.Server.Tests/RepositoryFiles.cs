namespace Clearance.Server.Tests;

/// <summary>Files of the repository the tests run from (sample orders, list fixtures, the OpenAPI snapshot's source).</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding Clearance.slnx, above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearance.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Clearance.slnx not found above {AppContext.BaseDirectory}.");
    }
}
