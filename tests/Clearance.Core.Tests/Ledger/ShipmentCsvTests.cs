using Clearance.Core.Ledger;
using Clearance.Core.Parsing;

namespace Clearance.Core.Tests.Ledger;

public sealed class ShipmentCsvTests
{
    private const string Header = "key,order,consignee,end_user,destination,product,units,value_usd,licence,date\n";

    [Fact]
    public void Parse_WellFormed_GivesOneCommandPerRowWithItsLine()
    {
        var text = Header + "s-1,order-1,bytedance,bytedance,CN,nvidia-h200,10,300000,BIS-H200-0001,2026-02-02\n\"s-2\",order-1,\"tencent\",tencent,CN,nvidia-h200,5,\"150000.50\",,2026-02-03\n";

        var parsed = ShipmentCsv.Parse(new SourceText("batch.csv", text), shipNow: true);

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        Assert.Equal(2, parsed.Value.Count);
        Assert.Equal(3, parsed.Value[1].Origin.Line);
        Assert.Null(parsed.Value[1].Shipment.LicenceNumber);
        Assert.Equal(150_000.50m, parsed.Value[1].Shipment.ValueUsd);
    }

    [Theory]
    [InlineData("s-1,order-1,b,b,CN,p,-3,1,,2026-02-02", "batch.csv:2:22: units: must be a positive number of units, not -3")]
    [InlineData("s-1,order-1,b,b,CN,p,ten,1,,2026-02-02", "batch.csv:2:22: units: 'ten' is not a whole number of units")]
    [InlineData("s-1,order-1,b,b,CN,p,3,1,,02/02/2026", "batch.csv:2:27: date: '02/02/2026' is not a date; write YYYY-MM-DD")]
    [InlineData("s-1,order-1,b,b,CN,p,3,-1,,2026-02-02", "batch.csv:2:24: value_usd: must not be negative, not -1")]
    [InlineData("s-1,order-1,b,b,CN,p,3", "batch.csv:2:1: the row has 7 fields; the header has 10")]
    [InlineData("\"s-1,order-1,b,b,CN,p,3,1,,2026-02-02", "batch.csv:2:1: a quoted field is never closed")]
    public void Parse_BadRow_NamesFileLineColumnAndField(string row, string expected)
    {
        var parsed = ShipmentCsv.Parse(new SourceText("batch.csv", Header + row + "\n"), shipNow: true);

        Assert.False(parsed.Succeeded);
        Assert.Equal(expected, parsed.Problems[0].ToString());
    }

    [Fact]
    public void Parse_DuplicateKey_IsReportedWithTheFirstLine()
    {
        var text = Header + "s-1,o,b,b,CN,p,1,1,,2026-02-02\ns-1,o,b,b,CN,p,2,1,,2026-02-02\n";

        var parsed = ShipmentCsv.Parse(new SourceText("batch.csv", text), shipNow: true);

        Assert.Equal("batch.csv:3:1: key: the key 's-1' already appears on line 2", parsed.Problems.Single().ToString());
    }

    [Fact]
    public void Parse_UnknownColumn_IsReported()
    {
        var parsed = ShipmentCsv.Parse(new SourceText("batch.csv", Header.Replace("units", "qty", StringComparison.Ordinal)), shipNow: true);

        Assert.Contains(parsed.Problems, p => p.Field == "qty" && p.Message.StartsWith("unknown column", StringComparison.Ordinal));
        Assert.Contains(parsed.Problems, p => p.Field == "units");
    }
}
