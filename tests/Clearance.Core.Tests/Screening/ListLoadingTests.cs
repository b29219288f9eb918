using Clearance.Core.Screening;
using CsCheck;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Screening;

public sealed class ListLoadingTests
{
    [Fact]
    public void Load_SdnExcerpt_JoinsAliasesAddressesAndCommentsToTheirEntry()
    {
        var lists = Fixture.Load("lists/ofac-sdn-2021");

        var bank = lists.Find("ofac-sdn:306");

        Assert.NotNull(bank);
        Assert.Equal("BANCO NACIONAL DE CUBA", bank.PrimaryName);
        Assert.Equal("OFAC SDN", bank.Source);
        Assert.Equal(PartyType.Entity, bank.Type);
        Assert.Contains("NATIONAL BANK OF CUBA", bank.Aliases);
        Assert.Contains(bank.Addresses, a => a.Text.Contains("Zurich", StringComparison.Ordinal) && a.Country == "CH");
        Assert.Contains("CUBA", bank.Programmes);
    }

    [Fact]
    public void Load_SdnExcerpt_ReadsEveryMainRowOnce()
    {
        var sdn = Fixture.Read("lists/ofac-sdn-2021/sdn.csv");
        var expected = sdn.Text.Split('\n').Count(l => l.Length > 0 && char.IsDigit(l[0]));

        var lists = Fixture.Load("lists/ofac-sdn-2021");

        Assert.Equal(expected, lists.Entries.Count);
        Assert.Equal(lists.Entries.Count, lists.Entries.Select(e => e.EntryId).Distinct().Count());
    }

