namespace Clearance.Core.Policy;

/// <summary>
/// What a rule, a jurisdiction or a whole decision says about an order, from least to most restrictive.
/// The numeric order is the combining order: the most restrictive verdict wins (docs/policy-packs.md).
/// A hold for review ranks above a licence that is expected to be granted or reviewed case by case, because
/// nothing ships until a person decides, and below a presumption of denial, which is all but a refusal.
/// </summary>
public enum Verdict
{
    Allowed = 0,

    /// <summary>A licence is required and the review policy is approval.</summary>
    LicenceApproval = 1,

    /// <summary>A licence is required and applications are reviewed case by case.</summary>
    LicenceCaseByCase = 2,

    /// <summary>Stop and let a person decide: facts are missing or a measure leaves the outcome to officials.</summary>
    HoldForReview = 3,

    /// <summary>A licence is required and applications are presumed to be denied.</summary>
    LicencePresumptionOfDenial = 4,

    Prohibited = 5,
}

/// <summary>How licence applications are reviewed under a rule that requires a licence.</summary>
public enum ReviewPolicy
{
    Approval,
    CaseByCase,
    PresumptionOfDenial,
}

public static class Verdicts
{
    /// <summary>The more restrictive of two verdicts.</summary>
    public static Verdict MostRestrictive(Verdict left, Verdict right) => left >= right ? left : right;

    public static Verdict LicenceRequired(ReviewPolicy review) => review switch
    {
        ReviewPolicy.Approval => Verdict.LicenceApproval,
        ReviewPolicy.CaseByCase => Verdict.LicenceCaseByCase,
        _ => Verdict.LicencePresumptionOfDenial,
    };

    /// <summary>The kebab-case name used in packs, JSON and CSV: "licence-required/case-by-case".</summary>
    public static string Key(this Verdict verdict) => verdict switch
    {
        Verdict.Allowed => "allowed",
        Verdict.LicenceApproval => "licence-required/approval",
        Verdict.LicenceCaseByCase => "licence-required/case-by-case",
        Verdict.HoldForReview => "hold-for-review",
        Verdict.LicencePresumptionOfDenial => "licence-required/presumption-of-denial",
        Verdict.Prohibited => "prohibited",
        _ => verdict.ToString(),
    };

    /// <summary>Words for people: "licence required (case-by-case review)".</summary>
    public static string Describe(this Verdict verdict) => verdict switch
    {
        Verdict.Allowed => "allowed",
        Verdict.LicenceApproval => "licence required (approval)",
        Verdict.LicenceCaseByCase => "licence required (case-by-case review)",
        Verdict.HoldForReview => "hold for review",
        Verdict.LicencePresumptionOfDenial => "licence required (presumption of denial)",
        Verdict.Prohibited => "prohibited",
        _ => verdict.ToString(),
    };

    public static Verdict? Parse(string key)
    {
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            if (string.Equals(verdict.Key(), key, StringComparison.OrdinalIgnoreCase))
            {
                return verdict;
            }
        }

        return null;
    }
}
