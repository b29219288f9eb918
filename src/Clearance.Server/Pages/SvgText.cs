using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Clearance.Server.Pages;

/// <summary>SVG &lt;text&gt; elements for charts (Razor reserves the &lt;text&gt; tag), with the content HTML-encoded.</summary>
public static class SvgText
{
    public static IHtmlContent At(double x, double y, string content, string anchor = "start") =>
        new HtmlString(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{HtmlEncoder.Default.Encode(content)}</text>"));
}
