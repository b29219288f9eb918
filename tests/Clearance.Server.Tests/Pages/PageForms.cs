using System.Net;
using System.Text.RegularExpressions;

namespace Clearance.Server.Tests.Pages;

/// <summary>Form posts as a browser makes them, for the page tests.</summary>
internal static partial class PageForms
{
    /// <summary>
    /// Posts a form the way a browser does: the antiforgery token from the page's own form, then the fields ("handler"
    /// becomes the page handler in the address). Gives the page, or for a redirect the address it leads to.
    /// </summary>
    public static async Task<(HttpStatusCode Status, string Html)> PostForm(HttpClient client, string path, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        using var get = await client.GetAsync(new Uri(path, UriKind.Relative));
        var token = AntiforgeryToken().Match(await get.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"no antiforgery token on {path}");
        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        var handler = fields.Remove("handler", out var h) ? (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + h : "";
        using var response = await client.PostAsync(new Uri(path + handler, UriKind.Relative), new FormUrlEncodedContent(fields));
        return (response.StatusCode, response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.OriginalString : await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
