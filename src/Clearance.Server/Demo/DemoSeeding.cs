using Clearance.Core.Policy;
using Clearance.Server.Ledger;
using Clearance.Server.Screening;
using Clearance.Storage.Ledger;

namespace Clearance.Server.Demo;

/// <summary>At start, after the ledger is migrated: seed the demo set into an empty ledger unless Clearance:DemoData is false.</summary>
public static partial class DemoSeeding
{
    public static WebApplication SeedDemoData(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue(LedgerServices.DemoDataKey, defaultValue: true))
        {
            return app;
        }

        var store = app.Services.GetRequiredService<LedgerStore>();
        var lists = app.Services.GetRequiredService<ListsInForce>().Current;
        var summary = DemoData.SeedIfEmpty(store, app.Services.GetRequiredService<PolicyLibrary>(), lists, app.Services.GetRequiredService<TimeProvider>());
        if (summary is not null)
        {
            var seeded = summary.ToString();
            var against = lists.IsSample ? "the SAMPLE lists shipped with Clearance" : $"lists {lists.Lists.Version}";
            DemoSeeded(app.Logger, seeded, against);
        }

        return app;
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Demo data seeded into the empty ledger by demo (system): {Summary}; parties screened against {Lists}. Set Clearance:DemoData=false to start empty.")]
    private static partial void DemoSeeded(ILogger logger, string summary, string lists);
}
