using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Clearance.Server.Pages;

/// <summary>One coloured series of a stacked column chart: a value per category.</summary>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<decimal> Values);

/// <summary>One bar of a usage chart: how much of a total is used and reserved; the rest is remaining.</summary>
public sealed record UsageRow(string Label, decimal Used, decimal Reserved, decimal Total, string Unit, string? Note = null)
{
    public decimal Remaining => Math.Max(0, Total - Used - Reserved);
}

/// <summary>
/// Server-rendered SVG charts for the ledger pages. Each chart comes with its text alternative: an SVG title and
/// description for screen readers, a tooltip per mark, and the same figures as a table under "Show as table".
/// </summary>
public static class Charts
{
    public const string UsedColour = "#1f5fbf";
    public const string ReservedColour = "#8fb3e8";
    public const string RemainingColour = "#e6eaf0";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Columns per category (a month), each a stack of the series' values, with the same figures as a table.</summary>
    public static IHtmlContent StackedColumns(string id, string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, Func<decimal, string> format)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(format);
        const double width = 900, height = 280, left = 70, right = 10, top = 16, bottom = 36;
        var totals = categories.Select((_, i) => series.Sum(s => Math.Max(0, s.Values[i]))).ToList();
        var max = totals.Count == 0 ? 0 : totals.Max();
        var scale = max <= 0 ? 0 : (height - top - bottom) / (double)max;
        var slot = categories.Count == 0 ? 0 : (width - left - right) / categories.Count;
        var barWidth = Math.Max(4, slot * 0.7);

        var svg = new StringBuilder();
        Append(svg, $"<svg id=\"{Encode(id)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" width=\"100%\" viewBox=\"0 0 {width} {height}\">");
        Append(svg, $"<title id=\"{Encode(id)}-title\">{Encode(title)}</title>");
        Append(svg, $"<desc id=\"{Encode(id)}-desc\">{Encode(Describe(categories, series, totals, format))}</desc>");
        Append(svg, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\" stroke=\"#5b6472\" />");
        Append(svg, $"{SvgText.At(left - 6, top + 8, format(max), "end")}{SvgText.At(left - 6, height - bottom, format(0), "end")}");
        for (var i = 0; i < categories.Count; i++)
        {
            var x = left + (slot * i) + ((slot - barWidth) / 2);
            var y = height - bottom;
            Append(svg, $"<g data-category=\"{Encode(categories[i])}\">");
            foreach (var s in series)
            {
                var value = Math.Max(0, s.Values[i]);
                if (value == 0)
                {
                    continue;
                }

                var h = (double)value * scale;
                y -= h;
                Append(svg, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\" fill=\"{s.Colour}\" data-series=\"{Encode(s.Name)}\" data-value=\"{value}\"><title>{Encode($"{categories[i]}: {s.Name} {format(value)}")}</title></rect>");
            }

            Append(svg, $"{SvgText.At(x + (barWidth / 2), height - bottom + 14, categories[i], "middle")}</g>");
        }

        svg.Append("</svg>");
        svg.Append(Legend(series.Select(s => (s.Name, s.Colour))));

        var table = new StringBuilder();
        table.Append("<details class=\"chart-table\"><summary>Show as table</summary><table><thead><tr><th scope=\"col\">Month</th>");
        foreach (var s in series)
        {
            Append(table, $"<th scope=\"col\">{Encode(s.Name)}</th>");
        }

        table.Append("<th scope=\"col\">Total</th></tr></thead><tbody>");
        for (var i = 0; i < categories.Count; i++)
        {
            Append(table, $"<tr><th scope=\"row\">{Encode(categories[i])}</th>");
            foreach (var s in series)
            {
                Append(table, $"<td>{Encode(format(s.Values[i]))}</td>");
            }

            Append(table, $"<td>{Encode(format(totals[i]))}</td></tr>");
        }

