using Clearance.Core.Parsing;
using Clearance.Core.Policy;

namespace Clearance.Core.Tests.Policy;

public class OrderBookTests
{
    private const string Header = "id,order_date,product,quantity,unit_value,destination,customer,customer_country,list_hits";

    private static List<OrderRow> ReadCsv(string text)
    {
        var opened = OrderCsvReader.Open(new StringReader(text), "orders.csv");
        Assert.True(opened.Succeeded, string.Join("\n", opened.Problems));
        return [.. opened.Value.Rows(ShippedData.Library.Catalog)];
    }

    [Fact]
    public void Csv_ValidRows_BecomeOrdersWithCanonicalProductIds()
    {
        var rows = ReadCsv(Header + "\nA-1,2026-02-01,H200,8,30000,cn,\"Example, Ltd\",CN,entity-list; MEU\n");

        var order = Assert.Single(rows).Order!;
        Assert.Equal("nvidia-h200-sxm", order.Product);
        Assert.Equal("CN", order.Destination);
        Assert.Equal("Example, Ltd", order.Customer.Name);
        Assert.Equal(["entity-list", "meu"], order.ListHits.ToArray());
        Assert.Equal(240_000m, order.TotalValue);
    }

    [Fact]
    public void Csv_AQuotedFieldSpanningLines_KeepsLineNumbersOfLaterRows()
    {
        var rows = ReadCsv(Header + "\nA-1,2026-02-01,H200,8,30000,CN,\"Two\nlines\",CN,\nA-2,2026-02-01,H2OO,8,30000,CN,X,CN,\n");

        Assert.Equal(2, rows[0].Line);
        Assert.Contains("control character U+000A", rows[0].Problems.Single().Message, StringComparison.Ordinal);
        var problem = Assert.Single(rows[1].Problems);
        Assert.Equal(new SourceLocation("orders.csv", 4, 16), problem.Location);
        Assert.Equal("product", problem.Field);
        Assert.Contains("did you mean", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A-1,2026-13-01,H200,8,30000,CN,X,CN,", "order_date", 5, "is not a date")]
    [InlineData("A-1,2026-02-01,H200,-8,30000,CN,X,CN,", "quantity", 21, "whole number of units above zero")]
    [InlineData("A-1,2026-02-01,H200,8,\"$30,000\",CN,X,CN,", "unit_value", 23, "is not an amount")]
    [InlineData("A-1,2026-02-01,H200,8,30000,China,X,CN,", "destination", 29, "is not an ISO 3166 country code")]
    [InlineData(",2026-02-01,H200,8,30000,CN,X,CN,", "id", 1, "is required")]
    [InlineData("A-1,2026-02-01,H200,8,30000,CN,X\u0007Y,CN,", "customer", 32, "control character")]
    public void Csv_AMalformedField_RejectsTheRowNamingLineColumnAndField(string row, string field, int column, string message)
    {
        var rows = ReadCsv(Header + "\n" + row + "\n");

        var rejected = Assert.Single(rows);
        Assert.False(rejected.Accepted);
        var problem = Assert.Single(rejected.Problems);
        Assert.Equal(new SourceLocation("orders.csv", 2, column), problem.Location);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_EveryNonBlankLine_YieldsARow_SoNothingIsSilentlyDropped()
    {
        var rows = ReadCsv(Header + "\nA-1,2026-02-01,H200,8,30000,CN,X,CN,\n\nA-2,2026-02-01,H200,8\nA-3,2026-02-01,H200,8,30000,CN,\"open,CN,\n");

        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].Accepted);
        Assert.Contains("4 fields but the header names 9", rows[1].Problems.Single().Message, StringComparison.Ordinal);
        Assert.Equal(4, rows[1].Line);
        Assert.Contains("not closed", rows[2].Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_AHeaderWithUnknownOrMissingColumns_FailsTheWholeFile()
    {
        var opened = OrderCsvReader.Open(new StringReader("id,order_date,prodcut,quantity\n"), "orders.csv");

        Assert.False(opened.Succeeded);
        Assert.Contains(opened.Problems, p => p.Field == "prodcut" && p.Location == new SourceLocation("orders.csv", 1, 15));
        Assert.Contains(opened.Problems, p => p.Field == "product" && p.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_RowsAreReadWithTheirLines_AndBadFieldsNamed()
    {
        const string Json = """
            [
              {"id": "J-1", "order_date": "2026-02-01", "product": "MI325X", "quantity": 4, "unit_value": 25000,
               "destination": "CN", "customer": "X", "customer_country": "CN", "list_hits": ["entity-list"]},
              {"id": "J-2", "order_date": "2026-02-01", "product": "H200", "quantity": "four", "unit_value": 25000,
               "destination": "CN", "customer": "X", "customer_country": "CN", "colour": "red"}
            ]
            """;

        var rows = ORows(Json);

        Assert.Equal("amd-mi325x", rows[0].Order!.Product);
        Assert.Equal(["entity-list"], rows[0].Order!.ListHits.ToArray());
        Assert.False(rows[1].Accepted);
        Assert.Contains(rows[1].Problems, p => p.Field == "orders[1].quantity" && p.Location.Line == 4);
        Assert.Contains(rows[1].Problems, p => p.Field == "orders[1].colour" && p.Location.Line == 5);
    }

    [Fact]
    public void Json_TheWrongShape_FailsTheWholeFile()
    {
        var parsed = OrderBook.ParseJson(new SourceText("orders.json", "{\"id\": 1}"), ShippedData.Library.Catalog);

        Assert.False(parsed.Succeeded);
        Assert.Contains("list of orders", parsed.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleOrderBook_LoadsWithoutRejectedRows()
    {
        var path = Path.Combine(ShippedData.Folder("samples"), "orders.csv");
        using var reader = new StreamReader(path);
        var opened = OrderCsvReader.Open(reader, "samples/orders.csv");

        var rows = opened.Value.Rows(ShippedData.Library.Catalog).ToList();

        Assert.True(rows.Count >= 30, $"{rows.Count} rows");
        Assert.All(rows, r => Assert.True(r.Accepted, string.Join("\n", r.Problems)));
    }

    private static List<OrderRow> ORows(string json)
    {
        var parsed = OrderBook.ParseJson(new SourceText("orders.json", json), ShippedData.Library.Catalog);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Problems));
        return [.. parsed.Value];
    }
}
