using System.Globalization;
using Clearance.Core.Policy;
using Clearance.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Clearance.Server.Classification;

namespace Clearance.Server.Pages;

/// <summary>The policy packs along time: the rules in force on a date, what changed between two dates, and a chart of every rule's window.</summary>
public sealed class PolicyTimelineModel(ReferenceData reference, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public DateOnly Date { get; private set; }

    public IReadOnlyList<PolicyPack> Packs => reference.Policy.Packs;

    public IReadOnlyList<TimelineRule> InForce { get; private set; } = [];

    public TimelineDiff? Diff { get; private set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public void OnGet()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Date = Parse("on", On) ?? today;
        On = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        InForce = PolicyTimeline.InForce(Packs, Date);
        var from = Parse("from", From);
        var to = Parse("to", To);
        if (From is not null && To is not null && string.IsNullOrWhiteSpace(From) != string.IsNullOrWhiteSpace(To))
        {
            Errors[string.IsNullOrWhiteSpace(From) ? "from" : "to"] = "give both dates to compare, or neither";
        }

        if (from is { } start && to is { } end)
        {
            Diff = PolicyTimeline.Between(Packs, start, end);
        }
    }

    private DateOnly? Parse(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Errors[field] = ClassificationApi.NotADate(text);
        return null;
    }

    /// <summary>The CSS class of a verdict's colour: green allowed, amber licence or review, red denial or prohibition.</summary>
    public static string VerdictClass(Verdict verdict) => verdict switch
    {
        Verdict.Allowed => "v-allowed",
        Verdict.LicenceApproval or Verdict.LicenceCaseByCase or Verdict.HoldForReview => "v-licence",
        _ => "v-denied",
    };
}