        table.Append("</tbody></table></details>");
        return new HtmlString(svg.Append(table).ToString());
    }

    /// <summary>One horizontal bar per row: used, reserved and remaining of its total, with the figures as a table.</summary>
    public static IHtmlContent UsageBars(string id, string title, IReadOnlyList<UsageRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const double width = 900, labelWidth = 260, right = 190, rowHeight = 30, top = 6;
        var height = top + (rows.Count * rowHeight) + 6;
        var barSpace = width - labelWidth - right;

        var svg = new StringBuilder();
        Append(svg, $"<svg id=\"{Encode(id)}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" width=\"100%\" viewBox=\"0 0 {width} {height}\">");
        Append(svg, $"<title id=\"{Encode(id)}-title\">{Encode(title)}</title>");
        Append(svg, $"<desc id=\"{Encode(id)}-desc\">{Encode(string.Join("; ", rows.Select(Sentence)))}</desc>");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = top + (i * rowHeight);
            var x = labelWidth;
            Append(svg, $"<g data-row=\"{Encode(row.Label)}\">{SvgText.At(labelWidth - 8, y + 17, row.Label, "end")}");
            foreach (var (part, value, colour) in new[] { ("used", row.Used, UsedColour), ("reserved", row.Reserved, ReservedColour), ("remaining", row.Remaining, RemainingColour) })
            {
                var w = row.Total <= 0 ? 0 : barSpace * (double)Math.Min(value, row.Total) / (double)row.Total;
                Append(svg, $"<rect x=\"{x:0.#}\" y=\"{y + 4}\" width=\"{w:0.#}\" height=\"{rowHeight - 10}\" fill=\"{colour}\" data-part=\"{part}\" data-value=\"{value}\"><title>{Encode($"{row.Label}: {part} {Number(value)} of {Number(row.Total)} {row.Unit}")}</title></rect>");
                x += w;
            }

            Append(svg, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{barSpace:0.#}\" height=\"{rowHeight - 10}\" fill=\"none\" stroke=\"#9aa3b0\" />");
            Append(svg, $"{SvgText.At(labelWidth + barSpace + 8, y + 17, $"{Percent(row.Used + row.Reserved, row.Total)} held · {Number(row.Remaining)} left")}</g>");
        }

        svg.Append("</svg>");
        svg.Append(Legend([("used", UsedColour), ("reserved", ReservedColour), ("remaining", RemainingColour)]));

        var table = new StringBuilder("<details class=\"chart-table\"><summary>Show as table</summary><table><thead><tr><th scope=\"col\"></th><th scope=\"col\">Used</th><th scope=\"col\">Reserved</th><th scope=\"col\">Remaining</th><th scope=\"col\">Total</th><th scope=\"col\">Unit</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            Append(table, $"<tr><th scope=\"row\">{Encode(row.Label)}</th><td>{Number(row.Used)}</td><td>{Number(row.Reserved)}</td><td>{Number(row.Remaining)}</td><td>{Number(row.Total)}</td><td>{Encode(row.Unit)}</td></tr>");
        }

        table.Append("</tbody></table></details>");
        return new HtmlString(svg.Append(table).ToString());
    }

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Percent(decimal part, decimal total) =>
        total <= 0 ? "–" : (part * 100m / total).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Sentence(UsageRow row) =>
        $"{row.Label}: {Number(row.Used)} used, {Number(row.Reserved)} reserved, {Number(row.Remaining)} remaining of {Number(row.Total)} {row.Unit}{(row.Note is null ? "" : $" ({row.Note})")}";

    private static string Describe(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, List<decimal> totals, Func<decimal, string> format) =>
        categories.Count == 0
            ? "No data yet."
            : string.Join("; ", categories.Select((c, i) => $"{c}: " + string.Join(", ", series.Where(s => s.Values[i] != 0).Select(s => $"{s.Name} {format(s.Values[i])}").DefaultIfEmpty("none")) + $" (total {format(totals[i])})"));

    private static string Legend(IEnumerable<(string Name, string Colour)> items)
    {
        var legend = new StringBuilder("<div class=\"legend\">");
        foreach (var (name, colour) in items)
        {
            Append(legend, $"<span><span class=\"swatch\" style=\"background:{colour}\"></span>{Encode(name)}</span>");
        }

        return legend.Append("</div>").ToString();
    }

    private static string Encode(string text) => Html.Encode(text);

    private static void Append(StringBuilder builder, FormattableString text) => builder.Append(text.ToString(CultureInfo.InvariantCulture));
}
