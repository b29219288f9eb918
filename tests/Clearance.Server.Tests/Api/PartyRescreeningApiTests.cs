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

    [Fact]
    public async Task ListsReload_AfterAListUpdate_SwitchesWithoutARestart_AndTheRescreeningUsesTheNewLists()
    {
        var home = Path.Combine(_folder.FullName, "home-reload");
        var store = new ListStore(home);
        var (older, olderFiles) = Lists("ofac-sdn-2019");
        var (newer, newerFiles) = Lists("ofac-sdn-2021");
        var added = ListDelta.Between(older, newer).Added[0];
        store.Save(older, olderFiles, ClearanceFactory.Now);
        using var server = ClearanceFactory.With(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clearance:Home"] = home,
            ["Clearance:Database"] = Path.Combine(_folder.FullName, "ledger-reload.db"),
        });
        var analyst = server.CreateClient(Role.Analyst);
        var admin = server.CreateClient(Role.Admin);
        await analyst.Expect(HttpStatusCode.Created, "/api/v1/parties", new { id = "p-reload", name = added.PrimaryName, country = "CU", sector = "trade", endUse = "none" });
        await analyst.Expect(HttpStatusCode.OK, "/api/v1/parties/p-reload/screenings", new { on = "2026-11-20" });

        // Nothing new in the state directory: a reload changes nothing.
        var unchanged = await admin.Expect(HttpStatusCode.OK, "/api/v1/lists/reload", null);
        store.Save(newer, newerFiles, ClearanceFactory.Now);
        var stillOld = await analyst.GetOk("/api/v1/lists");
        var reload = await admin.Expect(HttpStatusCode.OK, "/api/v1/lists/reload", null);
        var inForce = await analyst.GetOk("/api/v1/lists");
        var rescreened = await analyst.Expect(HttpStatusCode.OK, "/api/v1/parties/rescreenings", new { on = "2026-11-24" });

        Assert.False(unchanged.GetProperty("changed").GetBoolean());
        Assert.Equal(older.Version, stillOld.GetProperty("version").GetString());
        Assert.True(reload.GetProperty("changed").GetBoolean());
        Assert.Equal(older.Version, reload.GetProperty("before").GetProperty("version").GetString());
        Assert.Equal(newer.Version, reload.GetProperty("now").GetProperty("version").GetString());
        Assert.Equal(newer.Version, inForce.GetProperty("version").GetString());
        var row = Assert.Single(rescreened.GetProperty("rescreened").EnumerateArray());
        Assert.Contains(added.EntryId, row.GetProperty("newHits").EnumerateArray().Select(h => h.GetProperty("entryId").GetString()));
    }

    [Fact]
    public async Task ListsReload_WithABrokenFile_KeepsTheListsInForce_AndNamesTheFileAndLine()
    {
        var folder = Path.Combine(_folder.FullName, "configured");
        CopyFolder(RepositoryFiles.PathOf("tests", "Clearance.Core.Tests", "Fixtures", "lists", "ofac-sdn-2019"), folder);
        using var server = ClearanceFactory.With(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clearance:Lists"] = folder,
            ["Clearance:Database"] = Path.Combine(_folder.FullName, "ledger-broken.db"),
        });
        var admin = server.CreateClient(Role.Admin);
        var before = await admin.GetOk("/api/v1/lists");
        var sdn = Path.Combine(folder, "sdn.csv");
        File.AppendAllText(sdn, "\"unterminated,\"quote\n");

        using var refused = await admin.PostAsync("/api/v1/lists/reload", null);
        var body = await refused.Content.ReadAsStringAsync();
        var after = await admin.GetOk("/api/v1/lists");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(body.Contains("/sdn.csv", StringComparison.Ordinal) && body.Contains("line ", StringComparison.Ordinal), body);
        Assert.Equal(before.GetProperty("version").GetString(), after.GetProperty("version").GetString());
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
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
