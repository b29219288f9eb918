using Clearance.Core.Screening;

namespace Clearance.Core.Tests.Screening;

public sealed class RescreeningTests
{
    private static readonly string[] Parties =
    [
        "Banco Nacional de Cuba", "Aerocaribbean Airlines", "Cimex Iberica", "Anglo Caribbean Co", "Havana International Bank",
        "Patricia Lucas Wheeler", "Casa de Cuba", "Boutique La Maison", "Cubanacan", "Empresa Cubana de Aviacion",
    ];

    [Fact]
    public void Rescreen_AfterAListUpdate_EqualsAFullScreeningAgainstTheNewLists()
    {
        var before = Fixture.Load("lists/ofac-sdn-2019");
        var after = Fixture.Load("lists/ofac-sdn-2021");
        var options = ScreeningOptions.Default with { MaxHits = 1000 };
        var previous = Parties.Select(p => ScreeningIndex.Build(before).Screen(new Party(p), options)).ToList();

        var rescreened = Rescreening.Rescreen(previous, after, ListDelta.Between(before, after), options);

        var full = ScreeningIndex.Build(after);
        foreach (var party in rescreened)
        {
            var expected = full.Screen(party.Result.Party, options);
            Assert.Equal(expected.Hits.Select(h => (h.EntryId, h.Score)), party.Result.Hits.Select(h => (h.EntryId, h.Score)));
            Assert.Equal(after.Version, party.Result.ListSetVersion);
        }
    }

    [Fact]
    public void Rescreen_WhenTheMatchedEntryIsRemoved_ReportsTheHitCleared()
    {
        var files = Fixture.Folder("lists/ofac-sdn-2021").ToList();
        var before = Clearance.Core.Screening.ListLoader.Load(files).Value;
        var trimmed = files.Select(f => f with { Text = string.Join('\n', f.Text.Split('\n').Where(l => !l.StartsWith("306,", StringComparison.Ordinal))) });
        var after = Clearance.Core.Screening.ListLoader.Load(trimmed).Value;
        var previous = ScreeningIndex.Build(before).Screen(new Party("Banco Nacional de Cuba"));

        var party = Assert.Single(Rescreening.Rescreen([previous], after, ListDelta.Between(before, after)));

        Assert.Contains(party.ClearedHits, h => h.EntryId == "ofac-sdn:306");
        Assert.DoesNotContain(party.Result.Hits, h => h.EntryId == "ofac-sdn:306");
    }

    [Fact]
    public void Rescreen_WhenAnAliasIsAdded_ReportsTheNewHit()
    {
        var files = Fixture.Folder("lists/ofac-sdn-2021").ToList();
        var before = Clearance.Core.Screening.ListLoader.Load(files).Value;
        var alt = files.Single(f => f.Name.EndsWith("alt.csv", StringComparison.Ordinal));
        files[files.IndexOf(alt)] = alt with { Text = alt.Text + "36,999999,\"aka\",\"SKYWARD CARGO TRADING\",-0- \n" };
        var after = Clearance.Core.Screening.ListLoader.Load(files).Value;
        var previous = ScreeningIndex.Build(before).Screen(new Party("Skyward Cargo Trading"));

        var party = Assert.Single(Rescreening.Rescreen([previous], after, ListDelta.Between(before, after)));

        Assert.Empty(previous.Hits);
        Assert.Equal("ofac-sdn:36", Assert.Single(party.NewHits).EntryId);
    }
}
