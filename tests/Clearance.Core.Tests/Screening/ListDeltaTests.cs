using Clearance.Core.Screening;

namespace Clearance.Core.Tests.Screening;

public sealed class ListDeltaTests
{
    [Fact]
    public void Between_Sdn2019And2021_AccountsForEveryEntryOfBoth()
    {
        var before = Fixture.Load("lists/ofac-sdn-2019");
        var after = Fixture.Load("lists/ofac-sdn-2021");

        var delta = ListDelta.Between(before, after);

        var beforeIds = before.Entries.Select(e => e.EntryId).ToHashSet();
        var afterIds = after.Entries.Select(e => e.EntryId).ToHashSet();
        Assert.Equal(afterIds.Except(beforeIds).Order(), delta.Added.Select(e => e.EntryId).Order());
        Assert.Equal(beforeIds.Except(afterIds).Order(), delta.Removed.Select(e => e.EntryId).Order());
        Assert.NotEmpty(delta.Added);
        Assert.All(delta.Changed, c => Assert.NotEmpty(c.Fields));
        Assert.Equal(before.Version, delta.FromVersion);
        Assert.Equal(after.Version, delta.ToVersion);
    }

    [Fact]
    public void Between_AListAndItself_IsEmpty()
    {
        var lists = Fixture.AllLists();

        Assert.True(ListDelta.Between(lists, lists).IsEmpty);
    }

    [Fact]
    public void Between_AfterRenamingAnAlias_ReportsThatEntryAsChangedInItsAliases()
    {
        var files = Fixture.Folder("lists/ofac-sdn-2021").ToList();
        var before = ListLoader.Load(files).Value;
        var alt = files.Single(f => f.Name.EndsWith("alt.csv", StringComparison.Ordinal));
        files[files.IndexOf(alt)] = alt with { Text = alt.Text.Replace("\"AERO-CARIBBEAN\"", "\"AERO CARIBE\"", StringComparison.Ordinal) };

        var delta = ListDelta.Between(before, ListLoader.Load(files).Value);

        var changed = Assert.Single(delta.Changed);
        Assert.Equal("ofac-sdn:36", changed.After.EntryId);
        Assert.Equal(["aliases"], changed.Fields);
        Assert.Empty(delta.Added);
        Assert.Empty(delta.Removed);
    }

    [Fact]
    public void Between_AfterDroppingAnEntry_ReportsItRemoved()
    {
        var files = Fixture.Folder("lists/ofac-sdn-2021").ToList();
        var before = ListLoader.Load(files).Value;
        for (var i = 0; i < files.Count; i++)
        {
            var kept = files[i].Text.Split('\n').Where(l => !l.StartsWith("36,", StringComparison.Ordinal));
            files[i] = files[i] with { Text = string.Join('\n', kept) };
        }

        var delta = ListDelta.Between(before, ListLoader.Load(files).Value);

        Assert.Equal("ofac-sdn:36", Assert.Single(delta.Removed).EntryId);
    }
}
