using Microsoft.Data.Sqlite;

namespace Clearance.Cli.Tests.Ledger;

/// <summary>
/// The ledger commands end to end on a real SQLite file: the H200 trade of early 2026 (regulatory-facts.md:
/// BIS rule 91 FR 1684, China's shared approval [65][66], the 25% duty of Proclamation 11002).
/// </summary>
public sealed class LedgerCommandsTests : IDisposable
{
    private const string Header = "key,order,consignee,end_user,destination,product,units,value_usd,licence,date\n";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("clearance-cli-ledger-");

    private string Db => Path.Combine(_folder.FullName, "home", "ledger.db");

    private (int Exit, string Out, string Error) Run(params string[] args) => CliRun.Invoke([.. args, "--db", Db, "--actor", "m.chen"]);

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private void Open()
    {
        foreach (var (id, country) in new[] { ("bytedance", "CN"), ("tencent", "CN"), ("us-cloud", "US") })
        {
            Assert.Equal(0, Run("parties", "request", id, "--name", id + " Ltd.", "--country", country, "--sector", "cloud", "--end-use", "model training", "--on", "2026-02-01").Exit);
            Assert.Equal(0, Run("parties", "screen", id, "--list-version", "csl-2026-01-30", "--on", "2026-02-01").Exit);
            Assert.Equal(0, Run("parties", "approve", id, "--reason", "KYC complete", "--expires", "2026-12-31", "--on", "2026-02-01").Exit);
        }

        Assert.Equal(0, Run("licences", "grant", "BIS-H200-0001", "--jurisdiction", "US-BIS", "--product", "nvidia-h200", "--units", "10000", "--value-usd", "300000000", "--valid-from", "2026-01-15", "--valid-to", "2027-01-14").Exit);
        Assert.Equal(0, Run("quotas", "open", "cn-2026-h200", "--jurisdiction", "CN", "--product", "nvidia-h200", "--buyer", "bytedance", "--buyer", "tencent", "--units", "400000", "--valid-from", "2026-01-28", "--valid-to", "2026-12-31", "--source", "[65][66]").Exit);
        Assert.Equal(0, Run("quotas", "cap", "h200-cn-mo-50pct", "--product", "nvidia-h200", "--destination", "CN", "--destination", "MO", "--ratio-percent", "50", "--source", "91 FR 1684").Exit);
        Assert.Equal(0, Run("orders", "decide", "order-cn", "--verdict", "licence-required/case-by-case", "--pack", "us-ear@2026.1", "--levy", "duty:US CBP:25:Proclamation 11002", "--as-of", "2026-02-01").Exit);
        Assert.Equal(0, Run("orders", "decide", "order-us", "--verdict", "allowed", "--as-of", "2026-02-01").Exit);
    }

    private string Batch() => File("batch.csv", Header +
        "us-1,order-us,us-cloud,us-cloud,US,nvidia-h200,4000,120000000,,2026-02-02\n" +
        "cn-1,order-cn,bytedance,bytedance,CN,nvidia-h200,1000,30000000,BIS-H200-0001,2026-02-03\n" +
        "cn-2,order-cn,tencent,tencent,CN,nvidia-h200,500,15000000,BIS-H200-0001,2026-02-03\n");

    [Fact]
    public void Ship_ThenStatement_Gives25PercentDutyForTheQuarter()
    {
        Open();

        var ship = Run("ship", Batch());
        var again = Run("ship", Batch());
        var statement = Run("levies", "statement", "--period", "2026-Q1", "--format", "csv");
        var verify = Run("audit", "verify");

        Assert.Equal(0, ship.Exit);
        Assert.Contains("3 shipment(s) recorded", ship.Out, StringComparison.Ordinal);
        Assert.Contains("0 shipment(s) recorded, 3 already recorded", again.Out, StringComparison.Ordinal);
        Assert.Contains("2026-Q1,duty,US CBP,25,2,11250000.00", statement.Out, StringComparison.Ordinal);
        Assert.Equal(0, verify.Exit);
        Assert.Contains("audit chain intact", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Ship_MalformedCsv_NamesLineColumnAndFieldAndRecordsNothing()
    {
        Open();
        var bad = File("bad.csv", Header + "cn-1,order-cn,bytedance,bytedance,CN,nvidia-h200,10,300000,BIS-H200-0001,2026-02-03\ncn-2,order-cn,tencent,tencent,CN,nvidia-h200,-4,1,BIS-H200-0001,2026-02-03\n");

        var result = Run("ship", bad);
        var list = Run("shipments", "list", "--format", "csv");

        Assert.Equal(1, result.Exit);
        Assert.Contains("bad.csv:3:46: units: must be a positive number of units, not -4", result.Error, StringComparison.Ordinal);
        Assert.Single(list.Out.Trim().Split('\n'));
    }

    [Fact]
    public void Ship_BeyondTheCap_IsRefusedNamingTheCap()
    {
        Open();
        var overCap = File("over.csv", Header + "cn-1,order-cn,bytedance,bytedance,CN,nvidia-h200,10,300000,BIS-H200-0001,2026-02-03\n");

        var result = Run("ship", overCap);

        Assert.Equal(1, result.Exit);
        Assert.Contains("volume cap 'h200-cn-mo-50pct' allows 0 more units", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditVerify_AfterAnEditInTheDatabase_NamesTheBrokenRowAndFails()
    {
        Open();
        using (var connection = new SqliteConnection($"Data Source={Db}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_log SET payload = REPLACE(payload, 'KYC complete', 'KYC skipped') WHERE seq = 3";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        SqliteConnection.ClearAllPools();
        var verify = Run("audit", "verify");

        Assert.Equal(3, verify.Exit);
        Assert.Contains("broken at row 3", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PartiesImport_WithOneBadEntry_RecordsNoneAndNamesTheField()
    {
        var json = File("parties.json", """
            {"parties": [
              {"id": "alibaba", "name": "Alibaba Cloud", "country": "CN", "sector": "cloud", "end_use": "inference", "roles": ["customer"], "requested_on": "2026-02-01"},
              {"id": "x'); DROP TABLE parties;--", "name": "Evil", "country": "CN", "sector": "s", "end_use": "e", "roles": ["customer"], "requested_on": "2026-02-01"}
            ]}
            """);

        var result = Run("parties", "import", json);
        var list = Run("parties", "list", "--format", "csv");

        Assert.Equal(1, result.Exit);
        Assert.Contains("parties.json:3:3: party: 'x'); DROP TABLE parties;--' is not an id", result.Error, StringComparison.Ordinal);
        Assert.Single(list.Out.Trim().Split('\n'));
    }

    [Fact]
    public void LeviesStatement_WithMalformedPeriod_IsAUsageError()
    {
        var result = Run("levies", "statement", "--period", "2026-Q5");

        Assert.Equal(2, result.Exit);
        Assert.Contains("write YYYY-Qn", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Db_ThatIsNotADatabase_IsAStorageError()
    {
        var notADatabase = File("notes.db", "shipping notes, not a database");

        var result = CliRun.Invoke("parties", "list", "--db", notADatabase);

        Assert.Equal(3, result.Exit);
        Assert.Contains("not a ledger database", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
