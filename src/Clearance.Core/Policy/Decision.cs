using System.Collections.Immutable;
using System.Globalization;
using Clearance.Core.Catalog;
using Clearance.Core.Expressions;

namespace Clearance.Core.Policy;

/// <summary>How one rule came out for one order, why, and where the rule comes from.</summary>
public sealed record RuleDecision(PolicyPack Pack, PolicyRule Rule, RuleStatus Status, ImmutableArray<TestTrace> Tests, string? SupersededBy, DateOnly AsOf)
{
    /// <summary>Why the rule fired, did not fire, could not be decided, or was not in force, in one line.</summary>
    public string Reason => Status switch
    {
        RuleStatus.NotInForce => $"not in force on {AsOf:yyyy-MM-dd} (in force {Rule.Window})",
        RuleStatus.Superseded => $"superseded: {SupersededBy} applies instead",
        RuleStatus.OutOfScope => $"outside the scope of {Pack.Id}: {Pack.Scope}",
        RuleStatus.Fired => Describe("met", t => t.Outcome == true),
        RuleStatus.NotFired => Describe("not met", t => t.Outcome == false),
        _ => Describe("undetermined, facts unknown", t => t.Outcome is null),
    };

    private string Describe(string what, Func<TestTrace, bool> relevant)
    {
        if (Tests.IsEmpty)
        {
            // Decided without an explanation: no tests to name.
            return what;
        }

        var tests = Tests.Where(relevant).Select(t => t.ToString()).ToList();
        if (tests.Count == 0)
        {
            // A negated test ("not (x in list)") fails when its inner test holds: show every test then.
            tests = [.. Tests.Select(t => t.ToString())];
        }

        return tests.Count == 0 ? what : what + ": " + string.Join("; ", tests);
    }
}

/// <summary>An obligation a fired rule imposes on this order, with its amount where it is a levy or a duty.</summary>
public sealed record ObligationDue(PolicyPack Pack, PolicyRule Rule, Obligation Obligation, decimal? Amount, string Currency)
{
    public string Summary => Obligation.Kind switch
    {
        ObligationKind.Levy or ObligationKind.Duty when Amount is { } amount =>
            $"{Obligation.RatePercent?.ToString("0.##", CultureInfo.InvariantCulture)}% {Obligation.Kind.ToString().ToLowerInvariant()} = {amount.ToString("#,0.00", CultureInfo.InvariantCulture)} {Currency} to {Obligation.Payee}",
        ObligationKind.VolumeCap =>
            $"volume cap {Obligation.Limit?.ToString("#,0.##", CultureInfo.InvariantCulture)} {Obligation.Unit}{(Obligation.Pool is null ? "" : $" (pool {Obligation.Pool})")}",
        _ => Obligation.Description,
    };
}

/// <summary>One jurisdiction's verdict and the rules that decided it.</summary>
public sealed record JurisdictionVerdict(string Jurisdiction, Verdict Verdict, ImmutableArray<string> DecidedBy);

/// <summary>
/// A rule that bears on the decision and rests on facts that are not official or not verified: the rule itself, or a
/// pack parameter its condition reads (<see cref="Parameter"/>, such as a country group whose members are unverified).
/// </summary>
public sealed record Uncertainty(string RuleId, Confidence Confidence, string Notes, string? Parameter = null)
{
    /// <summary>"rule" or "rule: parameter", for one-line lists.</summary>
    public string Label => Parameter is null ? RuleId : $"{RuleId}: {Parameter}";
}

/// <summary>
/// The decision on one order on one date: the combined and per-jurisdiction verdicts, the obligations with their
/// amounts, every rule considered with its outcome and reason, the chip's designations, and the exact packs used.
/// </summary>
public sealed record Decision(
    Order Order,
    DateOnly AsOf,
    Verdict Verdict,
    ImmutableArray<JurisdictionVerdict> Jurisdictions,
    ImmutableArray<ObligationDue> Obligations,
    ImmutableArray<RuleDecision> Rules,
    ChipProfile Chip,
    ImmutableArray<Uncertainty> Uncertainties,
    ImmutableArray<PackVersion> Packs)
{
    public IEnumerable<RuleDecision> Fired => Rules.Where(r => r.Status == RuleStatus.Fired);

    public IEnumerable<RuleDecision> Undetermined => Rules.Where(r => r.Status == RuleStatus.Undetermined);

    public Verdict VerdictOf(string jurisdiction) =>
        Jurisdictions.FirstOrDefault(j => j.Jurisdiction == jurisdiction)?.Verdict ?? Verdict.Allowed;
}
