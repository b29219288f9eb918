using System.Text;
using Clearance.Core.Catalog;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;
using Clearance.Storage.Files;

namespace Clearance.Cli.Policy;

/// <summary>Opens an order book (CSV by default, JSON for .json) and streams its rows, with the share of the file read so far.</summary>
internal sealed class OrderSource : IDisposable
{
    private readonly FileStream? _stream;
    private readonly StreamReader? _reader;
    private readonly OrderCsvReader? _csv;
    private readonly IReadOnlyList<OrderRow>? _json;

    private OrderSource(string path, FileStream? stream, StreamReader? reader, OrderCsvReader? csv, IReadOnlyList<OrderRow>? json)
    {
        Path = path;
        _stream = stream;
        _reader = reader;
        _csv = csv;
        _json = json;
    }

    public string Path { get; }

    public long Length => _stream?.Length ?? 0;

    /// <summary>Bytes read so far (the reader's buffer runs a little ahead).</summary>
    public long Position => _stream?.Position ?? 0;

    public static ParseResult<OrderSource> Open(string path, AcceleratorCatalog catalog)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var file = DataDirectory.ReadFile(path);
            if (!file.Succeeded)
            {
                return ParseResult<OrderSource>.Failure(file.Problems);
            }

            var rows = OrderBook.ParseJson(file.Value, catalog);
            return rows.Succeeded
                ? ParseResult<OrderSource>.Success(new OrderSource(path, null, null, null, rows.Value))
                : ParseResult<OrderSource>.Failure(rows.Problems);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ParseResult<OrderSource>.Failure(new Problem(SourceLocation.StartOf(path), "", $"cannot read the file: {ex.Message}"));
        }

        var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var csv = OrderCsvReader.Open(reader, path);
        if (!csv.Succeeded)
        {
            reader.Dispose();
            return ParseResult<OrderSource>.Failure(csv.Problems);
        }

        return ParseResult<OrderSource>.Success(new OrderSource(path, stream, reader, csv.Value, null));
    }

    public IEnumerable<OrderRow> Rows(AcceleratorCatalog catalog) => _json ?? _csv!.Rows(catalog);

    /// <summary>Reads every row; the accepted orders and the rejected rows.</summary>
    public (List<Order> Orders, List<OrderRow> Rejected) ReadAll(AcceleratorCatalog catalog)
    {
        var orders = new List<Order>();
        var rejected = new List<OrderRow>();
        foreach (var row in Rows(catalog))
        {
            if (row.Order is { } order)
            {
                orders.Add(order);
            }
            else
            {
                rejected.Add(row);
            }
        }

        return (orders, rejected);
    }

    public void Dispose() => _reader?.Dispose();
}
