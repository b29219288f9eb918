using System.Collections.Immutable;
using Clearance.Core.Ledger;

namespace Clearance.Core.Tests.Ledger;

/// <summary>
/// The H200 trade of early 2026 as ledger commands, with the sources of its figures:
/// a BIS licence under the 2026-01-15 rule (91 FR 1684), China's approval of about 400,000 H200 shared by
/// ByteDance, Alibaba and Tencent with no per-firm split (Reuters via regulatory-facts.md [65][66]), the rule's
/// 50% China + Macau cap on US end-use volume ([30][32]), and the 25% Section 232 duty (Proclamation 11002, [36][40]).
/// </summary>
internal static class LedgerScenario
{
    public static readonly DateOnly Day = new(2026, 2, 2);

    public const string LicenceNumber = "BIS-H200-0001";
    public const string PoolId = "cn-2026-h200";
    public const string CapId = "h200-cn-mo-50pct";
    public const string Product = "nvidia-h200";
    public const string Order = "order-1";
    public const string UsOrder = "order-us";

    public static IEnumerable<LedgerCommand> Parties(params string[] ids)
    {
        foreach (var id in ids)
        {
            var country = id.StartsWith("us-", StringComparison.Ordinal) ? "US" : "CN";
            yield return new RequestParty(id, id + " Ltd.", [PartyRole.Customer, PartyRole.EndUser], country, country, "cloud", "model training", Day);
            yield return new RecordScreening(id, new ScreeningOutcome(false, "csl-2026-01-30", ""), Day);
            yield return new ApproveParty(id, "KYC file complete", Day, new DateOnly(2026, 12, 31));
        }
    }

    /// <summary>Approved parties, the licence, the pool, the cap and two decisions (China with 25% duty, US without).</summary>
    public static LedgerState Opened(long licenceUnits = 100_000, long poolUnits = 400_000)
    {
        LedgerCommand[] setup =
        [
            .. Parties("bytedance", "alibaba", "tencent", "us-cloud", "other-cn"),
            new GrantLicence(new LicenceGranted(LicenceNumber, "US-BIS", [], [Product], licenceUnits, licenceUnits * 30_000m, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 14), ["third-party test of each shipment", "KYC and no remote access"])),
            new OpenQuotaPool(new QuotaPoolOpened(PoolId, "CN", Product, ["bytedance", "alibaba", "tencent"], poolUnits, new DateOnly(2026, 1, 28), new DateOnly(2026, 12, 31), "regulatory-facts.md [65][66]: > 400,000 H200 approved for ByteDance, Alibaba and Tencent", "reported")),
            new SetVolumeCap(new VolumeCapSet(CapId, Product, ["CN", "MO"], 50m, "US", "91 FR 1684 (2026-01-15): China + Macau at most 50% of US end-use volume")),
            new RecordDecision(new OrderDecision(Order, "licence-required/case-by-case", Day, [new PackVersionRef("us-ear", "2026.1")], [new LevyObligation(LevyKind.Duty, "US CBP", 25m, "Proclamation 11002")])),
            new RecordDecision(new OrderDecision(UsOrder, "allowed", Day, [new PackVersionRef("us-ear", "2026.1")], [])),
        ];
        var outcome = TradeLedger.Decide(LedgerState.Empty, setup);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems));
        return outcome.State;
    }

    public static ReserveShipment ToChina(string key, long units, string endUser = "bytedance", bool shipNow = true, DateOnly? date = null) =>
        new(new ShipmentPlan(key, Order, endUser, endUser, "CN", Product, units, units * 30_000m, LicenceNumber, date ?? Day), shipNow);

    public static ReserveShipment ToUs(string key, long units) =>
        new(new ShipmentPlan(key, UsOrder, "us-cloud", "us-cloud", "US", Product, units, units * 30_000m, null, Day), true);

    /// <summary>State with US end-use shipments recorded, so that the 50% cap leaves room for China.</summary>
    public static LedgerState WithUsVolume(long usUnits, long licenceUnits = 100_000, long poolUnits = 400_000)
    {
        var outcome = TradeLedger.Decide(Opened(licenceUnits, poolUnits), ToUs("us-base", usUnits));
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems));
        return outcome.State;
    }

    public static ImmutableArray<string> Fields(LedgerOutcome outcome) => [.. outcome.Problems.Select(p => p.Field)];
}
