using Clearance.Core.Policy;

namespace Clearance.Server.Pages;

/// <summary>How the pages show verdicts and rule outcomes: the CSS tag of each and the words for a rule's status.</summary>
public static class DecisionText
{
    public static string Tag(Verdict verdict) => verdict switch
    {
        Verdict.Allowed => "not-applies",
        Verdict.LicenceApproval or Verdict.LicenceCaseByCase or Verdict.HoldForReview => "undetermined",
        _ => "applies",
    };

    public static string StatusTag(RuleStatus status) => status switch
    {
        RuleStatus.Fired => "applies",
        RuleStatus.Undetermined => "undetermined",
        RuleStatus.NotFired => "not-applies",
        _ => "superseded",
    };

    public static string StatusText(RuleStatus status) => status switch
    {
        RuleStatus.Fired => "fired",
        RuleStatus.NotFired => "not fired",
        RuleStatus.Undetermined => "undetermined",
        RuleStatus.Superseded => "superseded",
        RuleStatus.OutOfScope => "out of scope",
        _ => "not in force",
    };
}
