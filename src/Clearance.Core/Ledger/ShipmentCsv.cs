using System.Globalization;
using Clearance.Core.Parsing;

namespace Clearance.Core.Ledger;

/// <summary>
/// Reads a batch of shipments from CSV (RFC 4180, header row first). Every problem is reported with file, line,
/// column and field; a file with any problem yields no shipment at all, so a batch never half-applies.
/// </summary>
public static class ShipmentCsv
{
    public static readonly IReadOnlyList<string> Columns = ["key", "order", "consignee", "end_user", "destination", "product", "units", "value_usd", "licence", "date"];

    public static ParseResult<IReadOnlyList<ReserveShipment>> Parse(SourceText source, bool shipNow)
    {
        var problems = new List<Problem>();
        var rows = Rows(source, problems);
        if (problems.Count > 0 || rows.Count == 0)
        {
            return ParseResult<IReadOnlyList<ReserveShipment>>.Failure(problems.Count > 0 ? problems : [new Problem(SourceLocation.StartOf(source.Name), "", "the file is empty; the first line must be the header: " + string.Join(',', Columns))]);
        }

        var header = rows[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Text.Trim();
            if (!Columns.Contains(name))
            {
                problems.Add(new Problem(new SourceLocation(source.Name, header.Line, header.Fields[i].Column), name, $"unknown column; the columns are {string.Join(',', Columns)}"));
            }
            else if (!index.TryAdd(name, i))
            {
                problems.Add(new Problem(new SourceLocation(source.Name, header.Line, header.Fields[i].Column), name, "the column appears twice"));
            }
        }

        foreach (var missing in Columns.Where(c => c != "licence" && !index.ContainsKey(c)))
        {
            problems.Add(new Problem(new SourceLocation(source.Name, header.Line, 1), missing, "the header lacks this column"));
        }

        if (problems.Count > 0)
        {
            return ParseResult<IReadOnlyList<ReserveShipment>>.Failure(problems);
        }

        var shipments = new List<ReserveShipment>();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.Count != header.Fields.Count)
            {
                problems.Add(new Problem(new SourceLocation(source.Name, row.Line, 1), "", $"the row has {row.Fields.Count} fields; the header has {header.Fields.Count}"));
                continue;
            }

            var before = problems.Count;
            string Text(string column) => index.TryGetValue(column, out var i) ? row.Fields[i].Text.Trim() : "";
            SourceLocation At(string column) => new(source.Name, row.Line, index.TryGetValue(column, out var i) ? row.Fields[i].Column : 1);

            long units = 0;
            if (!long.TryParse(Text("units"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out units))
            {
                problems.Add(new Problem(At("units"), "units", $"'{Clip(Text("units"))}' is not a whole number of units"));
            }
            else if (units <= 0)
            {
                problems.Add(new Problem(At("units"), "units", $"must be a positive number of units, not {units}"));
            }

            if (!decimal.TryParse(Text("value_usd"), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add(new Problem(At("value_usd"), "value_usd", $"'{Clip(Text("value_usd"))}' is not an amount in US dollars (write 1234.50)"));
            }
            else if (value < 0)
            {
                problems.Add(new Problem(At("value_usd"), "value_usd", $"must not be negative, not {value.ToString(CultureInfo.InvariantCulture)}"));
            }

            if (!DateOnly.TryParseExact(Text("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add(new Problem(At("date"), "date", $"'{Clip(Text("date"))}' is not a date; write YYYY-MM-DD"));
            }

            foreach (var required in new[] { "key", "order", "consignee", "end_user", "destination", "product" })
            {
                if (Text(required).Length == 0)
                {
                    problems.Add(new Problem(At(required), required, "is required"));
                }
            }

            var key = Text("key");
            if (key.Length > 0 && !keys.TryAdd(key, row.Line))
            {
                problems.Add(new Problem(At("key"), "key", $"the key '{Clip(key)}' already appears on line {keys[key]}"));
            }

            if (problems.Count > before)
            {
                continue;
            }

            var licence = Text("licence");
            var plan = new ShipmentPlan(key, Text("order"), Text("consignee"), Text("end_user"), Text("destination"), Text("product"), units, value, licence.Length == 0 ? null : licence, date);
            shipments.Add(new ReserveShipment(plan, shipNow) { Origin = new SourceLocation(source.Name, row.Line, 1) });
        }

        return problems.Count > 0
            ? ParseResult<IReadOnlyList<ReserveShipment>>.Failure(problems)
            : ParseResult<IReadOnlyList<ReserveShipment>>.Success(shipments);
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private sealed record Field(string Text, int Column);

    private sealed record Row(int Line, List<Field> Fields);

    /// <summary>Splits RFC 4180 text into rows of fields, each with its line and column; blank lines are skipped.</summary>
    private static List<Row> Rows(SourceText source, List<Problem> problems)
    {
        var text = source.Text;
        var rows = new List<Row>();
        var line = 1;
        var column = 1;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is '\r' or '\n')
            {
                i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                column = 1;
                continue;
            }

            var row = new Row(line, []);
            while (true)
            {
                var start = column;
                var value = new System.Text.StringBuilder();
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    column++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                value.Append('"');
                                i += 2;
                                column += 2;
                                continue;
                            }

                            i++;
                            column++;
                            closed = true;
                            break;
                        }

                        if (text[i] == '\n')
                        {
                            line++;
                            column = 0;
                        }

                        value.Append(text[i]);
                        i++;
                        column++;
                    }

                    if (!closed)
                    {
                        problems.Add(new Problem(new SourceLocation(source.Name, row.Line, start), "", "a quoted field is never closed"));
                        return rows;
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        problems.Add(new Problem(new SourceLocation(source.Name, line, column), "", "a quoted field must be followed by a comma or the end of the line"));
                        while (i < text.Length && text[i] is not ('\r' or '\n'))
                        {
                            i++;
                        }
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"')
                        {
                            problems.Add(new Problem(new SourceLocation(source.Name, line, column), "", "a quote inside an unquoted field; quote the whole field and double the quote"));
                        }

                        value.Append(text[i]);
                        i++;
                        column++;
                    }
                }

                row.Fields.Add(new Field(value.ToString(), start));
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    column++;
                    continue;
                }

                break;
            }

            rows.Add(row);
        }

        return rows;
    }
}
