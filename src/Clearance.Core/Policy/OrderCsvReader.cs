using System.Text;
using Clearance.Core.Catalog;
using Clearance.Core.Parsing;

namespace Clearance.Core.Policy;

/// <summary>
/// Streams an RFC 4180 CSV order book row by row from a reader the caller opened, so a million-row file needs no more
/// memory than one row. The header names the columns (any order; see <see cref="OrderBook.Fields"/>); quoted fields
/// may hold commas, quotes and line breaks, and every problem names the physical line and column where it is.
/// </summary>
public sealed class OrderCsvReader
{
    private readonly TextReader _reader;
    private readonly string _file;
    private readonly Dictionary<string, int> _columns;
    private int _line;

    private OrderCsvReader(TextReader reader, string file, Dictionary<string, int> columns, int line)
    {
        _reader = reader;
        _file = file;
        _columns = columns;
        _line = line;
    }

    /// <summary>Reads and checks the header; a header with unknown or missing columns fails the whole file.</summary>
    public static ParseResult<OrderCsvReader> Open(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = 0;
        var fields = new List<string>();
        var starts = new List<int>();
        var problems = new List<Problem>();
        if (!ReadRecord(reader, ref line, fields, starts, out var error))
        {
            return ParseResult<OrderCsvReader>.Failure(new Problem(SourceLocation.StartOf(file), "", "the file is empty; the first line must name the columns"));
        }

        if (error is not null)
        {
            return ParseResult<OrderCsvReader>.Failure(new Problem(new SourceLocation(file, line, 1), "", error));
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            var at = new SourceLocation(file, 1, starts[i] + 1);
            if (!OrderBook.Fields.Contains(name))
            {
                problems.Add(new Problem(at, name, $"unknown column; the columns are: {string.Join(", ", OrderBook.Fields)}"));
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add(new Problem(at, name, "the column appears twice"));
            }
        }

        foreach (var missing in OrderBook.Required.Where(r => !columns.ContainsKey(r)))
        {
            problems.Add(new Problem(SourceLocation.StartOf(file), missing, "required column is missing"));
        }

        return problems.Count > 0
            ? ParseResult<OrderCsvReader>.Failure(problems)
            : ParseResult<OrderCsvReader>.Success(new OrderCsvReader(reader, file, columns, line));
    }

    /// <summary>The rows after the header, in order; blank lines are skipped, every other line yields a row.</summary>
    public IEnumerable<OrderRow> Rows(AcceleratorCatalog catalog)
    {
        var fields = new List<string>();
        var starts = new List<int>();
        var cache = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (true)
        {
            var first = _line + 1;
            if (!ReadRecord(_reader, ref _line, fields, starts, out var error))
            {
                yield break;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (error is not null)
            {
                yield return new OrderRow(first, null, [new Problem(new SourceLocation(_file, first, 1), "", error)]);
                continue;
            }

            if (fields.Count != _columns.Count)
            {
                yield return new OrderRow(first, null, [new Problem(new SourceLocation(_file, first, 1), "", $"the row has {fields.Count} fields but the header names {_columns.Count} columns")]);
                continue;
            }

            yield return OrderBook.Build(
                first,
                field => _columns.TryGetValue(field, out var index) ? fields[index] : null,
                field => new SourceLocation(_file, first, _columns.TryGetValue(field, out var index) ? starts[index] + 1 : 1),
                catalog,
                cache);
        }
    }

    /// <summary>
    /// Reads one logical record (which may span physical lines inside quotes) into fields and their start columns
    /// (column positions are exact for records on one line). Returns false at the end of input.
    /// </summary>
    private static bool ReadRecord(TextReader reader, ref int line, List<string> fields, List<int> starts, out string? error)
    {
        fields.Clear();
        starts.Clear();
        error = null;
        var text = reader.ReadLine();
        if (text is null)
        {
            return false;
        }

        line++;
        if (!text.Contains('"', StringComparison.Ordinal))
        {
            var start = 0;
            while (true)
            {
                var comma = text.IndexOf(',', start);
                starts.Add(start);
                if (comma < 0)
                {
                    fields.Add(text[start..]);
                    return true;
                }

                fields.Add(text[start..comma]);
                start = comma + 1;
            }
        }

        var field = new StringBuilder();
        var position = 0;
        var fieldStart = 0;
        var quoted = false;
        var afterQuote = false;
        while (true)
        {
            if (position >= text.Length)
            {
                if (!quoted)
                {
                    fields.Add(field.ToString());
                    starts.Add(fieldStart);
                    return true;
                }

                var next = reader.ReadLine();
                if (next is null)
                {
                    error = "a quoted field is not closed before the end of the file";
                    fields.Add(field.ToString());
                    starts.Add(fieldStart);
                    return true;
                }

                line++;
                field.Append('\n');
                text = next;
                position = 0;
                continue;
            }

            var c = text[position++];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (position < text.Length && text[position] == '"')
                {
                    field.Append('"');
                    position++;
                }
                else
                {
                    quoted = false;
                    afterQuote = true;
                }
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                starts.Add(fieldStart);
                field.Clear();
                fieldStart = position;
                afterQuote = false;
            }
            else if (c == '"' && field.Length == 0 && !afterQuote)
            {
                quoted = true;
            }
            else if (c == '"' || afterQuote)
            {
                error ??= $"column {position}: a quote may only open a field or be doubled inside a quoted one";
                field.Append(c);
            }
            else
            {
                field.Append(c);
            }
        }
    }
}
