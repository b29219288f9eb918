using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Clearance.Server.Tests.Pages;

/// <summary>
/// A small ledger written through LedgerStore.Append as the server would: the 2026 H200 trade
/// (BIS licence, China's pool shared by three buyers [65][66], the 50% cap of 91 FR 1684, the 25% duty of
/// Proclamation 11002), orders decided in three months, and parties at every step of approval — one with two
/// screening hits waiting for review.
/// </summary>
internal static class LedgerSeed
{
    public static readonly DateOnly Day = new(2026, 2, 2);

    public static readonly LedgerActor Setup = new("seed", "officer");

    public const string HitParty = "acme-trading";

    public const string CleanParty = "clean-co";

    public static ScreenedHit SdnHit { get; } = new("ofac-sdn:9001", "OFAC SDN", "ACME TRADING LIMITED", "Acme Trading Ltd", 0.93)
    {
        Tokens = [new RecordedTokenEvidence("acme", "acme", 1.0, 1.0, "distinctive"), new RecordedTokenEvidence("trading", "trading", 1.0, 0.35, "common")],
        Notes = ["legal form 'ltd' set aside"],
    };

    public static ScreenedHit EntityHit { get; } = new("bis-el:4711", "BIS Entity List", "Acme Trade Company", "Acme Trade Co", 0.81)
    {
        Tokens = [new RecordedTokenEvidence("acme", "acme", 1.0, 1.0, "distinctive"), new RecordedTokenEvidence("trading", "trade", 0.8, 0.35, "common")],
    };

    public static LedgerStore Store(this ClearanceFactory factory) => factory.Services.GetRequiredService<LedgerStore>();

    public static void Seed(ClearanceFactory factory)
    {
        var store = factory.Store();
        List<LedgerCommand> commands = [];
        foreach (var (id, name, country) in new[] { ("bytedance", "ByteDance Ltd.", "CN"), ("alibaba", "Alibaba Cloud", "CN"), ("tencent", "Tencent Cloud", "CN"), ("us-cloud", "US Cloud Inc.", "US") })
        {
            commands.Add(new RequestParty(id, name, [PartyRole.Customer, PartyRole.EndUser], country, country, "cloud", "model training", Day));
            commands.Add(new RecordScreening(id, new ScreeningOutcome(false, "lists-0a1b2c3d4e5f", ""), Day));
            commands.Add(new ApproveParty(id, "KYC file complete", Day, new DateOnly(2026, 12, 31)));
        }

        commands.Add(new RequestParty(HitParty, "Acme Trading Ltd", [PartyRole.Consignee], "HK", "CN", "distribution", "resale", Day));
        commands.Add(new RecordScreening(HitParty, new ScreeningOutcome(true, "lists-0a1b2c3d4e5f", "2 hits") { Hits = [SdnHit, EntityHit] }, Day));
        commands.Add(new RequestParty(CleanParty, "Clean Compute Co", [PartyRole.EndUser], "SG", "SG", "research", "university cluster", Day));
        commands.Add(new RecordScreening(CleanParty, new ScreeningOutcome(false, "lists-0a1b2c3d4e5f", ""), Day));
        commands.Add(new RequestParty("late-co", "Late Co", [PartyRole.EndUser], "CN", "CN", "cloud", "inference", Day));
        commands.Add(new RequestParty("refused-co", "Refused Co", [PartyRole.EndUser], "CN", "CN", "defence", "unknown", Day));
        commands.Add(new RecordScreening("refused-co", new ScreeningOutcome(false, "lists-0a1b2c3d4e5f", ""), Day));
        commands.Add(new RejectParty("refused-co", "military end use declared", Day));

        commands.Add(new GrantLicence(new LicenceGranted("BIS-H200-0001", "US-BIS", [], ["nvidia-h200"], 10_000, 300_000_000m, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 14), ["third-party test of each shipment"])));
        commands.Add(new OpenQuotaPool(new QuotaPoolOpened("cn-2026-h200", "CN", "nvidia-h200", ["bytedance", "alibaba", "tencent"], 400_000, new DateOnly(2026, 1, 28), new DateOnly(2026, 12, 31), "regulatory-facts.md [65][66]", "reported")));
        commands.Add(new SetVolumeCap(new VolumeCapSet("h200-cn-mo-50pct", "nvidia-h200", ["CN", "MO"], 50m, "US", "91 FR 1684")));
        commands.Add(new RecordDecision(new OrderDecision("SO-US-1", "allowed", Day, [new PackVersionRef("us-ear-advanced-computing", "2026.1")], [])));
        commands.Add(new RecordDecision(new OrderDecision("SO-CN-1", "licence-required/case-by-case", Day, [new PackVersionRef("us-ear-advanced-computing", "2026.1"), new PackVersionRef("cn-import-controls", "2026.1")], [new LevyObligation(LevyKind.Duty, "US CBP", 25m, "Proclamation 11002")])
        {
            Jurisdictions = [new JurisdictionVerdictRef("US", "licence-required/case-by-case", "ear-h200-case-by-case"), new JurisdictionVerdictRef("CN", "allowed", "")],
            Obligations = [new ObligationRef("duty", "Section 232 duty on advanced computing chips", 25m, 7_500_000m, "USD", "US CBP", "us-section-232@2026.1", "s232-window-1")],
            Product = "nvidia-h200",
            Destination = "CN",
        }));
        commands.Add(new RecordDecision(new OrderDecision("SO-CN-2", "licence-required/case-by-case", new DateOnly(2026, 3, 10), [new PackVersionRef("us-ear-advanced-computing", "2026.1")], [new LevyObligation(LevyKind.Duty, "US CBP", 25m, "Proclamation 11002")])));
        commands.Add(new RecordDecision(new OrderDecision("SO-CN-3", "licence-required/presumption-of-denial", new DateOnly(2026, 3, 12), [new PackVersionRef("us-ear-advanced-computing", "2026.1")], [])));
        commands.Add(new RecordDecision(new OrderDecision("SO-CN-4", "prohibited", new DateOnly(2026, 4, 1), [new PackVersionRef("us-ear-advanced-computing", "2026.1")], [])));
        commands.Add(new ReserveShipment(new ShipmentPlan("us-1", "SO-US-1", "us-cloud", "us-cloud", "US", "nvidia-h200", 4_000, 120_000_000m, null, Day), ShipNow: true));
        commands.Add(new ReserveShipment(new ShipmentPlan("cn-1", "SO-CN-1", "bytedance", "bytedance", "CN", "nvidia-h200", 1_000, 30_000_000m, "BIS-H200-0001", Day), ShipNow: true));
        commands.Add(new ReserveShipment(new ShipmentPlan("cn-2", "SO-CN-2", "tencent", "tencent", "CN", "nvidia-h200", 500, 15_000_000m, "BIS-H200-0001", new DateOnly(2026, 3, 11)), ShipNow: false));

        var result = store.Append(commands, Setup);
        Assert.True(result.Succeeded, string.Join("\n", result.Outcome.Problems));
    }
}
