using System.Text.Json;

namespace Clearance.Cli.Tests.Screening;

public sealed class ListsCommandsTests
{
    [Fact]
    public void Status_WithNothingLoaded_SaysSoAndReportsNoActiveSet()
    {
        using var home = new TempFolder();

        var (exit, output, error) = CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("active").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("previous").ValueKind);
    }

    [Fact]
    public void LoadThenStatus_ShowsTheVersionHashAndEntryCountOfTheLoadedSet()
    {
        using var home = new TempFolder();
        var sdn = ScreeningTestFiles.Fixture("ofac-sdn-2021");
        var expectedEntries = File.ReadLines(Path.Combine(sdn, "sdn.csv")).Count(l => l.Trim().Length > 0);

        var (loadExit, loadOutput, loadError) = CliRun.Invoke("lists", "load", sdn, "--home", home.Path);
        var (exit, output, error) = CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json");

        Assert.True(loadExit == 0, loadError);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var active = json.RootElement.GetProperty("active");
        var version = active.GetProperty("version").GetString()!;
        var hash = active.GetProperty("contentHash").GetString()!;
        Assert.Equal(64, hash.Length);
        Assert.True(hash.All(Uri.IsHexDigit), hash);
        Assert.Equal(hash[..12], version);
        Assert.Equal(expectedEntries, active.GetProperty("entries").GetInt32());
        Assert.Equal(CliRun.Now, active.GetProperty("loadedAt").GetDateTimeOffset());
        Assert.Contains($"Loaded list set {version} ({expectedEntries} entries, sha256 {hash})", loadOutput, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(home.Path, "lists", version)));
    }

    [Fact]
    public void Status_Table_ShowsVersionHashAndEachSourceWithItsCount()
    {
        using var home = new TempFolder();
        CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2021"), ScreeningTestFiles.Fixture("dpl"), "--home", home.Path);
        var (_, statusJson, _) = CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json");
        using var json = JsonDocument.Parse(statusJson);
        var active = json.RootElement.GetProperty("active");

        var (exit, output, error) = CliRun.Invoke("lists", "status", "--home", home.Path);

        Assert.True(exit == 0, error);
        Assert.Contains($"Lists in force: {active.GetProperty("version").GetString()} · {active.GetProperty("entries").GetInt32()} entries", output, StringComparison.Ordinal);
        Assert.Contains(active.GetProperty("contentHash").GetString()!, output, StringComparison.Ordinal);
        var sources = active.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.Equal(2, sources.Count);
        Assert.All(sources, s => Assert.Contains(s, output, StringComparison.Ordinal));
        Assert.Contains("No previous list set.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadingAChangedSet_ThenDiff_ReportsTheEntriesAddedAndRemoved()
    {
        using var home = new TempFolder();
        var old = ScreeningTestFiles.Fixture("ofac-sdn-2019");
        var current = ScreeningTestFiles.Fixture("ofac-sdn-2021");
        var oldIds = EntryNumbers(Path.Combine(old, "sdn.csv"));
        var newIds = EntryNumbers(Path.Combine(current, "sdn.csv"));
        var expectedAdded = newIds.Except(oldIds).Select(n => $"ofac-sdn:{n}").Order(StringComparer.Ordinal).ToList();
        var expectedRemoved = oldIds.Except(newIds).Select(n => $"ofac-sdn:{n}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expectedAdded);
        Assert.NotEmpty(expectedRemoved);

        Assert.Equal(0, CliRun.Invoke("lists", "load", old, "--home", home.Path).Exit);
        var oldVersion = ActiveVersion(home.Path);
        Assert.Equal(0, CliRun.Invoke("lists", "load", current, "--home", home.Path).Exit);
        var newVersion = ActiveVersion(home.Path);
        var (exit, output, error) = CliRun.Invoke("lists", "diff", "--home", home.Path, "--format", "json");

        Assert.True(exit == 0, error);
        Assert.NotEqual(oldVersion, newVersion);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(oldVersion, json.RootElement.GetProperty("from").GetString());
        Assert.Equal(newVersion, json.RootElement.GetProperty("to").GetString());
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().ToList();
        List<string> Ids(string change) => changes.Where(c => c.GetProperty("change").GetString() == change).Select(c => c.GetProperty("entryId").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedAdded, Ids("added"));
        Assert.Equal(expectedRemoved, Ids("removed"));
        Assert.All(Ids("changed"), id => Assert.True(oldIds.Contains(id["ofac-sdn:".Length..]) && newIds.Contains(id["ofac-sdn:".Length..]), id));
    }

    [Fact]
    public void Diff_Table_SummarisesTheCountsOfTheLastLoad()
    {
        using var home = new TempFolder();
        CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2019"), "--home", home.Path);
        CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2021"), "--home", home.Path);
        var (_, jsonText, _) = CliRun.Invoke("lists", "diff", "--home", home.Path, "--format", "json");
        using var json = JsonDocument.Parse(jsonText);
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("change").GetString()).ToList();

        var (exit, output, error) = CliRun.Invoke("lists", "diff", "--home", home.Path);

        Assert.True(exit == 0, error);
        Assert.Contains($"{changes.Count(c => c == "added")} added, {changes.Count(c => c == "removed")} removed, {changes.Count(c => c == "changed")} changed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_WithNothingLoaded_IsAnError()
    {
        using var home = new TempFolder();

        var (exit, _, error) = CliRun.Invoke("lists", "diff", "--home", home.Path);

        Assert.Equal(1, exit);
        Assert.Contains("no lists are loaded", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadingACsvWithAnUnclosedQuote_FailsNamingFileAndLine_AndKeepsTheListsInForce()
    {
        using var home = new TempFolder();
        using var scratch = new TempFolder();
        Assert.Equal(0, CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2019"), "--home", home.Path).Exit);
        var before = CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json").Out;
        var corrupt = ScreeningTestFiles.CopyFixture("ofac-sdn-2021", scratch.Path);
        var sdn = Path.Combine(corrupt, "sdn.csv");
        var lines = File.ReadAllLines(sdn);
        lines[2] = lines[2].Replace("\"BANCO NACIONAL DE CUBA\"", "\"BANCO NACIONAL DE CUBA", StringComparison.Ordinal);
        Assert.Contains("\"BANCO NACIONAL DE CUBA,", lines[2], StringComparison.Ordinal);
        File.WriteAllLines(sdn, lines);

        var (exit, output, error) = CliRun.Invoke("lists", "load", corrupt, "--home", home.Path);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("Loaded list set", output, StringComparison.Ordinal);
        Assert.Contains("the lists in force are unchanged", error, StringComparison.Ordinal);
        Assert.Contains("sdn.csv:3:", error, StringComparison.Ordinal);
        Assert.Equal(before, CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json").Out);
    }

    [Fact]
    public void LoadingAUnXmlCutInHalf_FailsNamingTheFile_AndNothingIsStored()
    {
        using var home = new TempFolder();
        using var scratch = new TempFolder();
        Assert.Equal(0, CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("dpl"), "--home", home.Path).Exit);
        var before = CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json").Out;
        var storedBefore = Directory.GetDirectories(Path.Combine(home.Path, "lists")).Length;
        var un = ScreeningTestFiles.CopyFixture("un", scratch.Path);
        var xml = Path.Combine(un, "UN_consolidated.xml");
        var text = File.ReadAllText(xml);
        File.WriteAllText(xml, text[..(text.Length / 2)]);
        var sdn = ScreeningTestFiles.Fixture("ofac-sdn-2021");

        var (exit, _, error) = CliRun.Invoke("lists", "load", sdn, un, "--home", home.Path);

        Assert.Equal(1, exit);
        Assert.Matches(@"UN_consolidated\.xml:\d+:", error);
        Assert.Equal(before, CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json").Out);
        Assert.Equal(storedBefore, Directory.GetDirectories(Path.Combine(home.Path, "lists")).Length);
    }

    [Fact]
    public void LoadingAPathThatDoesNotExist_FailsAndNamesIt()
    {
        using var home = new TempFolder();
        var missing = Path.Combine(home.Path, "no-such-lists");

        var (exit, _, error) = CliRun.Invoke("lists", "load", missing, "--home", home.Path);

        Assert.Equal(1, exit);
        Assert.Contains("no-such-lists", error, StringComparison.Ordinal);
        Assert.Contains("no such file or folder", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(home.Path, "lists", "state.json")));
    }

    [Fact]
    public void LoadingTheSameSetAgain_KeepsTheEarlierSetAsThePreviousOne()
    {
        using var home = new TempFolder();
        CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2019"), "--home", home.Path);
        var first = ActiveVersion(home.Path);
        CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2021"), "--home", home.Path);
        var second = ActiveVersion(home.Path);

        var (exit, _, error) = CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2021"), "--home", home.Path);

        Assert.True(exit == 0, error);
        var (_, output, _) = CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json");
        using var json = JsonDocument.Parse(output);
        Assert.Equal(second, json.RootElement.GetProperty("active").GetProperty("version").GetString());
        Assert.Equal(first, json.RootElement.GetProperty("previous").GetProperty("version").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(home.Path, "lists"), ".staging-*"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(home.Path, "lists"), "*.tmp"));
    }

    [Fact]
    public void DiffAgainstFilesNotYetLoaded_ComparesThemWithTheListsInForce_AndLoadsNothing()
    {
        using var home = new TempFolder();
        CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2019"), "--home", home.Path);
        var before = CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json").Out;
        var (_, loadedDiff, _) = CliRun.Invoke("lists", "diff", "--home", home.Path, "--format", "csv");

        var (exit, output, error) = CliRun.Invoke("lists", "diff", ScreeningTestFiles.Fixture("ofac-sdn-2021"), "--home", home.Path, "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(ActiveVersion(home.Path), json.RootElement.GetProperty("from").GetString());
        Assert.Contains(json.RootElement.GetProperty("changes").EnumerateArray(), c => c.GetProperty("change").GetString() == "added");
        Assert.Equal(before, CliRun.Invoke("lists", "status", "--home", home.Path, "--format", "json").Out);
        Assert.Contains("added,ofac-sdn:", loadedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredListsThatWereTamperedWith_AreRefusedByScreen()
    {
        using var home = new TempFolder();
        CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2021"), "--home", home.Path);
        var version = ActiveVersion(home.Path);
        var stored = Directory.GetFiles(Path.Combine(home.Path, "lists", version), "sdn.csv", SearchOption.AllDirectories).Single();
        File.WriteAllLines(stored, File.ReadAllLines(stored).Where(l => !l.StartsWith("306,", StringComparison.Ordinal)));

        var (exit, output, error) = CliRun.Invoke("screen", "BANCO NACIONAL DE CUBA", "--home", home.Path, "--format", "json");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("no longer match their recorded hash", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADamagedStateFile_IsReportedWithItsPath()
    {
        using var home = new TempFolder();
        Directory.CreateDirectory(Path.Combine(home.Path, "lists"));
        File.WriteAllText(Path.Combine(home.Path, "lists", "state.json"), "{\n  \"active\": {\"version\": \n");

        var (exit, _, error) = CliRun.Invoke("lists", "status", "--home", home.Path);

        Assert.Equal(1, exit);
        Assert.Contains("state.json:", error, StringComparison.Ordinal);
        Assert.Contains("the state file is damaged", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadingTwoFoldersWithTheSameNameAndFileNames_StoresBothFiles()
    {
        using var home = new TempFolder();
        using var scratch = new TempFolder();
        var first = ScreeningTestFiles.CopyFixture("csl", scratch.Combine("a"));
        var second = ScreeningTestFiles.CopyFixture("csl", scratch.Combine("b"));
        var lines = File.ReadAllLines(Path.Combine(first, "csl-current-format.csv"));
        File.WriteAllLines(Path.Combine(first, "csl-current-format.csv"), lines.Take(4));
        File.WriteAllLines(Path.Combine(second, "csl-current-format.csv"), lines.Take(1).Concat(lines.Skip(4)));
        File.Delete(Path.Combine(first, "csl-legacy-format.csv"));
        File.Delete(Path.Combine(second, "csl-legacy-format.csv"));

        var (exit, _, error) = CliRun.Invoke("lists", "load", first, second, "--home", home.Path);
        var (screenExit, screenOutput, screenError) = CliRun.Invoke("screen", "Atlas Sanatgaran", "--home", home.Path, "--format", "json");

        Assert.True(exit == 0, error);
        Assert.True(screenExit == 0, screenError);
        using var json = JsonDocument.Parse(screenOutput);
        Assert.Contains(json.RootElement[0].GetProperty("hits").EnumerateArray(), h => h.GetProperty("listedName").GetString() == "Atlas Sanatgaran");
    }

    internal static string ActiveVersion(string home)
    {
        var (exit, output, error) = CliRun.Invoke("lists", "status", "--home", home, "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("active").GetProperty("version").GetString()!;
    }

    private static HashSet<string> EntryNumbers(string sdnCsv) =>
        File.ReadLines(sdnCsv).Where(l => l.Trim().Length > 0).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)].Trim()).ToHashSet(StringComparer.Ordinal);
}
