using Clearance.Core.Screening;

namespace Clearance.Core.Ledger;

/// <summary>How a party was re-screened: against the list changes alone, or in full.</summary>
public enum RescreenMethod
{
    /// <summary>Only the entries added, changed or removed since the list set it was last screened against.</summary>
    Delta,

    /// <summary>
    /// Against the whole list set: its last screening was recorded by hand, used other settings, its list set is no
    /// longer stored, or it held the most hits allowed and lost one (an entry below the cut may now belong in it).
    /// </summary>
    Full,
}

/// <summary>One party re-screened: the list set it was last screened against, how, and what changed.</summary>
public sealed record PartyRescreen(string PartyId, string Name, string FromVersion, RescreenMethod Method, RescreenedParty Outcome);

/// <summary>The parties re-screened, and those left alone because they are up to date or were never screened.</summary>
public sealed record RescreenReport(string ListVersion, IReadOnlyList<PartyRescreen> Rescreened, IReadOnlyList<string> UpToDate, IReadOnlyList<string> NeverScreened)
{
    /// <summary>The ledger commands that record every re-screened party's outcome, dated <paramref name="on"/>: appended together, all or none.</summary>
    public LedgerCommand[] ScreeningsToRecord(DateOnly on) =>
        [.. Rescreened.Select(r => (LedgerCommand)new RecordScreening(r.PartyId, ScreeningOutcome.From(r.Outcome.Result), on))];
}

/// <summary>
/// Re-screens the ledger's parties after a list update. A party last screened by Clearance with the same settings, against
/// a list set that is still stored, is checked against the changes since that list set only
/// (<see cref="Rescreening"/>, whose outcome equals a full screening); any other screened party is screened in full.
/// Parties already screened against the current lists, or never screened, are left alone. A pure function: the
/// stored list sets come through the <c>listSetOfVersion</c> lookup of <c>Rescreen</c>.
/// </summary>
public static class PartyRescreening
{
    public static RescreenReport Rescreen(IEnumerable<Party> parties, ListSet current, Func<string, ListSet?> listSetOfVersion, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Rescreen(parties, current, () => ScreeningIndex.Build(current), listSetOfVersion, options);
    }

    /// <summary>The same, with the index of the lists in force already built (a server keeps one): it is not built again for the parties screened in full.</summary>
    public static RescreenReport Rescreen(IEnumerable<Party> parties, ScreeningIndex current, Func<string, ListSet?> listSetOfVersion, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Rescreen(parties, current.Lists, () => current, listSetOfVersion, options);
    }

    private static RescreenReport Rescreen(IEnumerable<Party> parties, ListSet current, Func<ScreeningIndex> indexOfCurrent, Func<string, ListSet?> listSetOfVersion, ScreeningOptions? options)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(listSetOfVersion);
        options ??= ScreeningOptions.Default;
        var settings = options.Describe();
        var upToDate = new List<string>();
        var neverScreened = new List<string>();
        var byVersion = new Dictionary<string, List<Party>>(StringComparer.Ordinal);
        var full = new List<Party>();
        var stored = new Dictionary<string, ListSet?>(StringComparer.Ordinal);
        var entries = new Dictionary<string, Dictionary<string, ListEntry>>(StringComparer.Ordinal);
        foreach (var party in parties.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (party.LastScreening is not { } last)
            {
                neverScreened.Add(party.Id);
            }
            else if (last.ListVersion == current.Version)
            {
                upToDate.Add(party.Id);
            }
            else if (last.Options == settings && StoredSet(last.ListVersion) is not null)
            {
                (byVersion.TryGetValue(last.ListVersion, out var group) ? group : byVersion[last.ListVersion] = []).Add(party);
            }
            else
            {
                full.Add(party);
            }
        }

        var rescreened = new List<PartyRescreen>();
        foreach (var (version, group) in byVersion)
        {
            var before = StoredSet(version)!;
            var delta = ListDelta.Between(before, current);
            var previous = group.Select(p => new ScreeningResult(p.ToScreened(), version, settings, [.. p.LastScreening!.Hits.Select(h => Hit(h, EntriesOf(version)))]));
            foreach (var (party, outcome) in group.Zip(Screening.Rescreening.Rescreen(previous, current, delta, options)))
            {
                // A result cut at the most hits it may hold, that lost a hit, may now let in an unchanged entry that
                // ranked below the cut: only a full screening finds it.
                if (party.LastScreening!.Hits.Length >= options.MaxHits && outcome.ClearedHits.Count > 0)
                {
                    full.Add(party);
                }
                else
                {
                    rescreened.Add(new PartyRescreen(party.Id, party.Request.Name, version, RescreenMethod.Delta, outcome));
                }
            }
        }

        if (full.Count > 0)
        {
            var index = indexOfCurrent();
            foreach (var party in full)
            {
                var last = party.LastScreening!;
                var result = index.Screen(party.ToScreened(), options);
                var before = last.Hits.Select(h => h.EntryId).ToHashSet(StringComparer.Ordinal);
                var after = result.Hits.Select(h => h.EntryId).ToHashSet(StringComparer.Ordinal);
                var cleared = last.Hits.Where(h => !after.Contains(h.EntryId)).Select(h => Hit(h, EntriesOf(last.ListVersion))).ToList();
                rescreened.Add(new PartyRescreen(party.Id, party.Request.Name, last.ListVersion, RescreenMethod.Full, new RescreenedParty(result, [.. result.Hits.Where(h => !before.Contains(h.EntryId))], cleared)));
            }
        }

        rescreened.Sort((a, b) => string.CompareOrdinal(a.PartyId, b.PartyId));
        return new RescreenReport(current.Version, rescreened, upToDate, neverScreened);

        ListSet? StoredSet(string version)
        {
            if (!stored.TryGetValue(version, out var set))
            {
                set = listSetOfVersion(version) is { } found && found.Version == version ? found : null;
                stored[version] = set;
            }

            return set;
        }

        Dictionary<string, ListEntry>? EntriesOf(string version)
        {
            if (StoredSet(version) is not { } set)
            {
                return null;
            }

            if (!entries.TryGetValue(version, out var byId))
            {
                byId = set.Entries.GroupBy(e => e.EntryId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                entries[version] = byId;
            }

            return byId;
        }
    }

    /// <summary>A recorded hit as a screening hit, with its entry's type, programmes and countries when the list set is at hand.</summary>
    private static ScreeningHit Hit(ScreenedHit recorded, Dictionary<string, ListEntry>? entries)
    {
        var entry = entries?.GetValueOrDefault(recorded.EntryId);
        return new ScreeningHit
        {
            EntryId = recorded.EntryId,
            Source = recorded.Source,
            Type = entry?.Type ?? PartyType.Unknown,
            ListedName = recorded.ListedName,
            MatchedName = recorded.MatchedName,
            Score = recorded.Score,

            // The ledger keeps the final score only.
            NameScore = recorded.Score,
            Tokens = [.. recorded.Tokens.Select(t => new TokenEvidence(t.QueryToken, t.ListToken, t.Similarity, t.Weight, t.Kind))],
            Notes = recorded.Notes,
            Programmes = entry?.Programmes ?? [],
            Countries = entry?.Countries ?? [],
        };
    }
}
