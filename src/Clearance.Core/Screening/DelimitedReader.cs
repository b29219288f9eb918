using Clearance.Core.Parsing;

namespace Clearance.Core.Screening;

/// <summary>One record of a delimited file: its fields and the line it starts on.</summary>
internal readonly record struct DelimitedRecord(int Line, string[] Fields);

/// <summary>
/// Reads RFC 4180-style delimited text (comma or tab, double-quoted fields that may span lines, doubled quotes),
/// accepting LF or CRLF line ends and the DOS end-of-file mark (0x1A) that OFAC files sometimes carry.
/// A quote left open is reported with the line it was opened on.
/// </summary>
internal static class DelimitedReader
{
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
