using Clearance.Core.Policy;

namespace Clearance.Core.Tests.Policy;

public class WhatIfTests
{
    [Fact]
    public void Compare_TwoDates_ReportsTheH200RuleAsTheReasonForTheChange()
    {
        // Before 2026-01-15 H200 to China is presumption of denial; after, case by case [28][31].
        var order = Orders.Make("nvidia-h200-sxm", "CN", "2026-01-10", parent: "ByteDance");
        var library = ShippedData.Library;

        var report = WhatIf.Compare([order], new WhatIfSide("2026-01-10", library, new DateOnly(2026, 1, 10)), new WhatIfSide("2026-02-01", library, new DateOnly(2026, 2, 1)));

        var change = Assert.Single(report.Changes);
        Assert.Equal(Verdict.LicencePresumptionOfDenial, change.Before.Verdict);
        Assert.Equal(Verdict.LicenceCaseByCase, change.After.Verdict);
        Assert.Contains(change.Rules, r => r.RuleId == "ear-h200-case-by-case" && r.Before == RuleStatus.NotInForce && r.After == RuleStatus.Fired);
        Assert.Contains(change.Rules, r => r.RuleId == "ear-3a090-china-macau" && r.Before == RuleStatus.Fired && r.After == RuleStatus.Superseded);
        Assert.Equal([(Verdict.LicencePresumptionOfDenial, Verdict.LicenceCaseByCase, 1)], report.Transitions.ToArray());
    }

    [Fact]
    public void Compare_UnchangedOrders_AreNotReported()
    {
        var order = Orders.Make("nvidia-h100-sxm", "DE", "2024-01-10");
        var library = ShippedData.Library;

        var report = WhatIf.Compare([order, order], new WhatIfSide("a", library, new DateOnly(2024, 1, 10)), new WhatIfSide("b", library, new DateOnly(2026, 6, 1)));

        Assert.Equal(2, report.Orders);
        Assert.Empty(report.Changes);
    }

    [Fact]
    public void Compare_TwoPackSets_ReportsAChangedDutyEvenWhenTheVerdictStays()
    {
        var changed = ShippedData.Files("policy").Select(f => f with { Text = f.Text.Replace("rate_percent: 25", "rate_percent: 15", StringComparison.Ordinal) });
        var alternative = new PolicyLibrary(PolicySet.Parse(changed).Value, ShippedData.Library.Catalog, ShippedData.Library.Classification);
        var order = Orders.Make("nvidia-h200-sxm", "JP", "2026-02-01", usEntry: true);

        var report = WhatIf.Compare([order], new WhatIfSide("shipped", ShippedData.Library, null), new WhatIfSide("15%", alternative, null));

        var change = Assert.Single(report.Changes);
        Assert.False(change.VerdictChanged);
        Assert.Equal(60_000m, change.Before.Obligations.Single().Amount);
        Assert.Equal(36_000m, change.After.Obligations.Single().Amount);
    }
}
