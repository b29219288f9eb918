using Clearance.Core.Ledger;
using Clearance.Core.Screening;
using Clearance.Core.Tests.Screening;
using LedgerParty = Clearance.Core.Ledger.Party;

namespace Clearance.Core.Tests.Ledger;

public sealed class PartyRescreeningTests
{
    private static readonly ListSet Before = Fixture.Load("lists/ofac-sdn-2019");
    private static readonly ListSet After = Fixture.Load("lists/ofac-sdn-2021");

    [Fact]
    public void Rescreen_ChecksTheChangesOnlyWhenItCan_AndEveryOutcomeEqualsAFullScreening()
    {
        var byClearance = Screened("bnc", "Banco Nacional de Cuba", Before);
        var byHand = Requested("havana", "Havana International Bank") with
        {
            Status = PartyStatus.Screened,
            LastScreening = new ScreeningOutcome(false, "csl-2026-01-30", "screened elsewhere"),
        };
        var otherSettings = Screened("cimex", "Cimex Iberica", Before, ScreeningOptions.Default with { Threshold = 0.9 });
        var current = Screened("casa", "Casa de Cuba", After);
        var never = Requested("never", "Northwind Traders");

        var report = PartyRescreening.Rescreen([never, current, otherSettings, byHand, byClearance], After, v => v == Before.Version ? Before : null);

        Assert.Equal(After.Version, report.ListVersion);
        Assert.Equal(["bnc", "cimex", "havana"], report.Rescreened.Select(r => r.PartyId));
        Assert.Equal([RescreenMethod.Delta, RescreenMethod.Full, RescreenMethod.Full], report.Rescreened.Select(r => r.Method));
        Assert.Equal(["casa"], report.UpToDate);
        Assert.Equal(["never"], report.NeverScreened);
        var full = ScreeningIndex.Build(After);
        foreach (var rescreened in report.Rescreened)
        {
            var expected = full.Screen(rescreened.Outcome.Result.Party);
            Assert.Equal(expected.Hits.Select(h => (h.EntryId, h.Score)), rescreened.Outcome.Result.Hits.Select(h => (h.EntryId, h.Score)));
            Assert.Equal(After.Version, rescreened.Outcome.Result.ListSetVersion);
        }
    }

    [Fact]
    public void Rescreen_WhenTheEarlierListSetIsNotStored_ScreensInFull()
    {
        var party = Screened("bnc", "Banco Nacional de Cuba", Before);

        var report = PartyRescreening.Rescreen([party], After, _ => null);

        var only = Assert.Single(report.Rescreened);
        Assert.Equal(RescreenMethod.Full, only.Method);
        Assert.Equal(Before.Version, only.FromVersion);
        Assert.False(only.Outcome.Changed, "the Banco Nacional de Cuba hits are on both lists");
    }

    private static LedgerParty Requested(string id, string name) =>
        new(new PartyRequested(id, name, [PartyRole.Customer], "CU", "CU", "trade", "none", new DateOnly(2026, 2, 1)), PartyStatus.Requested, null, null, null);

    private static LedgerParty Screened(string id, string name, ListSet lists, ScreeningOptions? options = null)
    {
        var party = Requested(id, name);
        var result = ScreeningIndex.Build(lists).Screen(party.ToScreened(), options);
        return party with { Status = PartyStatus.Screened, LastScreening = ScreeningOutcome.From(result) };
    }
}
