namespace Clearance.Planning.Tests;

/// <summary>The default policy context on real chips and dates. Each row cites the fact-sheet source it rests on.</summary>
public class DefaultPolicyTests
{
    [Theory]
    // H200 rule 2026-00789 (91 FR 1684): H200-class exports to China reviewed case by case from 2026-01-15 [28][30][32]
    [InlineData("nvidia-h200-sxm", "2025-12-01", "commercial", false)]
    [InlineData("nvidia-h200-sxm", "2026-03-01", "commercial", true)]
    // Blackwell excluded: B200 TPP ≈ 36,000 is above the window's TPP < 21,000 [25][47][77]
    [InlineData("nvidia-b200", "2026-03-01", "commercial", false)]
    // H20: caught by the April 2025 is-informed letters [23]; inside the H200 window from 2026-01-15
    [InlineData("nvidia-h20", "2025-03-01", "commercial", true)]
    [InlineData("nvidia-h20", "2025-06-01", "commercial", false)]
    [InlineData("nvidia-h20", "2026-03-01", "commercial", true)]
    // Domestic chips are not imports; sector rules do not touch them [57][64]
    [InlineData("huawei-ascend-910c", "2026-03-01", "critical-infrastructure-core", true)]
    [InlineData("huawei-ascend-910b", "2025-12-01", "state-funded-datacentre", true)]
    // State-funded new data centres: domestic chips only from 2025-11-05 [57]
    [InlineData("nvidia-l20", "2025-11-04", "state-funded-datacentre", true)]
    [InlineData("nvidia-l20", "2025-11-05", "state-funded-datacentre", false)]
    // Critical infrastructure: no imported chips under the reported H200 conditions [64]
    [InlineData("nvidia-h200-sxm", "2026-03-01", "critical-infrastructure-core", false)]
    public void RulingFor_ChipDateAndSector_FollowsTheRules(string chip, string asOf, string sector, bool mayUse)
    {
        // Act
        var policy = Shipped.Policy(asOf, sector);

        // Assert
        var ruling = policy.RulingFor(chip);
        Assert.True(mayUse == ruling.MayUse, $"{chip} on {asOf} for {sector}: {ruling.Reason}");
        Assert.False(string.IsNullOrWhiteSpace(ruling.Reason));
    }

    [Fact]
    public void RulingFor_ChipWithUnknownFigures_IsNotClearedAndSaysWhy()
    {
        // Act: the MI308X has no published figures, so no rule can be decided for it
        var ruling = Shipped.Policy("2026-03-01").RulingFor("amd-mi308x");

        // Assert
        Assert.False(ruling.MayUse);
        Assert.Contains("figures unknown", ruling.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidates_EveryCatalogChip_IsEitherACandidateOrExcludedWithAReason()
    {
        // Act
        var set = Shipped.Candidates(Shipped.Policy("2026-03-01"));

        // Assert: nothing is silently dropped
        Assert.Equal(Shipped.Catalog.Count, set.Candidates.Length + set.Excluded.Length);
        Assert.All(set.Excluded, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
    }

    [Fact]
    public void Candidates_AscendWithoutBf16Rate_UsesFp16AndSaysSo()
    {
        // Act
        var ascend = Shipped.Candidates(Shipped.Policy("2026-03-01")).Candidates.Single(c => c.ChipId == "huawei-ascend-910b");

        // Assert
        Assert.Equal(320, ascend.DenseBf16.Value);
        Assert.Contains(ascend.Assumptions, a => a.Contains("FP16", StringComparison.Ordinal));
    }

    [Fact]
    public void Candidates_H200FromTheReviewWindow_CarriesTheSection232Duty()
    {
        // Arrange: Proclamation 11002, 25% on H200-class entries from 2026-01-15 (window 1: 14,000 < TPP < 17,500 and
        // 4,500 < DRAM < 5,000 GB/s) [36][37]; the H100 SXM (3,350 GB/s) is outside the window
        var set = Shipped.Candidates(Shipped.Policy("2026-03-01"));
        var listed = Shipped.Planning.Prices["nvidia-h200-sxm"].PerChip.Value;

        // Act
        var h200 = set.Candidates.Single(c => c.ChipId == "nvidia-h200-sxm");
        var h100 = set.Candidates.Single(c => c.ChipId == "nvidia-h100-sxm");

        // Assert
        Assert.Equal(Math.Round(listed * 1.25m, 2), h200.Price.Value);
        Assert.Contains("25% Sec. 232 duty window 1", h200.PriceBasis, StringComparison.Ordinal);
        Assert.Equal(Shipped.Planning.Prices["nvidia-h100-sxm"].PerChip.Value, h100.Price.Value);
    }

    [Fact]
    public void RulingFor_DomesticChip_OwesNoDuty()
    {
        // Act
        var ruling = Shipped.Policy("2026-03-01").RulingFor("huawei-ascend-910c");

        // Assert
        Assert.Equal(0, ruling.DutyPercent);
    }
}