    [Fact]
    public void Load_SdnComments_ExtendTheRemarksOfTheirEntry()
    {
        var comments = Fixture.Read("lists/ofac-sdn-2021/sdn_comments.csv");
        var id = comments.Text.Split(',')[0];

        var entry = Fixture.Load("lists/ofac-sdn-2021").Find($"ofac-sdn:{id}");

        Assert.NotNull(entry);
        Assert.Contains("Linked To:", entry.Remarks, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EveryFormat_GivesOneListSetWithEachSource()
    {
        var lists = Fixture.AllLists();

        var sources = lists.Entries.Select(e => e.Source).ToHashSet();

        Assert.Contains("OFAC SDN", sources);
        Assert.Contains("OFAC Consolidated (non-SDN)", sources);
        Assert.Contains("UN Security Council", sources);
        Assert.Contains("BIS Denied Persons List", sources);
        Assert.Contains("CSL EL", sources);
        Assert.Contains("CSL MEU", sources);
        Assert.Contains("CSL UVL", sources);
        Assert.Equal(lists.Entries.Count, lists.Sources.Sum(s => s.EntryCount));
    }

    [Fact]
    public void Load_CslCurrentLayout_SplitsAliasesAndReadsCountryCodes()
    {
        var entries = CslParser.Parse(Fixture.Read("lists/csl/csl-current-format.csv"), "v1").Value;

        var cetc = entries.Single(e => e.PrimaryName.StartsWith("China Electronics Technology Group Corporation 13th", StringComparison.Ordinal));

        Assert.Equal("CSL EL", cetc.Source);
        Assert.Contains("Hebei Semiconductor Research Institute", cetc.Aliases);
        Assert.Contains("CETC Research Institute 13", cetc.Aliases);
        Assert.Equal(["CN"], cetc.Countries);
    }

    [Fact]
    public void Load_CslLegacyLayout_ReadsIdentifiersInEitherOrder()
    {
        var entries = CslParser.Parse(Fixture.Read("lists/csl/csl-legacy-format.csv"), "v1").Value;

        var holdings = entries.Single(e => e.PrimaryName == "200G PSA HOLDINGS LLC");

        Assert.Contains(new ListIdentifier("Tax ID No.", "80-0890696", "US"), holdings.Identifiers);
        Assert.Equal(["US"], holdings.Countries);
    }

    [Fact]
    public void Load_UnExcerpt_ReadsIndividualsAndEntitiesWithTheirVersion()
    {
        var parsed = UnConsolidatedParser.Parse(Fixture.Read("lists/un/UN_consolidated.xml")).Value;

        Assert.Equal("2026-02-27T00:00:09.554Z", parsed.Version);
        Assert.Equal(15, parsed.Entries.Count(e => e.Type == PartyType.Individual));
        Assert.Equal(10, parsed.Entries.Count(e => e.Type == PartyType.Entity));
        var badege = parsed.Entries.Single(e => e.EntryId == "un:6907993");
        Assert.Equal("ERIC BADEGE", badege.PrimaryName);
        Assert.Contains("CD", badege.Countries);
    }

    [Fact]
    public void Load_DeniedPersonsExcerpt_ReadsEveryRowWithItsAddress()
    {
        var entries = DeniedPersonsParser.Parse(Fixture.Read("lists/dpl/dpl-2022.txt"), "v1").Value;

        Assert.Equal(30, entries.Count);
        var villa = entries.Single(e => e.PrimaryName == "AARON ABRAHAM VILLA");
        Assert.Contains("EL PASO", villa.Addresses[0].Text, StringComparison.Ordinal);
    }

    // Malformed input: every problem names the file, the line and the field.
    [Theory]
    [InlineData("36,\"AEROCARIBBEAN AIRLINES,-0- ,-0- \n", 1, "field", "never closed")]
    [InlineData("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n", 1, "field 1", "expected 12 fields")]
    [InlineData("36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \nX7,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", 2, "ent_num", "not an entry number")]
    [InlineData("36,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n36,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", 2, "ent_num", "appears twice")]
    [InlineData("36,-0- ,-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", 1, "name", "no name")]
    [InlineData("36,\"A\",\"spaceship\",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", 1, "type", "not a known entry type")]
    public void Load_MalformedSdn_ReportsFileLineAndField(string text, int line, string field, string message)
    {
        var result = ListLoader.Load([new SourceText("lists/sdn.csv", text)]);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("lists/sdn.csv", problem.Location.File);
        Assert.Equal(line, problem.Location.Line);
        Assert.Contains(field, problem.Field, StringComparison.Ordinal);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasOfAnEntryNotInTheMainFile_IsReportedAsAWarningNotDropped()
    {
        var files = Fixture.Folder("lists/ofac-sdn-2021").ToList();
        var alt = files.Single(f => f.Name.EndsWith("alt.csv", StringComparison.Ordinal));
        files[files.IndexOf(alt)] = alt with { Text = alt.Text + "999999,1,\"aka\",\"GHOST TRADING\",-0- \n" };

        var result = ListLoader.Load(files);

        var problem = Assert.Single(Assert.Single(result.Value.Sources).Warnings);
        Assert.EndsWith("alt.csv", problem.Location.File, StringComparison.Ordinal);
        Assert.Contains("999999", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Sdn2019Snapshot_WarnsOfRowsWhoseEntryIsMissing()
    {
        // The 2019 snapshot's add.csv and sdn_comments.csv mention entry 28263, which its sdn.csv lacks.
        var lists = Fixture.Load("lists/ofac-sdn-2019");

        var warnings = Assert.Single(lists.Sources).Warnings;

        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("28263", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OneMalformedFileAmongGoodOnes_LoadsNothing()
    {
        var files = Fixture.Folder("lists/ofac-sdn-2021").Concat(Fixture.Folder("lists/csl")).ToList();
        files.Add(new SourceText("lists/un/UN_consolidated.xml", "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>\n<DATAID>1</DATAID>"));

        var result = ListLoader.Load(files);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("lists/un/UN_consolidated.xml", problem.Location.File);
        Assert.True(problem.Location.Line >= 2);
    }

    [Fact]
    public void Load_CompanionFileWithoutItsMainFile_IsReported()
    {
        var result = ListLoader.Load([Fixture.Read("lists/ofac-sdn-2021/alt.csv")]);

        Assert.Contains("sdn.csv", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoVersionsOfTheSameList_IsReportedAsDuplicateEntries()
    {
        var result = ListLoader.Load(Fixture.Folder("lists/ofac-sdn-2019").Concat(Fixture.Folder("lists/ofac-sdn-2021")));

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.Contains("more than once", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ContentHash_DoesNotDependOnTheOrderFilesAreGiven()
    {
        var files = Fixture.Folder("lists/ofac-sdn-2021").Concat(Fixture.Folder("lists/csl")).Concat(Fixture.Folder("lists/dpl")).ToArray();
        var expected = ListLoader.Load(files).Value.ContentHash;

        Gen.Shuffle(files).Sample(shuffled => Assert.Equal(expected, ListLoader.Load(shuffled).Value.ContentHash), iter: 20);
    }

    [Fact]
    public void ContentHash_ChangesWhenOneAliasChanges()
    {
        var files = Fixture.Folder("lists/ofac-sdn-2021").ToList();
        var before = ListLoader.Load(files).Value;
        var alt = files.Single(f => f.Name.EndsWith("alt.csv", StringComparison.Ordinal));
        files[files.IndexOf(alt)] = alt with { Text = alt.Text.Replace("AERO-CARIBBEAN", "AERO-CARIBE", StringComparison.Ordinal) };

        var after = ListLoader.Load(files).Value;

        Assert.NotEqual(before.ContentHash, after.ContentHash);
        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public void Parse_RowsOfTheWrongWidth_AreReportedWithTheirLineInBothDelimitedLists()
    {
        var csl = CslParser.Parse(new SourceText("csl.csv", "source,name,country\nEntity List,ACME,CN\nEntity List,TOO,MANY,FIELDS\n"), "v1");
        const string dplHeader = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\n";
        var dpl = DeniedPersonsParser.Parse(new SourceText("dpl.txt", dplHeader + "\"ACME\"\t\"1 Road\"\n"), "v1");

        var cslProblem = Assert.Single(csl.Problems);
        Assert.Equal(3, cslProblem.Location.Line);
        Assert.Contains("expected 3 fields as in the header but found 4", cslProblem.Message, StringComparison.Ordinal);
        var dplProblem = Assert.Single(dpl.Problems);
        Assert.Equal(2, dplProblem.Location.Line);
        Assert.Contains("expected 7 tab-separated fields", dplProblem.Message, StringComparison.Ordinal);
    }
}
