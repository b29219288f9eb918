using System.Globalization;

namespace Clearance.Core.Screening;

/// <summary>A party to screen: a customer, consignee, end user or owner, with whatever is known about it.</summary>
public sealed record Party(string Name)
{
    /// <summary>The caller's own reference for the party (a customer number), echoed in results.</summary>
    public string? Reference { get; init; }

    /// <summary>ISO 3166 alpha-2 code or country name.</summary>
    public string? Country { get; init; }

    public string? Address { get; init; }

    /// <summary>Identifiers known for the party (passport, tax or registration numbers, IMO…): any exact match with an entry is a hit.</summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];
}

/// <summary>The settings a screening runs with; together with the party and the list set version they decide the result.</summary>
public sealed record ScreeningOptions
{
    /// <summary>The lowest score reported as a hit (0–1). The default was chosen on the labelled name pairs (docs/screening.md).</summary>
    public double Threshold { get; init; } = 0.75;

    /// <summary>At most this many hits per party, best first.</summary>
    public int MaxHits { get; init; } = 10;

    /// <summary>Added when the party's country is one of the entry's countries.</summary>
    public double CountryMatchBoost { get; init; } = 0.03;

    /// <summary>Taken off when the entry names countries and the party's country is none of them.</summary>
    public double CountryMismatchPenalty { get; init; } = 0.05;

    /// <summary>Added when most words of the party's address appear in one of the entry's addresses.</summary>
    public double AddressBoost { get; init; } = 0.03;

    public static ScreeningOptions Default { get; } = new();

    /// <summary>A short text of every setting, recorded with results so a screening can be replayed.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"threshold={Threshold};max-hits={MaxHits};country+={CountryMatchBoost};country-={CountryMismatchPenalty};address+={AddressBoost}");
}

/// <summary>One piece of evidence for a hit: how one token of the party's name compares with a token of the listed name.</summary>
public sealed record TokenEvidence(string QueryToken, string? ListToken, double Similarity, double Weight, string Kind);

/// <summary>A list entry that the party may be, with the score and the evidence behind it.</summary>
public sealed record ScreeningHit
{
    public required string EntryId { get; init; }

    public required string Source { get; init; }

    public required PartyType Type { get; init; }

    /// <summary>The entry's primary name.</summary>
    public required string ListedName { get; init; }

    /// <summary>The name of the entry (primary or alias) that matched best.</summary>
    public required string MatchedName { get; init; }

    /// <summary>The final score, 0–1: the name score adjusted by country, address and identifier evidence.</summary>
    public required double Score { get; init; }

    public required double NameScore { get; init; }

    public required IReadOnlyList<TokenEvidence> Tokens { get; init; }

    /// <summary>Other evidence in words: legal forms set aside, country agreement, identifier match.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public IReadOnlyList<string> Programmes { get; init; } = [];

    public IReadOnlyList<string> Countries { get; init; } = [];
}

/// <summary>The outcome of screening one party against one list set version with one set of options.</summary>
public sealed record ScreeningResult(Party Party, string ListSetVersion, string Options, IReadOnlyList<ScreeningHit> Hits)
{
    public bool IsHit => Hits.Count > 0;
}
