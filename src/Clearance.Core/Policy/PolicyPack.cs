using System.Collections.Immutable;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Expressions;
using Clearance.Core.Parsing;

namespace Clearance.Core.Policy;

/// <summary>What an obligation asks of the exporter or importer.</summary>
public enum ObligationKind
{
    /// <summary>A payment to a government outside customs law (the 15% arrangement).</summary>
    Levy,

    /// <summary>A customs duty on entry (Section 232).</summary>
    Duty,

    PriorNotification,
    ThirdPartyTesting,
    KnowYourCustomer,

    /// <summary>A limit on the volume shipped, alone or from a pool shared by several buyers.</summary>
    VolumeCap,

    /// <summary>A statement the exporter must certify.</summary>
    Certification,
}

/// <summary>
/// Something an order must do when a rule fires. Levies and duties carry a rate and a base (a number expression over
/// the order's facts, such as total_value) so that the decision states the amount in the order's currency.
/// </summary>
public sealed record Obligation
{
    public required ObligationKind Kind { get; init; }

    public required string Description { get; init; }

    public decimal? RatePercent { get; init; }

    /// <summary>The expression text of the base, for display.</summary>
    public string? BaseText { get; init; }

    public Func<OrderFacts, double?>? Base { get; init; }

    /// <summary>Who is paid (levy, duty) or notified (prior notification).</summary>
    public string? Payee { get; init; }

    /// <summary>The cap of a volume cap, in <see cref="Unit"/>.</summary>
    public double? Limit { get; init; }

    public string? Unit { get; init; }

    /// <summary>The id of a quota pool shared by several buyers; its depletion is tracked by the ledger, not here.</summary>
    public string? Pool { get; init; }
}

/// <summary>
/// One dated rule of a policy pack: while in force, an order whose facts meet <see cref="When"/> receives
/// <see cref="Verdict"/> and <see cref="Obligations"/>, unless a rule of the same pack named in <see cref="Unless"/> fires.
/// </summary>
public sealed record PolicyRule
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>The last day in force (inclusive), or null while it still is.</summary>
    public DateOnly? EffectiveTo { get; init; }

    public required Condition<OrderFacts> When { get; init; }

    public ImmutableArray<string> Unless { get; init; } = [];

    public required Verdict Verdict { get; init; }

    public ImmutableArray<Obligation> Obligations { get; init; } = [];

    public Confidence Confidence { get; init; } = Confidence.Official;

    public string? Notes { get; init; }

    public required ImmutableArray<Citation> Citations { get; init; }

    public SourceLocation DefinedAt { get; init; }

    public bool IsInForce(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    /// <summary>"2025-08-11 → 2026-01-14" or "2026-01-15 → in force".</summary>
    public string Window => $"{EffectiveFrom:yyyy-MM-dd} → {(EffectiveTo is { } to ? to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "in force")}";
}

/// <summary>A named value a pack's conditions can use like a fact: a number (a threshold) or a list of texts (a country group).</summary>
public sealed record PackParameter(string Name, double? Number, ImmutableArray<string> Texts, string Description, Confidence Confidence, string? Notes)
{
    public bool IsList => Number is null;
}

/// <summary>The identity of a pack as a decision records it: exactly which text was used.</summary>
public sealed record PackVersion(string Id, string Version, string Sha256);

/// <summary>
/// A versioned file of policy rules for one jurisdiction and instrument (US EAR, US Section 232, China import
/// measures). Loaded packs are already type-checked and compiled.
/// </summary>
public sealed record PolicyPack
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The jurisdiction whose verdict the pack's rules decide, such as US or CN.</summary>
    public required string Jurisdiction { get; init; }

    public required string Instrument { get; init; }

    public required string Version { get; init; }

    /// <summary>SHA-256 of the file's text.</summary>
    public required string ContentHash { get; init; }

    public required string File { get; init; }

    public ImmutableArray<PackParameter> Parameters { get; init; } = [];

    /// <summary>
    /// Which orders the instrument reaches at all (for the EAR: items subject to the EAR). When it is false for an
    /// order, none of the pack's rules applies; when it is unknown, the rules are evaluated (the cautious reading).
    /// </summary>
    public Condition<OrderFacts>? Scope { get; init; }

    public required ImmutableArray<PolicyRule> Rules { get; init; }

    public PackVersion VersionInfo => new(Id, Version, ContentHash);

    /// <summary>Every date on which the set of rules in force changes, ascending.</summary>
    public IEnumerable<DateOnly> ChangeDates =>
        Rules.SelectMany(r => r.EffectiveTo is { } to ? new[] { r.EffectiveFrom, to.AddDays(1) } : [r.EffectiveFrom]).Distinct().Order();
}
