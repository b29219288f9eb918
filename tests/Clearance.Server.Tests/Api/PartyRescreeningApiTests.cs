using System.Net;
using Clearance.Core.Screening;
using Clearance.Server.Security;
using Clearance.Storage.Screening;

namespace Clearance.Server.Tests.Api;

/// <summary>
/// POST /api/v1/parties/rescreenings after the lists in force change: one ledger and one list home shared by a server
/// on the 2019 SDN excerpts, where the party is screened, and a server on the 2021 excerpts, where it is re-screened.
/// </summary>
public sealed class PartyRescreeningApiTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("clearance-rescreen-api-");

    [Fact]
    public async Task Rescreenings_AfterAListUpdate_ReportTheNewHitFromTheChangesAlone_AndRecordIt()
    {
        var home = Path.Combine(_folder.FullName, "home");
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clearance:Home"] = home,
            ["Clearance:Database"] = Path.Combine(_folder.FullName, "ledger.db"),
        };
        var store = new ListStore(home);
        var (older, olderFiles) = Lists("ofac-sdn-2019");
        var (newer, newerFiles) = Lists("ofac-sdn-2021");
        var added = ListDelta.Between(older, newer).Added[0];
        store.Save(older, olderFiles, ClearanceFactory.Now);
        using (var before = ClearanceFactory.With(settings))
        {
            var client = before.CreateClient(Role.Analyst);
            await client.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id = "p-newly-listed", name = added.PrimaryName, country = "CU", sector = "trade", endUse = "none" });
            await client.Expect(HttpStatusCode.OK, "/api/v1/parties/p-newly-listed/screenings", new { on = "2026-11-20" });
        }

        store.Save(newer, newerFiles, ClearanceFactory.Now);
        using var after = ClearanceFactory.With(settings);
        var analyst = after.CreateClient(Role.Analyst);

        var dry = await analyst.Expect(HttpStatusCode.OK, "/api/v1/parties/rescreenings", new { dryRun = true });
        var real = await analyst.Expect(HttpStatusCode.OK, "/api/v1/parties/rescreenings", new { on = "2026-11-24" });
        var party = await analyst.GetOk("/api/v1/parties/p-newly-listed");
        var again = await analyst.Expect(HttpStatusCode.OK, "/api/v1/parties/rescreenings", null);

        Assert.False(dry.GetProperty("recorded").GetBoolean());
        Assert.True(real.GetProperty("recorded").GetBoolean());
        Assert.Equal(newer.Version, real.GetProperty("listVersion").GetString());
        var row = Assert.Single(real.GetProperty("rescreened").EnumerateArray());
        Assert.Equal(("p-newly-listed", "delta", older.Version), (row.GetProperty("id").GetString(), row.GetProperty("method").GetString(), row.GetProperty("fromVersion").GetString()));
        Assert.Contains(added.EntryId, row.GetProperty("newHits").EnumerateArray().Select(h => h.GetProperty("entryId").GetString()));
        Assert.Equal(newer.Version, party.GetProperty("party").GetProperty("lastScreening").GetProperty("listVersion").GetString());
        Assert.Empty(again.GetProperty("rescreened").EnumerateArray());
        Assert.Equal(["p-newly-listed"], again.GetProperty("upToDate").EnumerateArray().Select(p => p.GetString()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static (ListSet Lists, IReadOnlyList<Clearance.Core.Parsing.SourceText> Files) Lists(string fixture)
    {
        var files = ListStore.ReadFiles([RepositoryFiles.PathOf("tests", "Clearance.Core.Tests", "Fixtures", "lists", fixture)]).Value;
        return (ListLoader.Load(files).Value, files);
    }
}
