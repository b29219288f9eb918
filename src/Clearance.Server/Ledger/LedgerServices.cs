using Clearance.Core.Screening;
using Clearance.Storage.Files;
using Clearance.Storage.Screening;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearance.Server.Ledger;

/// <summary>
/// The restricted-party lists in force for the server: the active set of the list store, else the sample excerpts
/// shipped in the data directory (old and incomplete; the start-up log says so). Built once, on first use.
/// </summary>
public sealed class ScreeningLists(Lazy<(ListSet Lists, ScreeningIndex Index, bool IsSample)> load)
{
    public ListSet Lists => load.Value.Lists;

    public ScreeningIndex Index => load.Value.Index;

    /// <summary>True when no lists are loaded and the shipped samples stand in.</summary>
    public bool IsSample => load.Value.IsSample;

    /// <summary>Screens a ledger party by its name and country against the lists in force.</summary>
    public ScreeningResult Screen(Core.Ledger.Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return Index.Screen(new Core.Screening.Party(party.Request.Name) { Reference = party.Id, Country = party.Request.Country });
    }

    public static ScreeningLists Locate(string? home, string dataDirectory) => new(new Lazy<(ListSet, ScreeningIndex, bool)>(() =>
    {
        var store = ListStore.Locate(home);
        if (store.ReadState() is { Succeeded: true, Value.Active: { } active } && store.Load(active) is { Succeeded: true } loaded)
        {
            return (loaded.Value, ScreeningIndex.Build(loaded.Value), false);
        }

        var files = ListStore.ReadFiles([Path.Combine(dataDirectory, "lists", "sample")]);
        var lists = files.Succeeded ? ListLoader.Load(files.Value) : Core.Parsing.ParseResult<ListSet>.Failure(files.Problems);
        if (!lists.Succeeded)
        {
            throw new InvalidDataException("The sample screening lists did not load: " + string.Join("; ", lists.Problems));
        }

        return (lists.Value, ScreeningIndex.Build(lists.Value), true);
    }));
}

/// <summary>Registers what the ledger API needs besides the ledger itself: the policy library orders are decided under, and the screening lists.</summary>
public static class LedgerServices
{
    /// <summary>The configuration key that turns demo seeding off ("false").</summary>
    public const string DemoDataKey = "Clearance:DemoData";

    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataPath = configuration["Clearance:DataDirectory"];
        var home = configuration["Clearance:Home"];
        services.TryAddSingleton(_ =>
        {
            var library = DataDirectory.Locate(dataPath).LoadPolicyLibrary();
            return library.Succeeded
                ? library.Value
                : throw new InvalidDataException($"The policy packs have {library.Problems.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", library.Problems));
        });
        services.TryAddSingleton(_ => ScreeningLists.Locate(home, DataDirectory.Locate(dataPath).Root));
        return services;
    }
}
