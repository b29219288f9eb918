using System.Text.Json;
using Clearance.Cli.Tests.Screening;

namespace Clearance.Cli.Tests.Ledger;

/// <summary>
/// `orders record` decides orders with the shipped policy packs and records those decisions; `parties screen` screens
/// against the loaded lists and records the result. Shipments then accrue the levies of the recorded decision.
/// The H200 order is the 2026 case of RegulatoryScenarioTests: case-by-case BIS licence, 25% Section 232 duty on US
/// entry ([28][29][36][65] in regulatory-facts.md).
/// </summary>
public sealed class PolicyAndScreeningToLedgerTests : IDisposable
{
    private const string OrderHeader = "id,order_date,product,quantity,unit_value,currency,destination,export_origin,us_entry,hts_code,customer,customer_country,customer_hq_country,customer_parent,customer_parent_country,consignee,consignee_country,end_user,end_user_country,end_user_hq_country,sector,end_use,state_owned,critical_infrastructure,state_funded_project,project_completion_percent,domestic_share_percent,list_hits\n";
    private const string H200Order = "SO-H200-1,2026-02-01,nvidia-h200-sxm,8,30000,USD,CN,US,true,8473.30,ByteDance Ltd,CN,,ByteDance,CN,,,,,,internet,training,false,false,false,,,\n";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("clearance-cli-wiring-");

    private string Db => Path.Combine(_folder.FullName, "ledger.db");

    private string Home => Path.Combine(_folder.FullName, "home");

