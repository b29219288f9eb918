using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Clearance.Server.Ledger;

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
        services.TryAddSingleton(services => services.GetRequiredService<Hosting.ReferenceData>().ListsInForce);
        return services;
    }
}
