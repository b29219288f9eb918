using System.Net;

namespace Clearance.Server.Tests.Pages;

/// <summary>The what-if and batch evaluation pages through the real pipeline, without a browser.</summary>
public sealed class PolicyPagesTests(ClearanceFactory factory) : IClassFixture<ClearanceFactory>
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
}
