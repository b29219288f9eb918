using System.Text.Json;

namespace Clearance.Cli.Tests.Screening;

public sealed class ScreenCommandTests : IDisposable
{
    private readonly TempFolder _home = new();

    public ScreenCommandTests()
    {
        var (exit, _, error) = CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2021"), ScreeningTestFiles.Fixture("un"), "--home", _home.Path);
        Assert.True(exit == 0, error);
    }

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Screen_AListedName_FindsTheEntryWithScoreAndEvidenceInJson()
    {
        var (exit, output, error) = Screen("BANCO NACIONAL DE CUBA", "--format", "json");

        Assert.True(exit == 0, error);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var result = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(ListsCommandsTests.ActiveVersion(_home.Path), result.GetProperty("listSetVersion").GetString());
        var hit = result.GetProperty("hits")[0];
        Assert.Equal("ofac-sdn:306", hit.GetProperty("entryId").GetString());
        Assert.Equal("BANCO NACIONAL DE CUBA", hit.GetProperty("listedName").GetString());
        Assert.InRange(hit.GetProperty("score").GetDouble(), 0.95, 1.0);
        var tokens = hit.GetProperty("tokens").EnumerateArray().ToList();
        Assert.Contains(tokens, t => t.GetProperty("queryToken").GetString() == "nacional" && t.GetProperty("kind").GetString() == "exact");
        Assert.Contains(tokens, t => t.GetProperty("queryToken").GetString() == "cuba" && t.GetProperty("listToken").GetString() == "cuba");
    }

    [Fact]
    public void Screen_AMisspeltListedName_IsAFuzzyHitWithItsSimilarities()
    {
        var (exit, output, error) = Screen("Banko Nacional de Kuba", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var hit = json.RootElement[0].GetProperty("hits")[0];
        Assert.Equal("ofac-sdn:306", hit.GetProperty("entryId").GetString());
        var score = hit.GetProperty("score").GetDouble();
        Assert.InRange(score, 0.75, 0.99);
        var fuzzy = hit.GetProperty("tokens").EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "fuzzy").ToList();
        Assert.Contains(fuzzy, t => t.GetProperty("queryToken").GetString() == "banko" && t.GetProperty("listToken").GetString() == "banco" && t.GetProperty("similarity").GetDouble() < 1);
    }

