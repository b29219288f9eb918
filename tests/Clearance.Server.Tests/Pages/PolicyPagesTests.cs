using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Clearance.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Clearance.Server.Tests.Pages;

/// <summary>The what-if and batch evaluation pages through the real pipeline, without a browser.</summary>
public sealed partial class PolicyPagesTests(ClearanceFactory factory) : IClassFixture<ClearanceFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task WhatIf_ABadDate_NamesTheFieldAndComparesNothing()
    {
        var html = await _client.GetStringAsync(new Uri("/WhatIf?sample=SO-2025-010&thenAsOf=2026-13-01", UriKind.Relative));

        Assert.Contains("<a href=\"#thenAsOf\">thenAsOf</a>: &#x27;2026-13-01&#x27; is not a date; write YYYY-MM-DD", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"comparison\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_AMalformedOrder_NamesItsLineAndField()
    {
        const string orders = "id,order_date,product,quantity,unit_value,destination,customer,customer_country\nX-1,2026-02-02,H200,-3,31000,CN,Some Cloud,CN";

        var html = await _client.GetStringAsync(new Uri("/WhatIf?thenAsOf=2026-02-01&orders=" + Uri.EscapeDataString(orders), UriKind.Relative));

        Assert.Contains("orders</a>, line 2, quantity:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"comparison\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIf_WithoutAChange_AsksForOne()
    {
        using var response = await _client.GetAsync(new Uri("/WhatIf?sample=SO-2025-010", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("thenAsOf</a>: give the change to compare", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateBook_TheSampleBook_DecidesEveryOrderInATable()
    {
        var sample = await File.ReadAllBytesAsync(Path.Combine(factory.Services.GetRequiredService<ReferenceData>().DataDirectory, "samples", "orders.csv"));
        var orders = Encoding.UTF8.GetString(sample).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

        using var response = await Upload("orders.csv", sample, handler: null);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"orders.csv: {orders} decided, 0 rejected", html, StringComparison.Ordinal);
        Assert.Equal(orders, DecisionRow().Count(html));
        Assert.Contains("data-order=\"SO-2025-010\" data-line=\"23\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"rejected\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateBook_AMalformedRow_IsListedWithLineAndFieldAndTheOthersAreDecided()
    {
        const string book = "id,order_date,product,quantity,unit_value,destination,customer,customer_country\n"
            + "OK-1,2026-02-02,H200,512,31000,CN,Some Cloud,CN\n"
            + "BAD-1,2026-02-30,H2O,-3,31000,CN,Some Cloud,CN\n";

        using var response = await Upload("book.csv", Encoding.UTF8.GetBytes(book), handler: null);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("book.csv: 1 decided, 1 rejected", html, StringComparison.Ordinal);
        Assert.Contains("data-line=\"3\" data-field=\"order_date\"", html, StringComparison.Ordinal);
        Assert.Contains("data-line=\"3\" data-field=\"quantity\"", html, StringComparison.Ordinal);
        Assert.Contains("did you mean H20", html, StringComparison.Ordinal);
        Assert.Contains("data-order=\"OK-1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateBook_AFileWithoutTheRequiredColumns_IsRejectedWhole()
    {
        using var response = await Upload("notes.csv", Encoding.UTF8.GetBytes("just,some,columns\n1,2,3\n"), handler: null);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file could not be read; nothing was evaluated", html, StringComparison.Ordinal);
        Assert.Contains("line 1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"book-result\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateBook_Download_GivesTheDecisionsAsCsvWithAVerdictPerJurisdiction()
    {
        const string book = "id,order_date,product,quantity,unit_value,destination,export_origin,customer,customer_country,sector,end_use,state_owned\n"
            + "SJ-002,2025-09-01,H20,1000,12000,CN,US,\"Northbridge Cloud, Co\",CN,cloud,inference,false\n";

        using var response = await Upload("my book.csv", Encoding.UTF8.GetBytes(book), handler: "Csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("my-book-decisions.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id,line,as_of,product,destination,verdict,verdict_cn,verdict_us,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("SJ-002,2,2025-09-01,nvidia-h20,CN,licence-required/approval,", lines[1], StringComparison.Ordinal);
        Assert.Contains("1800000.00,USD", lines[1], StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Upload(string fileName, byte[] content, string? handler)
    {
        var form = await _client.GetStringAsync(new Uri("/Evaluate/Book", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var body = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Add(file, "book", fileName);
        body.Add(new StringContent(token), "__RequestVerificationToken");
        return await _client.PostAsync(new Uri("/Evaluate/Book" + (handler is null ? "" : "?handler=" + handler), UriKind.Relative), body);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<tr data-order=")]
    private static partial Regex DecisionRow();
}
