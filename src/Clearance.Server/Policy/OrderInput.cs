using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Clearance.Core.Catalog;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;

namespace Clearance.Server.Policy;

/// <summary>The orders of a request body: one order object, or the rows of an order book (JSON array or CSV).</summary>
public sealed record OrderInput(IReadOnlyList<OrderRow> Rows, bool IsSingleOrder)
{
    /// <summary>Each order field's place in <see cref="OrderBook.Fields"/>, also looked up by a name's characters.</summary>
    private static readonly FrozenDictionary<string, int> FieldIndex =
        OrderBook.Fields.Select((field, i) => KeyValuePair.Create(field, i)).ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> FieldByName = FieldIndex.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest field name, in bytes.</summary>
    private static readonly int LongestField = OrderBook.Fields.Max(f => f.Length);

    /// <summary>The name problems give as their file.</summary>
    public const string BodyName = "body";

    /// <summary>
    /// Reads the body as CSV when its content type says so (text/csv), else as JSON (or YAML); a body with no content
    /// type is CSV unless it starts like JSON. Whole-body problems (not JSON, a bad CSV header) fail the read.
    /// </summary>
    public static async Task<ParseResult<OrderInput>> ReadAsync(HttpRequest request, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The whole body from the request's pipe (its size is capped by the server's request limits), parsed in place.
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
            if (read.IsCanceled)
            {
                throw new OperationCanceledException("reading the request body was cancelled");
            }

            if (read.IsCompleted)
            {
                var parsed = Parse(read.Buffer, request.ContentType, catalog);
                reader.AdvanceTo(read.Buffer.End);
                return parsed;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static ParseResult<OrderInput> Parse(ReadOnlySequence<byte> body, string? contentType, AcceleratorCatalog catalog)
    {
        if (body.IsSingleSegment)
        {
            return Parse(body.FirstSpan, contentType, catalog);
        }

        var length = checked((int)body.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return Parse(copy.AsSpan(0, length), contentType, catalog);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>The body as UTF-8 bytes: one flat JSON order is read straight from the bytes, anything else as text.</summary>
    public static ParseResult<OrderInput> Parse(ReadOnlySpan<byte> utf8, string? contentType, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (StartsLikeJsonObject(utf8) && !IsCsvType(contentType) && FastSingleOrder(utf8, catalog) is { } order)
        {
            return ParseResult<OrderInput>.Success(new OrderInput([order], IsSingleOrder: true));
        }

        // The BOM is dropped as StreamReader did; invalid bytes become U+FFFD and are reported by the readers.
        return Parse(Encoding.UTF8.GetString(utf8.StartsWith(Encoding.UTF8.Preamble) ? utf8[Encoding.UTF8.Preamble.Length..] : utf8), contentType, catalog);
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

        if (FastSingleOrder(Encoding.UTF8.GetBytes(text), catalog) is { } order)
        {
            return ParseResult<OrderInput>.Success(new OrderInput([order], IsSingleOrder: true));
        }

        return OrderBook.ParseJsonOrders(new SourceText(BodyName, text), catalog).Map(orders => new OrderInput(orders.Rows, orders.IsSingleOrder));
    }

    /// <summary>
    /// The fast path for the commonest request, one valid order as a flat JSON object: read with System.Text.Json and
    /// built by the same <see cref="OrderBook.Build"/>. Anything else (a list, a nested value, an unknown field, any
    /// problem at all) returns null, and the located reader reports it with line and column.
    /// </summary>
    private static OrderRow? FastSingleOrder(ReadOnlySpan<byte> utf8, AcceleratorCatalog catalog)
    {
        if (!StartsLikeJsonObject(utf8))
        {
            return null;
        }

        // Values by field index; a field seen twice, like an unknown one, is left to the located reader to report.
        var values = new string?[OrderBook.Fields.Length];
        var seen = 0UL;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (FieldOf(ref reader) is not { } index || (seen & (1UL << index)) != 0 || !reader.Read())
                {
                    return null;
                }

                seen |= 1UL << index;
                var name = OrderBook.Fields[index];
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        values[index] = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        values[index] = Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        values[index] = reader.GetBoolean() ? "true" : "false";
                        break;
                    case JsonTokenType.Null:
                        values[index] = null;
                        break;
                    case JsonTokenType.StartArray when name == "list_hits":
                        var hits = new List<string>();
                        while (reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            hits.Add(reader.GetString()!);
                        }

                        if (reader.TokenType != JsonTokenType.EndArray)
                        {
                            return null;
                        }

                        values[index] = string.Join(';', hits);
                        break;
                    default:
                        return null;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not valid UTF-8 (GetString throws InvalidOperationException): the located reader reports it.
            return null;
        }

        var row = OrderBook.Build(1, field => values[FieldIndex[field]], _ => SourceLocation.StartOf(BodyName), catalog);
        return row.Accepted ? row : null;
    }

    /// <summary>The index of the order field the reader's property name names, or null for any other name.</summary>
    private static int? FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > LongestField)
        {
            return FieldIndex.TryGetValue(reader.GetString()!, out var found) ? found : null;
        }

        Span<char> name = stackalloc char[LongestField];
        return Encoding.UTF8.TryGetChars(reader.ValueSpan, name, out var length) && FieldByName.TryGetValue(name[..length], out var index) ? index : null;
    }

    private static bool StartsLikeJsonObject(ReadOnlySpan<byte> utf8)
    {
        var first = utf8.TrimStart(" \t\r\n"u8);
        return first.Length > 0 && first[0] == (byte)'{';
    }

    private static bool IsCsvType(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase));

    private static bool IsCsv(string text, string? contentType)
    {
        if (contentType is not null)
        {
            return IsCsvType(contentType);
        }

        var first = text.AsSpan().TrimStart();
        return first.Length > 0 && first[0] is not ('{' or '[');
    }
}
