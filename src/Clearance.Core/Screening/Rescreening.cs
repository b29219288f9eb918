namespace Clearance.Core.Screening;

/// <summary>What a list update changed for one party: its new result, the hits it gained and the hits it lost.</summary>
public sealed record RescreenedParty(ScreeningResult Result, IReadOnlyList<ScreeningHit> NewHits, IReadOnlyList<ScreeningHit> ClearedHits)
{
    public bool Changed => NewHits.Count > 0 || ClearedHits.Count > 0;
}

/// <summary>
/// Re-screening after a list update, touching only what changed: each party is screened against the added and changed
/// entries alone; hits on removed entries, and on changed entries that no longer match, are cleared; hits on
/// unchanged entries stand. The outcome equals a full screening against the new list set (a tested invariant; the
/// delta's index searches every party token's near spellings as thoroughly as the whole list's searches a token in its
/// vocabulary, see <see cref="ScreeningIndex.BuildForDelta"/>), at the cost of the delta rather than of the whole list.
/// </summary>
public static class Rescreening
{
    public static IReadOnlyList<RescreenedParty> Rescreen(IEnumerable<ScreeningResult> previous, ListSet updated, ListDelta delta, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(delta);
        options ??= ScreeningOptions.Default;
        var touched = delta.Added.Concat(delta.Changed.Select(c => c.After)).ToList();
        var deltaIndex = ScreeningIndex.BuildForDelta(ListSet.Create(touched, []));
        var gone = delta.Removed.Select(e => e.EntryId).Concat(delta.Changed.Select(c => c.After.EntryId)).ToHashSet(StringComparer.Ordinal);
        var unlimited = options with { MaxHits = int.MaxValue };

        var results = new List<RescreenedParty>();
        foreach (var before in previous)
        {
            var fresh = touched.Count > 0 ? deltaIndex.Screen(before.Party, unlimited).Hits : [];
            var kept = before.Hits.Where(h => !gone.Contains(h.EntryId)).ToList();
            var merged = kept.Concat(fresh)
                .OrderByDescending(h => h.Score).ThenBy(h => h.EntryId, StringComparer.Ordinal)
                .Take(options.MaxHits)
                .ToList();
            var beforeIds = before.Hits.Select(h => h.EntryId).ToHashSet(StringComparer.Ordinal);
            var afterIds = merged.Select(h => h.EntryId).ToHashSet(StringComparer.Ordinal);
            results.Add(new RescreenedParty(
                new ScreeningResult(before.Party, updated.Version, options.Describe(), merged),
                merged.Where(h => !beforeIds.Contains(h.EntryId)).ToList(),
                before.Hits.Where(h => !afterIds.Contains(h.EntryId)).ToList()));
        }

        return results;
    }
}
