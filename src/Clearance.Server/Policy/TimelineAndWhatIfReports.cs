using Clearance.Core.Policy;

namespace Clearance.Server.Policy;

/// <summary>A rule on the timeline: its pack, window, outcome, confidence and citations.</summary>
public sealed record TimelineRuleReport(string Pack, string Jurisdiction, string Rule, string Title, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Verdict, string Confidence, IReadOnlyList<CitationReport> Citations)
{
    public static TimelineRuleReport Of(PolicyPack pack, PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(rule);
        return new TimelineRuleReport(pack.Id, pack.Jurisdiction, rule.Id, rule.Title, rule.EffectiveFrom, rule.EffectiveTo, rule.Verdict.Key(), PolicyText.Confidence(rule.Confidence), CitationReport.Of(rule.Citations));
    }
}

/// <summary>A rule entering force on a date ("enters-force") or leaving it ("leaves-force", the day after its last).</summary>
public sealed record TimelineEventReport(DateOnly Date, string Change, string Pack, string Jurisdiction, string Rule, string Title, string Verdict);

/// <summary>
/// The rules in force on a date (on), or what changed between two dates (from, to): the dated events in between and
/// the rules in force on one date only.
/// </summary>
public sealed record TimelineResponse(DateOnly? On, DateOnly? From, DateOnly? To, IReadOnlyList<TimelineRuleReport> InForce, IReadOnlyList<TimelineEventReport> Events, IReadOnlyList<TimelineRuleReport> Entered, IReadOnlyList<TimelineRuleReport> Left)
{
    public static TimelineResponse InForceOn(DateOnly date, IEnumerable<TimelineRule> inForce) =>
        new(date, null, null, [.. inForce.Select(r => TimelineRuleReport.Of(r.Pack, r.Rule))], [], [], []);

    public static TimelineResponse Of(TimelineDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return new TimelineResponse(
            null, diff.From, diff.To, [],
            [.. diff.Events.Select(Event)],
            [.. diff.Entered.Select(r => TimelineRuleReport.Of(r.Pack, r.Rule))],
            [.. diff.Left.Select(r => TimelineRuleReport.Of(r.Pack, r.Rule))]);
    }

    public static TimelineEventReport Event(TimelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new TimelineEventReport(e.Date, PolicyText.Kebab(e.Change.ToString()), e.Pack.Id, e.Pack.Jurisdiction, e.Rule.Id, e.Rule.Title, e.Rule.Verdict.Key());
    }
}

/// <summary>How many orders moved from one verdict to another.</summary>
public sealed record VerdictTransition(string From, string To, int Count);

/// <summary>A rule whose outcome differs between the two sides, with the reason on each side.</summary>
public sealed record RuleChangeReport(string Pack, string Rule, string Before, string After, string BeforeReason, string AfterReason);

/// <summary>An order whose verdict or obligations differ, and the rules that explain it.</summary>
public sealed record OrderChangeReport(string Id, string Product, string Destination, string Before, string After, IReadOnlyList<string> ObligationsBefore, IReadOnlyList<string> ObligationsAfter, IReadOnlyList<RuleChangeReport> Rules);

/// <summary>The what-if comparison of an order book under two sides.</summary>
public sealed record WhatIfResponse(string Before, string After, int Orders, int Changed, IReadOnlyList<VerdictTransition> Transitions, IReadOnlyList<OrderChangeReport> Changes, IReadOnlyList<RejectedRow> Rejected)
{
    public static WhatIfResponse Of(WhatIfReport report, IReadOnlyList<RejectedRow> rejected)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new WhatIfResponse(
            report.Before.Label,
            report.After.Label,
            report.Orders,
            report.Changes.Length,
            [.. report.Transitions.Select(t => new VerdictTransition(t.From.Key(), t.To.Key(), t.Count))],
            [
                .. report.Changes.Select(c => new OrderChangeReport(
                    c.Order.Id, c.Order.Product, c.Order.Destination, c.Before.Verdict.Key(), c.After.Verdict.Key(),
                    [.. c.Before.Obligations.Select(o => o.Summary)],
                    [.. c.After.Obligations.Select(o => o.Summary)],
                    [.. c.Rules.Select(r => new RuleChangeReport(r.PackId, r.RuleId, Status(r.Before), Status(r.After), r.BeforeReason, r.AfterReason))])),
            ],
            rejected);
    }

    private static string Status(RuleStatus? status) => status is { } s ? PolicyText.Kebab(s.ToString()) : "absent";
}
