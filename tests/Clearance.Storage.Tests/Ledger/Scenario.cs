using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;

namespace Clearance.Storage.Tests.Ledger;

/// <summary>
/// The H200 trade as commands (figures from shared/reference/regulatory-facts.md): a BIS licence under the
/// 2026-01-15 rule, China's shared 2026 H200 pool for ByteDance, Alibaba and Tencent [65][66], the 50% China +
/// Macau cap on US end-use volume [30][32], and the 25% Section 232 duty [36][40].
/// </summary>
internal static class Scenario
{
    public static readonly DateOnly Day = new(2026, 2, 2);
    public static readonly LedgerActor Officer = new("officer-test", "officer");

    public const string LicenceNumber = "BIS-H200-0001";
    public const string Pool = "cn-2026-h200";
    public const string Cap = "h200-cn-mo-50pct";
    public const string Product = "nvidia-h200";
    public static readonly string[] Buyers = ["bytedance", "alibaba", "tencent"];

    public static IReadOnlyList<LedgerCommand> Setup(long licenceUnits, long poolUnits, long usUnits)
    {
        var commands = new List<LedgerCommand>();
        foreach (var id in Buyers.Append("us-cloud"))
        {
            var country = id == "us-cloud" ? "US" : "CN";
            commands.Add(new RequestParty(id, id + " Ltd.", [PartyRole.Customer, PartyRole.EndUser], country, country, "cloud", "model training", Day));
            commands.Add(new RecordScreening(id, new ScreeningOutcome(false, "csl-2026-01-30", ""), Day));
            commands.Add(new ApproveParty(id, "KYC file complete", Day, new DateOnly(2026, 12, 31)));
        }

        commands.Add(new GrantLicence(new LicenceGranted(LicenceNumber, "US-BIS", [], [Product], licenceUnits, licenceUnits * 30_000m, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 14), ["third-party test of each shipment"])));
        commands.Add(new OpenQuotaPool(new QuotaPoolOpened(Pool, "CN", Product, [.. Buyers], poolUnits, new DateOnly(2026, 1, 28), new DateOnly(2026, 12, 31), "regulatory-facts.md [65][66]", "reported")));
        commands.Add(new SetVolumeCap(new VolumeCapSet(Cap, Product, ["CN", "MO"], 50m, "US", "91 FR 1684")));
        commands.Add(new RecordDecision(new OrderDecision("order-cn", "licence-required/case-by-case", Day, [new PackVersionRef("us-ear", "2026.1")], [new LevyObligation(LevyKind.Duty, "US CBP", 25m, "Proclamation 11002")])));
        commands.Add(new RecordDecision(new OrderDecision("order-us", "allowed", Day, [new PackVersionRef("us-ear", "2026.1")], [])));
        commands.Add(ToUs("us-base", usUnits));
        return commands;
    }

    public static ReserveShipment ToChina(string key, long units, string endUser = "bytedance") =>
        new(new ShipmentPlan(key, "order-cn", endUser, endUser, "CN", Product, units, units * 30_000m, LicenceNumber, Day), true);

    public static ReserveShipment ToUs(string key, long units) =>
        new(new ShipmentPlan(key, "order-us", "us-cloud", "us-cloud", "US", Product, units, units * 30_000m, null, Day), true);
}
