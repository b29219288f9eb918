using System.Text;

namespace Clearance.Core.Parsing;

/// <summary>
/// RFC 4180 CSV records as the CLI and the web UI write them: fields with commas, quotes or line breaks are quoted and
/// quotes doubled; a field a spreadsheet would run as a formula is defused with a leading apostrophe.
/// </summary>
public static class CsvText
{
    /// <summary>Writes one record and a line break.</summary>
    public static void WriteRow(TextWriter writer, params ReadOnlySpan<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Field(fields[i]));
        }

        writer.WriteLine();
    }

    /// <summary>
    /// Quotes a field when it needs it. A text that a spreadsheet would run as a formula (it starts with =, +, @,
    /// a tab or a carriage return, or with - not followed by a digit) is prefixed with an apostrophe, so a hostile
    /// party name cannot execute when the file is opened.
    /// </summary>
    public static string Field(string? field)
    {
        field ??= "";
        if (field.Length > 0 && (field[0] is '=' or '+' or '@' or '\t' or '\r' || (field[0] == '-' && (field.Length == 1 || !char.IsAsciiDigit(field[1])))))
        {
            field = "'" + field;
        }

        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return field;
        }

        var builder = new StringBuilder(field.Length + 2).Append('"');
        builder.Append(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        return builder.Append('"').ToString();
    }
}
