using Clearance.Core.Screening;
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

    /// <summary>The lists the server loaded at start (see <see cref="Hosting.ReferenceData"/>): one index for every screening.</summary>
    public static ScreeningLists From(Screening.ScreeningLists lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return new(new Lazy<(ListSet, ScreeningIndex, bool)>(() => (lists.Lists, lists.Index, lists.Origin == Screening.ListOrigin.Sample)));
    }
}

/// <summary>Registers what the ledger API needs besides the ledger itself: the policy library orders are decided under, and the screening lists.</summary>
public static class LedgerServices
{
    /// <summary>The configuration key that turns demo seeding off ("false").</summary>
    public const string DemoDataKey = "Clearance:DemoData";

    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The policy library and the lists are the ones loaded and checked at start, shared with evaluation and screening.
        services.TryAddSingleton(services => services.GetRequiredService<Hosting.ReferenceData>().Policy);
        services.TryAddSingleton(services => ScreeningLists.From(services.GetRequiredService<Hosting.ReferenceData>().Lists));
        return services;
    }
}