    private (int Exit, string Out, string Error) Run(params string[] args) => CliRun.Invoke([.. args, "--db", Db, "--actor", "m.chen", "--home", Home]);

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void OrdersRecord_RecordsTheEnginesDecision_AndShipmentsAccrueItsDuty()
    {
        var orders = File("orders.csv", OrderHeader + H200Order);
        Assert.Equal(0, Run("parties", "request", "bytedance", "--name", "ByteDance Ltd", "--country", "CN", "--sector", "internet", "--end-use", "training", "--on", "2026-02-01").Exit);
        Assert.Equal(0, Run("parties", "screen", "bytedance", "--list-version", "csl-2026-01-30", "--on", "2026-02-01").Exit);
        Assert.Equal(0, Run("parties", "approve", "bytedance", "--reason", "KYC complete", "--expires", "2026-12-31", "--on", "2026-02-01").Exit);
        Assert.Equal(0, Run("licences", "grant", "BIS-H200-0001", "--jurisdiction", "US-BIS", "--product", "nvidia-h200-sxm", "--units", "100", "--value-usd", "3000000", "--valid-from", "2026-01-15", "--valid-to", "2027-01-14").Exit);

        var record = Run("orders", "record", orders, "--format", "csv");
        var again = Run("orders", "record", orders, "--format", "csv");
        var ship = Run("ship", File("batch.csv", "key,order,consignee,end_user,destination,product,units,value_usd,licence,date\nh200-1,SO-H200-1,bytedance,bytedance,CN,nvidia-h200-sxm,8,240000,BIS-H200-0001,2026-02-03\n"));
        var statement = Run("levies", "statement", "--period", "2026-Q1", "--format", "csv");

        Assert.True(record.Exit == 0, record.Error);
        Assert.Contains("SO-H200-1,nvidia-h200-sxm,CN,2026-02-01,licence-required/case-by-case,", record.Out, StringComparison.Ordinal);
        Assert.Contains("US: licence-required/case-by-case", record.Out, StringComparison.Ordinal);
        Assert.Contains("25% duty to US Customs and Border Protection", record.Out, StringComparison.Ordinal);
        Assert.Contains("1 decision(s) recorded, 0 already recorded", record.Error, StringComparison.Ordinal);
        Assert.Contains("0 decision(s) recorded, 1 already recorded", again.Error, StringComparison.Ordinal);
        Assert.True(ship.Exit == 0, ship.Error);
        Assert.Contains("2026-Q1,duty,US Customs and Border Protection,25,1,60000.00", statement.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void OrdersRecord_AMalformedRow_RecordsNothingAndNamesTheLine()
    {
        var orders = File("orders.csv", OrderHeader + H200Order + H200Order.Replace("SO-H200-1,2026-02-01,nvidia-h200-sxm,8", "SO-H200-2,2026-02-01,nvidia-h200-sxm,lots", StringComparison.Ordinal));

        var record = Run("orders", "record", orders);
        var audit = Run("audit", "verify");

        Assert.Equal(1, record.Exit);
        Assert.Contains("orders.csv:3:", record.Error, StringComparison.Ordinal);
        Assert.Contains("quantity", record.Error, StringComparison.Ordinal);
        Assert.Contains("0 row(s)", audit.Out + audit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PartiesScreen_AgainstLoadedLists_RecordsTheHitAndTheListSetVersion()
    {
        Assert.Equal(0, CliRun.Invoke("lists", "load", ScreeningTestFiles.Fixture("ofac-sdn-2021"), "--home", Home).Exit);
        var status = CliRun.Invoke("lists", "status", "--home", Home, "--format", "json");
        var version = JsonDocument.Parse(status.Out).RootElement.GetProperty("active").GetProperty("version").GetString()!;
        Assert.Equal(0, Run("parties", "request", "bnc", "--name", "Banco Nacional de Cuba", "--country", "CU", "--sector", "banking", "--end-use", "none", "--on", "2026-02-01").Exit);

        var screen = Run("parties", "screen", "bnc", "--on", "2026-02-02");
        var approve = Run("parties", "approve", "bnc", "--reason", "try", "--expires", "2026-12-31", "--on", "2026-02-02");
        var list = Run("parties", "list", "--format", "csv");

        Assert.True(screen.Exit == 0, screen.Error);
        Assert.Contains("BANCO NACIONAL DE CUBA", screen.Out, StringComparison.Ordinal);
        Assert.Contains("306", screen.Out, StringComparison.Ordinal);
        Assert.Contains($"bnc,Banco Nacional de Cuba,CU,CU,screened,,{version},", list.Out, StringComparison.Ordinal);
        Assert.Equal(1, approve.Exit);
        Assert.Contains("found a hit", approve.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PartiesScreen_WithNoListsLoaded_RecordsNothingAndSaysHowToLoadThem()
    {
        Assert.Equal(0, Run("parties", "request", "bnc", "--name", "Banco Nacional de Cuba", "--country", "CU", "--sector", "banking", "--end-use", "none", "--on", "2026-02-01").Exit);

        var screen = Run("parties", "screen", "bnc");
        var list = Run("parties", "list", "--format", "csv");

        Assert.Equal(1, screen.Exit);
        Assert.Contains("clearance lists load", screen.Error, StringComparison.Ordinal);
        Assert.Contains("bnc,Banco Nacional de Cuba,CU,CU,requested,", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void PartiesRescreen_AfterAListUpdate_ChecksTheChangesOnly_ReportsNewAndClearedHits_AndRecordsThem()
    {
        var older = ScreeningTestFiles.Fixture("ofac-sdn-2019");
        var newer = ScreeningTestFiles.Fixture("ofac-sdn-2021");
        Assert.Equal(0, CliRun.Invoke("lists", "load", older, "--home", Home).Exit);
        var oldVersion = ActiveVersion();
        using var diff = JsonDocument.Parse(CliRun.Invoke("lists", "diff", newer, "--home", Home, "--format", "json").Out);
        var changes = diff.RootElement.GetProperty("changes").EnumerateArray().ToList();
        var added = changes.First(c => c.GetProperty("change").GetString() == "added");
        var removed = changes.First(c => c.GetProperty("change").GetString() == "removed");
        Request("newly-listed", added.GetProperty("name").GetString()!);
        Request("delisted", removed.GetProperty("name").GetString()!);
        Request("never-screened", "Northwind Traders");
        Assert.Equal(0, Run("parties", "screen", "newly-listed", "--on", "2026-02-02").Exit);
        Assert.Equal(0, Run("parties", "screen", "delisted", "--on", "2026-02-02").Exit);
        Assert.Equal(0, CliRun.Invoke("lists", "load", newer, "--home", Home).Exit);
        var newVersion = ActiveVersion();

        var dry = Run("parties", "rescreen", "--dry-run", "--format", "json");
        var versionsAfterDryRun = ListVersions();
        var rescreen = Run("parties", "rescreen", "--format", "json", "--on", "2026-03-01");
        var versions = ListVersions();
        var again = Run("parties", "rescreen");

        Assert.True(rescreen.Exit == 0, rescreen.Error);
        Assert.Contains("--dry-run: nothing was recorded", dry.Error, StringComparison.Ordinal);
        Assert.Equal(oldVersion, versionsAfterDryRun["delisted"]);
        var rows = JsonDocument.Parse(rescreen.Out).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(["delisted", "newly-listed"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(rows.Values, r => Assert.Equal("delta", r.GetProperty("method").GetString()));
        Assert.All(rows.Values, r => Assert.Equal(oldVersion, r.GetProperty("from_version").GetString()));
        Assert.Contains(added.GetProperty("entryId").GetString()!, rows["newly-listed"].GetProperty("new_hits").GetString(), StringComparison.Ordinal);
        Assert.Contains(removed.GetProperty("entryId").GetString()!, rows["delisted"].GetProperty("cleared_hits").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 never screened", rescreen.Error, StringComparison.Ordinal);
        Assert.Contains("recorded 2 event(s)", rescreen.Error, StringComparison.Ordinal);
        Assert.Equal(newVersion, versions["delisted"]);
        Assert.Equal(newVersion, versions["newly-listed"]);
        Assert.Equal("", versions["never-screened"]);
        Assert.Contains("0 parties re-screened", again.Error, StringComparison.Ordinal);
        Assert.Contains("2 already screened against them", again.Error, StringComparison.Ordinal);
    }

    private void Request(string id, string name) =>
        Assert.Equal(0, Run("parties", "request", id, "--name", name, "--country", "CU", "--sector", "trade", "--end-use", "none", "--on", "2026-02-01").Exit);

    private Dictionary<string, string> ListVersions() =>
        JsonDocument.Parse(Run("parties", "list", "--format", "json").Out).RootElement.EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("list_version").GetString()!);

    private string ActiveVersion() =>
        JsonDocument.Parse(CliRun.Invoke("lists", "status", "--home", Home, "--format", "json").Out).RootElement.GetProperty("active").GetProperty("version").GetString()!;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
