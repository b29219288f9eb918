using Clearance.Core.Ledger;
using Clearance.Core.Policy;

namespace Clearance.Planning.Tests;

/// <summary>
/// The planner's policy context comes from the policy engine: one order per chip for the buyer on the date. Each row
/// cites the fact-sheet sources (../shared/reference/regulatory-facts.md, [n]) the expectation rests on.
/// </summary>
public class ImportPolicyTests
{
    [Theory]
    // H200: US presumption of denial until the case-by-case review of exports from the US (91 FR 1684, 2026-01-15) [28][30][32]
    [InlineData("nvidia-h200-sxm", "2025-12-01", "commercial", "ByteDance", false, "ear-3a090-china-macau")]
    // China: pause (2026-01-07..13), customs "not permitted" (01-14..27), approved buyers from 01-28 [60][61][65]
    [InlineData("nvidia-h200-sxm", "2026-01-10", "commercial", "ByteDance", false, "cn-h200-pause")]
    [InlineData("nvidia-h200-sxm", "2026-01-20", "commercial", "ByteDance", false, "cn-h200-not-permitted")]
    [InlineData("nvidia-h200-sxm", "2026-02-01", "commercial", "ByteDance", true, "cn-h200-approved-buyers")]
    [InlineData("nvidia-h200-sxm", "2026-02-01", "commercial", "Example Cloud", false, "cn-h200-other-buyers-wait")]
    // Blackwell withheld whatever the buyer [25][47]
    [InlineData("nvidia-b200", "2026-03-01", "commercial", "ByteDance", false, "ear-advanced-architectures-excluded")]
    // H20: the April 2025 is-informed letters [23]; licences resume with the 15% arrangement from 2025-08-11 [24]
    [InlineData("nvidia-h20", "2025-03-01", "commercial", "Example Cloud", true, null)]
    [InlineData("nvidia-h20", "2025-06-01", "commercial", "Example Cloud", false, "ear-is-informed-2025-04")]
    [InlineData("nvidia-h20", "2025-09-01", "commercial", "Example Cloud", true, "ear-h20-15-percent")]
    // H20 under China's guidance: discouraged for government work from 2025-08-12 [52][53]
    [InlineData("nvidia-h20", "2025-09-01", "government", "Example Agency", false, "cn-h20-government-discouraged")]
    // State-funded new data centres: domestic chips only from 2025-11-05 [57]
    [InlineData("nvidia-l20", "2025-11-04", "state-funded-datacentre", "Example Province DC", true, null)]
    [InlineData("nvidia-l20", "2025-11-05", "state-funded-datacentre", "Example Province DC", false, "cn-state-funded-dc-domestic-only")]
    [InlineData("huawei-ascend-910b", "2025-12-01", "state-funded-datacentre", "Example Province DC", true, null)]
    // Critical-infrastructure core computing: no foreign chips from 2026-01-14 (unverified extension of [64]); domestic chips untouched
    [InlineData("nvidia-l20", "2026-01-13", "critical-infrastructure-core", "Example Grid", true, null)]
    [InlineData("nvidia-l20", "2026-01-14", "critical-infrastructure-core", "Example Grid", false, "cn-critical-infrastructure-imports-excluded")]
    [InlineData("huawei-ascend-910c", "2026-03-01", "critical-infrastructure-core", "Example Grid", true, null)]
    public void RulingFor_ChipDateSectorAndBuyer_IsThePolicyEnginesVerdict(string chip, string asOf, string sector, string buyer, bool mayUse, string? rule)
    {
        // Act
        var ruling = Shipped.Policy(asOf, sector, buyer: buyer).RulingFor(chip);

        // Assert
        Assert.True(mayUse == ruling.MayUse, $"{chip} on {asOf} for {sector}/{buyer}: {ruling.Reason}");
        if (rule is not null)
        {
            Assert.Contains(rule, ruling.Rules);
            Assert.Contains(rule, ruling.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RulingFor_EveryChipOnEveryPolicyDate_MayBeUsedExactlyWhenTheCombinedVerdictIsAtMostCaseByCase()
    {
        // Arrange: every date on which a rule enters or leaves force, and the day before
        var dates = Shipped.Library.Rules
            .SelectMany(r => new[] { r.Rule.EffectiveFrom, r.Rule.EffectiveFrom.AddDays(-1) })
            .Distinct()
            .ToList();
        var sector = Shipped.Planning.Sector("commercial")!;

        foreach (var date in dates)
        {
            // Act
            var policy = ImportPolicy.Derive(Shipped.Library, Shipped.Planning, sector, "ByteDance", date, null, 0);

            // Assert: the mapping of the engine's own decision, chip by chip
            foreach (var chip in Shipped.Catalog.Accelerators)
            {
                var decision = PolicyEvaluator.Evaluate(ImportPolicy.OrderFor(chip, Shipped.Planning, sector, "ByteDance", date, 0), date, Shipped.Library);
                var ruling = policy.RulingFor(chip.Id);
                Assert.Equal(decision.Verdict, ruling.Verdict);
                Assert.Equal(decision.Verdict <= Verdict.LicenceCaseByCase, ruling.MayUse);
                if (!ruling.MayUse)
                {
                    Assert.NotEmpty(ruling.Rules);
                }
            }
        }
    }

    [Fact]
    public void Candidates_H200ForAnApprovedBuyer_PaysTheSection232DutyTheDecisionStates()
    {
        // Arrange: Proclamation 11002, 25% on entries of window-1 chips from 2026-01-15 [36][37]; entered for US testing [41]
        var policy = Shipped.Policy("2026-03-01", buyer: "ByteDance");
        var listed = Shipped.Planning.Prices["nvidia-h200-sxm"].PerChip.Value;

        // Act
        var set = Shipped.Candidates(policy);
        var h200 = set.Candidates.Single(c => c.ChipId == "nvidia-h200-sxm");
        var h100 = set.Candidates.Single(c => c.ChipId == "nvidia-h100-sxm");

        // Assert: the duty is the decision's amount (25% of the price, to the cent), the H100 (3,350 GB/s) is outside the window
        Assert.Equal(Math.Round(listed * 0.25m, 2, MidpointRounding.ToEven), h200.Price.Value - listed);
        Assert.Contains("s232-duty-25", h200.PriceBasis, StringComparison.Ordinal);
        Assert.Equal(Shipped.Planning.Prices["nvidia-h100-sxm"].PerChip.Value, h100.Price.Value);
        Assert.Contains(h200.Conditions, c => c.Kind == "third-party-testing" && c.RuleId == "ear-h200-case-by-case");
    }

    [Fact]
    public void Candidates_H20AfterAugust2025_CarriesThe15PercentLevy()
    {
        // Arrange: 15% of China revenue to the US Government from 2025-08-11 [24]; the order value stands in for revenue
        var listed = Shipped.Planning.Prices["nvidia-h20"].PerChip.Value;

        // Act
        var h20 = Shipped.Candidates(Shipped.Policy("2025-09-01")).Candidates.Single(c => c.ChipId == "nvidia-h20");

        // Assert
        Assert.Equal(listed * 1.15m, h20.Price.Value);
        Assert.Contains("ear-h20-15-percent", h20.PriceBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidates_H200WithoutALedger_IsCappedAtThePacksPoolFigure()
    {
        // Arrange: about 400,000 H200 for ByteDance, Alibaba and Tencent together [65][66]
        var policy = Shipped.Policy("2026-03-01", buyer: "ByteDance");

        // Act
        var h200 = Shipped.Candidates(policy).Candidates.Single(c => c.ChipId == "nvidia-h200-sxm");

        // Assert
        Assert.Equal(400_000, h200.MaxUnits);
        Assert.Contains("cn-h200-2026-01-28", h200.MaxUnitsBasis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ByteDance", 50)]      // the party's name
    [InlineData("bytedance", 50)]      // the party's ledger id
    [InlineData("Tencent", 0)]         // approved by the pack, but the ledger's pool does not name it
    public void Candidates_H200WithALedger_IsCappedAtWhatThePoolHasLeftForTheBuyer(string buyer, long left)
    {
        // Arrange: a pool of 400,000 with 399,950 used
        var ledger = Ledger(("cn-2026-h200", "H200", 400_000, 399_950, ["bytedance"]));

        // Act
        var h200 = Shipped.Candidates(Shipped.Policy("2026-03-01", buyer: buyer, ledger: ledger)).Candidates.Single(c => c.ChipId == "nvidia-h200-sxm");

        // Assert
        Assert.Equal(left, h200.MaxUnits);
    }

    [Fact]
    public void Candidates_H200WithALedgerThatHasNoPool_IsCappedAtZero()
    {
        // Act: the pack says the H200 draws on a pool; the ledger, the system of record, has none open
        var h200 = Shipped.Candidates(Shipped.Policy("2026-03-01", buyer: "ByteDance", ledger: LedgerState.Empty)).Candidates.Single(c => c.ChipId == "nvidia-h200-sxm");

        // Assert
        Assert.Equal(0, h200.MaxUnits);
        Assert.Contains("no quota pool open", h200.MaxUnitsBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidates_EveryCatalogChip_IsEitherACandidateOrExcludedWithAReason()
    {
        // Act
        var set = Shipped.Candidates(Shipped.Policy("2026-03-01"));

        // Assert: nothing is silently dropped; chips only the policy removed are kept aside for explanations
        Assert.Equal(Shipped.Catalog.Count, set.Candidates.Length + set.Excluded.Length);
        Assert.All(set.Excluded, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Equal(set.Excluded.Where(e => !e.Rules.IsEmpty).Select(e => e.ChipId), set.Blocked.Select(c => c.ChipId));
    }

    [Fact]
    public void Candidates_AscendWithoutBf16Rate_UsesFp16AndSaysSo()
    {
        // Act
        var ascend = Shipped.Candidates(Shipped.Policy("2026-03-01")).Candidates.Single(c => c.ChipId == "huawei-ascend-910b");

        // Assert
        Assert.Equal(320, ascend.DenseBf16.Value);
        Assert.True(ascend.IsDomestic);
        Assert.Contains(ascend.Assumptions, a => a.Contains("FP16", StringComparison.Ordinal));
    }

    private static LedgerState Ledger(params (string Id, string Product, long Total, long Used, string[] Buyers)[] pools)
    {
        var from = new DateOnly(2026, 1, 28);
        var state = LedgerState.Empty.ApplyAll(
        [
            new PartyRequested("bytedance", "ByteDance", [PartyRole.Customer], "CN", "CN", "cloud", "datacenter", from),
            new PartyRequested("tencent", "Tencent", [PartyRole.Customer], "CN", "CN", "cloud", "datacenter", from),
        ]);
        foreach (var (id, product, total, used, buyers) in pools)
        {
            var opening = new QuotaPoolOpened(id, "CN", product, [.. buyers], total, from, new DateOnly(2026, 12, 31), "[65][66]", "reported");
            state = state with { QuotaPools = state.QuotaPools.SetItem(id, new QuotaPool(opening, 0, used)) };
        }

        return state;
    }
}
