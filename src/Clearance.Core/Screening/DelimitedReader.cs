using Clearance.Core.Parsing;

namespace Clearance.Core.Screening;

/// <summary>One record of a delimited file: its fields and the line it starts on.</summary>
internal readonly record struct DelimitedRecord(int Line, string[] Fields);

/// <summary>A delimited file with a header row: the column positions by name (case-insensitive) and the data rows.</summary>
internal sealed record DelimitedTable(string[] Header, Dictionary<string, int> Columns, IReadOnlyList<DelimitedRecord> Rows)
{
    /// <summary>A row's value in the named column, trimmed; empty when the file has no such column.</summary>
    public string Field(string[] fields, string column) => Columns.TryGetValue(column, out var i) ? fields[i].Trim() : "";
}

/// <summary>
/// Reads RFC 4180-style delimited text (comma or tab, double-quoted fields that may span lines, doubled quotes),
/// accepting LF or CRLF line ends and the DOS end-of-file mark (0x1A) that OFAC files sometimes carry.
/// A quote left open is reported with the line it was opened on.
/// </summary>
internal static class DelimitedReader
{
    /// <summary>
    /// Reads a file whose first row names its columns, reporting an empty file or a missing required column
    /// (<paramref name="what"/> says what the file should be, e.g. "the BIS Denied Persons List").
    /// </summary>
    public static DelimitedTable? ReadTable(string file, string text, char delimiter, IEnumerable<string> required, string what, List<Problem> problems)
    {
        var records = Read(file, text, delimiter, problems);
        if (problems.Count > 0)
        {
            return null;
        }

        if (records.Count == 0)
        {
            problems.Add(new Problem(SourceLocation.StartOf(file), "", $"the file is empty; expected a header row ({what})"));
            return null;
        }

        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            columns.TryAdd(header[i], i);
        }

        foreach (var name in required.Where(r => !columns.ContainsKey(r)))
        {
            problems.Add(new Problem(new SourceLocation(file, 1, 1), name, $"the header has no '{name}' column; is this {what}?"));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        // Rows of another width than the header are reported here, once for every table, and left out of Rows.
        var rows = new List<DelimitedRecord>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Length == header.Length)
            {
                rows.Add(record);
            }
            else
            {
                var separated = delimiter == '\t' ? " tab-separated" : "";
                problems.Add(new Problem(new SourceLocation(file, record.Line, 1), "", $"expected {header.Length}{separated} fields as in the header but found {record.Fields.Length}"));
            }
        }

        return new DelimitedTable(header, columns, rows);
    }

    public static List<DelimitedRecord> Read(string file, string text, char delimiter, List<Problem> problems)
    {
        var records = new List<DelimitedRecord>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var end = text.Length;
        while (end > 0 && text[end - 1] is '\u001a' or '\r' or '\n')
        {
            end--;
        }

        if (end > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        var atFieldStart = true;
        while (i < end)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                var openedOn = line;
                i++;
                var closed = false;
                while (i < end)
                {
                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < end && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    if (q == '\n')
                    {
                        line++;
                    }

                    field.Append(q);
                    i++;
                }

                if (!closed)
                {
                    problems.Add(new Problem(new SourceLocation(file, openedOn, 1), $"field {fields.Count + 1}", "a quoted field is never closed"));
                    return records;
                }

                atFieldStart = false;
                continue;
            }

            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                i++;
                continue;
            }

            if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(new DelimitedRecord(recordLine, [.. fields]));
                fields.Clear();
                if (c == '\r' && i + 1 < end && text[i + 1] == '\n')
                {
                    i++;
                }

                i++;
                line++;
                recordLine = line;
                atFieldStart = true;
                continue;
            }

            field.Append(c);
            atFieldStart = false;
            i++;
        }

        if (fields.Count > 0 || field.Length > 0 || !atFieldStart)
        {
            fields.Add(field.ToString());
            records.Add(new DelimitedRecord(recordLine, [.. fields]));
        }

        return records;
    }
}