    [Fact]
    public void Screen_AnUnrelatedName_HasNoHit()
    {
        var (exit, output, error) = Screen("Wilhelmina Thorsdottir-Abernathy", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement[0].GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public void Screen_Table_ForAnUnrelatedName_SaysNoHitAgainstTheListSet()
    {
        var (exit, output, _) = Screen("Wilhelmina Thorsdottir-Abernathy");

        Assert.Equal(0, exit);
        Assert.Contains($"No hit at or above threshold=0.75 against list set {ListsCommandsTests.ActiveVersion(_home.Path)}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_WithAnAgreeingCountry_RaisesTheScoreAndADisagreeingOneLowersIt()
    {
        var plain = HitScore(Screen("Banko Nacional de Kuba", "--threshold", "0.5", "--format", "json").Out, "ofac-sdn:306");
        var (exit, output, error) = Screen("Banko Nacional de Kuba", "--country", "CH", "--threshold", "0.5", "--format", "json");
        var disagreeing = HitScore(Screen("Banko Nacional de Kuba", "--country", "Kenya", "--threshold", "0.5", "--format", "json").Out, "ofac-sdn:306");

        Assert.True(exit == 0, error);
        var agreeing = HitScore(output, "ofac-sdn:306");
        Assert.NotNull(plain);
        Assert.NotNull(agreeing);
        Assert.NotNull(disagreeing);
        Assert.True(agreeing > plain, $"{agreeing} vs {plain}");
        Assert.True(disagreeing < plain, $"{disagreeing} vs {plain}");
        using var json = JsonDocument.Parse(output);
        Assert.Equal("CH", json.RootElement[0].GetProperty("party").GetProperty("country").GetString());
        Assert.Contains(json.RootElement[0].GetProperty("hits")[0].GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("CH", StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_WithAnUnknownCountry_IsAUsageError()
    {
        var (exit, output, error) = Screen("BANCO NACIONAL DE CUBA", "--country", "Atlantis");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("--country: 'Atlantis'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'; DROP TABLE lists; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("Robert'); DELETE FROM entries WHERE ('1'='1")]
    [InlineData("BANCO\0NACIONAL\u0007DE\u001bCUBA")]
    [InlineData("\r\n\t\u0000")]
    [InlineData("%s%s%n {0} ${HOME} `rm -rf /`")]
    [InlineData("‮ABUC ED LANOICAN OCNAB")]
    [InlineData("[red]BANCO[/] [link=x]NACIONAL[/] DE CUBA]]")]
    public void Screen_HostileInput_GivesACleanResultOrAClearError(string name)
    {
        var (exit, output, error) = Screen(name, "--format", "json");

        AssertCleanResultOrClearError(exit, output, error);
    }

    [Theory]
    [InlineData("[red]BANCO[/] NACIONAL DE CUBA", "table")]
    [InlineData("BANCO NACIONAL DE CUBA]]", "table")]
    [InlineData("BANCO\u001b[31mNACIONAL DE CUBA\n\rx", "table")]
    [InlineData("=cmd|' /C calc'!A0", "csv")]
    [InlineData("BANCO \"NACIONAL\", DE\nCUBA", "csv")]
    public void Screen_HostileInput_InTableAndCsvOutput_DoesNotCrash(string name, string format)
    {
        name = System.Text.RegularExpressions.Regex.Unescape(name);

        var (exit, output, error) = Screen(name, "--format", format);

        Assert.True(exit == 0, error);
        Assert.NotEqual("", output);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_AVeryLongName_GivesACleanResultOrAClearError()
    {
        var name = string.Concat(Enumerable.Repeat("BANCO NACIONAL DE CUBA ", 2_000)) + new string('x', 50_000);

        var (exit, output, error) = Screen(name, "--format", "json");

        AssertCleanResultOrClearError(exit, output, error);
    }

    [Fact]
    public void Screen_PartiesCsv_GivesOneRowPerPartyWithoutAHitAndOneRowPerHit()
    {
        using var scratch = new TempFolder();
        var parties = scratch.Combine("parties.csv");
        File.WriteAllText(parties, "reference,name,country\nC-1,BANCO NACIONAL DE CUBA,CH\nC-2,Wilhelmina Thorsdottir-Abernathy,NL\nC-3,\"Harrow, Quentin\",GB\n");

        var (exit, output, error) = Screen(parties, "--format", "csv");

        Assert.True(exit == 0, error);
        Assert.Contains("screened 3/3", error, StringComparison.Ordinal);
        var rows = output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("reference,party,country,hit,entry_id", rows[0], StringComparison.Ordinal);
        var body = rows.Skip(1).ToList();
        Assert.Contains(body, r => r.StartsWith("C-1,BANCO NACIONAL DE CUBA,CH,yes,ofac-sdn:306,", StringComparison.Ordinal));
        Assert.Single(body, r => r.StartsWith("C-2,", StringComparison.Ordinal));
        Assert.Contains(body, r => r.StartsWith("C-2,Wilhelmina Thorsdottir-Abernathy,NL,no,", StringComparison.Ordinal));
        Assert.Single(body, r => r.StartsWith("C-3,", StringComparison.Ordinal));
        Assert.Contains(body, r => r.StartsWith("C-3,\"Harrow, Quentin\",GB,no,", StringComparison.Ordinal));
        Assert.All(body, r => Assert.True(r.StartsWith("C-1,", StringComparison.Ordinal) || r.StartsWith("C-2,", StringComparison.Ordinal) || r.StartsWith("C-3,", StringComparison.Ordinal), r));
        var version = ListsCommandsTests.ActiveVersion(_home.Path);
        Assert.All(body, r => Assert.EndsWith("," + version, r, StringComparison.Ordinal));
    }

    [Fact]
    public void Screen_PartiesCsvSavedByExcel_WithBomAndCrlf_IsRead()
    {
        using var scratch = new TempFolder();
        var parties = scratch.Combine("parties.csv");
        File.WriteAllText(parties, "Reference,Name,Country\r\nC-1,BANCO NACIONAL DE CUBA,Switzerland\r\nC-2,Wilhelmina Thorsdottir-Abernathy,NL\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var (exit, output, error) = Screen(parties, "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var results = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["C-1", "C-2"], results.Select(r => r.GetProperty("party").GetProperty("reference").GetString()));
        Assert.Equal("BANCO NACIONAL DE CUBA", results[0].GetProperty("party").GetProperty("name").GetString());
        Assert.Equal("ofac-sdn:306", results[0].GetProperty("hits")[0].GetProperty("entryId").GetString());
        Assert.Equal(0, results[1].GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public void Screen_PartiesCsvWithAnUnclosedQuote_IsRejectedWithItsLine()
    {
        using var scratch = new TempFolder();
        var parties = scratch.Combine("parties.csv");
        File.WriteAllText(parties, "reference,name\nC-1,ACME GmbH\nC-2,\"BANCO NACIONAL DE CUBA\nC-3,Other Ltd\n");

        var (exit, output, error) = Screen(parties, "--format", "csv");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("nothing was screened", error, StringComparison.Ordinal);
        Assert.Contains($"{parties}:3:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_PartiesCsvWithARowOfTheWrongWidth_IsRejectedWithItsLine()
    {
        using var scratch = new TempFolder();
        var parties = scratch.Combine("parties.csv");
        File.WriteAllText(parties, "reference,name,country\nC-1,ACME GmbH,DE\nC-2,Other Ltd\n");

        var (exit, output, error) = Screen(parties, "--format", "csv");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains($"{parties}:3:", error, StringComparison.Ordinal);
        Assert.Contains("expected 3 fields", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_APartiesFileThatDoesNotExist_IsAnErrorNotANameWithNoHit()
    {
        using var scratch = new TempFolder();
        var missing = scratch.Combine("partys.csv");

        var (exit, output, error) = Screen(missing, "--format", "csv");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains($"{missing}", error, StringComparison.Ordinal);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Screen_ABlankName_IsAUsageError(string name)
    {
        var (exit, output, error) = Screen(System.Text.RegularExpressions.Regex.Unescape(name), "--format", "json");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("error: ", error, StringComparison.Ordinal);
        Assert.Contains("name", error, StringComparison.Ordinal);
    }

    private (int Exit, string Out, string Error) Screen(params string[] args) =>
        CliRun.Invoke(["screen", .. args, "--home", _home.Path]);

    private static double? HitScore(string json, string entryId)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement[0].GetProperty("hits").EnumerateArray()
            .Where(h => h.GetProperty("entryId").GetString() == entryId)
            .Select(h => (double?)h.GetProperty("score").GetDouble())
            .FirstOrDefault();
    }

    private static void AssertCleanResultOrClearError(int exit, string output, string error)
    {
        if (exit == 0)
        {
            using var json = JsonDocument.Parse(output);
            var result = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(JsonValueKind.Array, result.GetProperty("hits").ValueKind);
            Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        }
        else
        {
            Assert.InRange(exit, 1, 2);
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_WithEditedNames_ReportsTheIndexRecallAgainstABruteForceScan()
    {
        using var home = new TempFolder();
        var negatives = Path.Combine(home.Path, "people.csv");
        File.WriteAllText(negatives, "full_name,nationality\nMaria Garcia Lopez,ES\nKimberly Christina Garrett,US\n");

        var (exit, output, error) = CliRun.Invoke("screen", "evaluate", "--negatives", negatives, "--lists", ScreeningTestFiles.Fixture("ofac-sdn-2021"), "--brute-force", "2", "--edited", "40", "--home", home.Path);

        Assert.True(exit == 0, error);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("list names with 0-3 random edits", StringComparison.Ordinal));
        Assert.Matches(@"on 40 list names with 0-3 random edits: \d+\.\d+ ?% \(\d+/\d+ hits\)", line);
    }
}
