using System.Collections.Immutable;

namespace Clearance.Core.Policy;

/// <summary>Whether a rule entered or left force on a date.</summary>
public enum RuleChangeKind
{
    EntersForce,
    LeavesForce,
}

/// <summary>A rule of a pack, as placed on the timeline.</summary>
public sealed record TimelineRule(PolicyPack Pack, PolicyRule Rule);

/// <summary>A rule entering force on its first day, or leaving it on the day after its last.</summary>
public sealed record TimelineEvent(DateOnly Date, RuleChangeKind Change, PolicyPack Pack, PolicyRule Rule);

/// <summary>What changed between two dates: every dated event after <see cref="From"/> up to <see cref="To"/>, and the net effect.</summary>
public sealed record TimelineDiff(DateOnly From, DateOnly To, ImmutableArray<TimelineEvent> Events, ImmutableArray<TimelineRule> Entered, ImmutableArray<TimelineRule> Left);

/// <summary>
/// The policy packs along time: which rules are in force on a date, and what changed between two dates. Pure, so
/// the CLI, the API and the timeline page all read the same answer.
/// </summary>
public static class PolicyTimeline
{
    /// <summary>The rules in force on a date, by jurisdiction, pack and rule id.</summary>
    public static ImmutableArray<TimelineRule> InForce(IEnumerable<PolicyPack> packs, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(packs);
        return [.. Ordered(packs.SelectMany(p => p.Rules.Where(r => r.IsInForce(date)).Select(r => new TimelineRule(p, r))))];
    }

    /// <summary>Every rule entering or leaving force, by date.</summary>
    public static ImmutableArray<TimelineEvent> Events(IEnumerable<PolicyPack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        return
        [
            .. packs
                .SelectMany(p => p.Rules.SelectMany(r => r.EffectiveTo is { } to
                    ? new[] { new TimelineEvent(r.EffectiveFrom, RuleChangeKind.EntersForce, p, r), new TimelineEvent(to.AddDays(1), RuleChangeKind.LeavesForce, p, r) }
                    : [new TimelineEvent(r.EffectiveFrom, RuleChangeKind.EntersForce, p, r)]))
                .OrderBy(e => e.Date)
                .ThenBy(e => e.Pack.Jurisdiction, StringComparer.Ordinal)
                .ThenBy(e => e.Pack.Id, StringComparer.Ordinal)
                .ThenBy(e => e.Rule.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// What changed from the rules in force on <paramref name="from"/> to those in force on <paramref name="to"/>:
    /// the events in between (after from, up to and including to) and the rules in force on one date only.
    /// </summary>
    public static TimelineDiff Between(IEnumerable<PolicyPack> packs, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(packs);
        var all = packs.ToList();
        var before = InForce(all, from);
        var after = InForce(all, to);
        var (early, late) = from <= to ? (from, to) : (to, from);
        return new TimelineDiff(
            from,
            to,
            [.. Events(all).Where(e => e.Date > early && e.Date <= late)],
            [.. after.Except(before)],
            [.. before.Except(after)]);
    }

    private static IEnumerable<TimelineRule> Ordered(IEnumerable<TimelineRule> rules) =>
        rules.OrderBy(r => r.Pack.Jurisdiction, StringComparer.Ordinal).ThenBy(r => r.Pack.Id, StringComparer.Ordinal).ThenBy(r => r.Rule.EffectiveFrom).ThenBy(r => r.Rule.Id, StringComparer.Ordinal);
}
