using System.Globalization;
using Clearance.Core.Ledger;
using Clearance.Core.Policy;

namespace Clearance.Server.Pages;

/// <summary>How the ledger pages write dates, money, units, verdicts and statuses, the same way on every page.</summary>
public static class LedgerText
{
    /// <summary>Today's date on the server's clock (UTC): the date ledger writes from the web UI are made on.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "–";

    public static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => (amount < 0 ? "−$" : "$") + Math.Abs(amount).ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>Millions for chart axes and totals: $12.5M.</summary>
    public static string Millions(decimal amount) => "$" + (amount / 1_000_000m).ToString("#,0.##", CultureInfo.InvariantCulture) + "M";

    public static string Units(long units) => units.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Count(decimal count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Score(double score) => score.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Key<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>A verdict key in words ("licence required (case-by-case review)"), or the key itself when unknown.</summary>
    public static string Verdict(string key) => Verdicts.Parse(key) is { } verdict ? verdict.Describe() : key;

    /// <summary>Verdict keys from least to most restrictive, then any key the policy engine does not know.</summary>
    public static IEnumerable<string> VerdictOrder(IEnumerable<string> keys) =>
        keys.Distinct(StringComparer.Ordinal).OrderBy(k => Verdicts.Parse(k) is { } v ? (int)v : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal);

    public static string VerdictColour(string key) => Verdicts.Parse(key) switch
    {
        Core.Policy.Verdict.Allowed => "#1a7f37",
        Core.Policy.Verdict.LicenceApproval => "#6f9e2f",
        Core.Policy.Verdict.LicenceCaseByCase => "#d9822b",
        Core.Policy.Verdict.HoldForReview => "#e3b341",
        Core.Policy.Verdict.LicencePresumptionOfDenial => "#b3261e",
        Core.Policy.Verdict.Prohibited => "#6e1a14",
        _ => "#5b6472",
    };

    /// <summary>The CSS class of a status tag: good, bad, waiting or neutral.</summary>
    public static string StatusClass(PartyStatus status) => status switch
    {
        PartyStatus.Approved => "not-applies",
        PartyStatus.Rejected or PartyStatus.Suspended => "applies",
        _ => "undetermined",
    };

    public static string StatusClass(ScreeningReviewStatus status) => status switch
    {
        ScreeningReviewStatus.Dismissed => "not-applies",
        ScreeningReviewStatus.Confirmed => "applies",
        _ => "undetermined",
    };

    public static string VerdictClass(string key) => Verdicts.Parse(key) switch
    {
        Core.Policy.Verdict.Allowed => "not-applies",
        Core.Policy.Verdict.LicenceApproval or Core.Policy.Verdict.LicenceCaseByCase or Core.Policy.Verdict.HoldForReview => "undetermined",
        null => "superseded",
        _ => "applies",
    };
}
