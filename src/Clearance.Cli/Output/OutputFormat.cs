using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Clearance.Core.Parsing;
using Spectre.Console;

namespace Clearance.Cli.Output;

/// <summary>How a command prints its result: a table for people, JSON or CSV for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}

internal static class Render
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>A Spectre console over any writer; wide enough for tables when output is redirected.</summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = writer == System.Console.Out && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = writer == System.Console.Out && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (writer != System.Console.Out || System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    public static void WriteJson<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Writes RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled.</summary>
    public static void WriteCsv(TextWriter writer, IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        writer.WriteLine(string.Join(',', header.Select(Escape)));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', row.Select(Escape)));
        }
    }

    public static string Number(double? value, string format = "#,0.##") =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "unknown";

    public static string Plain(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes one RFC 4180 CSV record, for output streamed row by row.</summary>
    public static void WriteCsvRow(TextWriter writer, params ReadOnlySpan<string?> fields) => CsvText.WriteRow(writer, fields);

    private static string Escape(string? field) => CsvText.Field(field);
}
