using System.Text;
using Clearance.Core.Catalog;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;

namespace Clearance.Server.Policy;

/// <summary>The orders of a request body: one order object, or the rows of an order book (JSON array or CSV).</summary>
public sealed record OrderInput(IReadOnlyList<OrderRow> Rows, bool IsSingleOrder)
{
    /// <summary>The name problems give as their file.</summary>
    public const string BodyName = "body";

    /// <summary>
    /// Reads the body as CSV when its content type says so (text/csv), else as JSON (or YAML); a body with no content
    /// type is CSV unless it starts like JSON. Whole-body problems (not JSON, a bad CSV header) fail the read.
    /// </summary>
    public static async Task<ParseResult<OrderInput>> ReadAsync(HttpRequest request, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return Parse(text, request.ContentType, catalog);
    }

    public static ParseResult<OrderInput> Parse(string text, string? contentType, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<OrderInput>.Failure(new Problem(SourceLocation.StartOf(BodyName), "", "the body is empty; send one order as a JSON object, or an order book as a JSON array or CSV"));
        }

        if (IsCsv(text, contentType))
        {
            using var reader = new StringReader(text);
            var opened = OrderCsvReader.Open(reader, BodyName);
            return opened.Succeeded
                ? ParseResult<OrderInput>.Success(new OrderInput([.. opened.Value.Rows(catalog)], IsSingleOrder: false))
                : ParseResult<OrderInput>.Failure(opened.Problems);
        }

        return OrderBook.ParseJsonOrders(new SourceText(BodyName, text), catalog).Map(orders => new OrderInput(orders.Rows, orders.IsSingleOrder));
    }

    private static bool IsCsv(string text, string? contentType)
    {
        if (contentType is not null)
        {
            return contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase);
        }

        var first = text.AsSpan().TrimStart();
        return first.Length > 0 && first[0] is not ('{' or '[');
    }
}
