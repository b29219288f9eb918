using System.Globalization;
using Clearance.Core.Policy;
using static Clearance.Core.Policy.Verdict;

namespace Clearance.Core.Tests.Policy;

/// <summary>
/// Chip × destination × party × date → verdicts and obligations under the shipped packs. Every row names the
/// fact-sheet sources (../shared/reference/regulatory-facts.md, [n]) its expectation rests on. The default order is
/// 8 units at 30,000 USD (240,000 USD), exported from the United States to a commercial cloud data centre.
/// </summary>
public class RegulatoryScenarioTests
{
    /// <param name="Name">The scenario in words.</param>
    /// <param name="Order">The order.</param>
    /// <param name="Combined">Expected combined verdict.</param>
    /// <param name="Us">Expected US verdict.</param>
    /// <param name="Cn">Expected China verdict.</param>
    /// <param name="Obligations">Expected obligations as "kind" or "kind=amount", in any order.</param>
    /// <param name="Source">Fact-sheet sources.</param>
    public sealed record Scenario(string Name, Order Order, Verdict Combined, Verdict Us, Verdict Cn, string[] Obligations, string Source);

    private static Order O(string product, string destination, string date, Func<Order, Order>? change = null, string exportOrigin = "US",
        string customer = "Example Cloud Ltd", string? customerCountry = null, string? headquarters = null, string? parent = null,
        string? parentCountry = null, string sector = "cloud", string endUse = "datacenter", bool stateOwned = false, bool usEntry = false,
        string hts = "8471.80", string[]? listHits = null)
    {
        var order = Orders.Make(product, destination, date, exportOrigin, customer, customerCountry, headquarters, parent, parentCountry,
            sector, endUse, stateOwned, usEntry: usEntry, hts: hts, listHits: listHits);
        return change is null ? order : change(order);
    }

    public static readonly IReadOnlyList<Scenario> All =
    [
        // October 2022 rule
        new("A100 to China under the October 2022 rule", O("nvidia-a100-sxm", "CN", "2022-12-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[4][16]"),
        new("A800 (400 GB/s I/O) to China before November 2023", O("nvidia-a800-sxm", "CN", "2023-03-01"), Allowed, Allowed, Allowed, [], "[4][69]"),
        new("H800 (400 GB/s I/O) to China before November 2023", O("nvidia-h800-sxm", "CN", "2023-03-01"), Allowed, Allowed, Allowed, [], "[4][69]"),
        new("A100 to Macau after Macau was added", O("nvidia-a100-sxm", "MO", "2023-03-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[16]"),
        new("A100 to Macau before Macau was added", O("nvidia-a100-sxm", "MO", "2022-11-01"), Allowed, Allowed, Allowed, [], "[16]"),

        // October 2023 rule: 3A090.a/.b, D:1/D:4/D:5, NAC/ACA, headquarters
        new("H800 to China under the 2023 TPP/PD rule", O("nvidia-h800-sxm", "CN", "2023-12-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[1][15][34]"),
        new("H100 to China in 2024", O("nvidia-h100-sxm", "CN", "2024-06-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[1][34]"),
        new("H100 to Germany in 2024", O("nvidia-h100-sxm", "DE", "2024-06-01"), Allowed, Allowed, Allowed, [], "[13]"),
        new("H100 (data-centre 3A090.a) to the UAE (D:4) needs a licence", O("nvidia-h100-sxm", "AE", "2024-06-01"), LicenceCaseByCase, LicenceCaseByCase, Allowed, [], "[8][13]"),
        new("RTX 4090 (consumer 3A090.a) to the UAE under ACA", O("nvidia-rtx-4090", "AE", "2024-06-01"), Allowed, Allowed, Allowed, [], "[9][11]"),
        new("RTX 4090 to China under NAC, after notifying BIS", O("nvidia-rtx-4090", "CN", "2024-06-01"), Allowed, Allowed, Allowed, ["prior-notification"], "[8][10][11]"),
        new("RTX 4090 to the UAE before the NAC/ACA split needs NAC notification", O("nvidia-rtx-4090", "AE", "2024-02-01"), Allowed, Allowed, Allowed, ["prior-notification"], "[9]"),
        new("RTX 4090D (TPP 4,707) to China", O("nvidia-rtx-4090d", "CN", "2024-06-01"), Allowed, Allowed, Allowed, [], "[11][81]"),
        new("L20 (TPP 1,912) to China", O("nvidia-l20", "CN", "2024-06-01"), Allowed, Allowed, Allowed, [], "[72]"),
        new("H100 to Malaysia for a China-headquartered customer", O("nvidia-h100-sxm", "MY", "2024-06-01", headquarters: "CN"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[13][14][15]"),
        new("H100 to a Singapore subsidiary whose ultimate parent is in China", O("nvidia-h100-sxm", "SG", "2026-07-01", parent: "ByteDance", parentCountry: "CN"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[43][44]"),
        new("H100 to a Singapore company with a US parent", O("nvidia-h100-sxm", "SG", "2026-07-01", parent: "Example Inc", parentCountry: "US"), Allowed, Allowed, Allowed, [], "[13][14]"),
        new("Ascend 910B sold inside China is not subject to the EAR", O("huawei-ascend-910b", "CN", "2024-06-01", exportOrigin: "CN"), Allowed, Allowed, Allowed, [], "[19][86]"),

        // Entity List
        new("H100 to a German party on the Entity List", O("nvidia-h100-sxm", "DE", "2024-06-01", listHits: ["entity-list"]), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[19]"),
        new("L20 (no 3A090) to an Entity List party still needs a licence", O("nvidia-l20", "DE", "2024-06-01", listHits: ["entity-list"]), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[19]"),
        new("H20 to an Entity List party in China after August 2025", O("nvidia-h20", "CN", "2025-09-01", listHits: ["entity-list"]), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[19][24]"),

        // April 2025 letters and the 15% arrangement
        new("H20 to China before the April 2025 letters", O("nvidia-h20", "CN", "2025-03-01"), Allowed, Allowed, Allowed, [], "[23][72]"),
        new("H20 to China after the April 2025 letters", O("nvidia-h20", "CN", "2025-05-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[23]"),
        new("H20 to Hong Kong after the April 2025 letters", O("nvidia-h20", "HK", "2025-05-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[23]"),
        new("MI308X to China after the April 2025 letters, though its figures are unknown", O("amd-mi308x", "CN", "2025-05-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[23]"),
        new("H20 to China under the 15% arrangement", O("nvidia-h20", "CN", "2025-09-01"), LicenceApproval, LicenceApproval, Allowed, ["levy=36000.00"], "[24][13]"),
        new("MI308X to China under the 15% arrangement is held: its 3A090 status is unknown", O("amd-mi308x", "CN", "2025-09-01"), HoldForReview, HoldForReview, Allowed, ["levy=36000.00"], "[24][13]"),
        new("H20 to China for government work is discouraged in China", O("nvidia-h20", "CN", "2025-09-01", sector: "government"), HoldForReview, LicenceApproval, HoldForReview, ["levy=36000.00"], "[52][53]"),
        new("RTX Pro 6000D ordered by ByteDance after the CAC order", O("nvidia-rtx-pro-6000d", "CN", "2025-10-01", parent: "ByteDance"), Prohibited, HoldForReview, Prohibited, [], "[54][55]"),

        // H200 rule (2026-01-15), Blackwell exclusion
        new("H200 to China after the December 2025 announcement but before the rule", O("nvidia-h200-sxm", "CN", "2025-12-20", parent: "ByteDance"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[25][28]"),
        new("H200 from the US to ByteDance in China after 2026-01-28, entered in the US for testing", O("nvidia-h200-sxm", "CN", "2026-02-01", parent: "ByteDance", usEntry: true), LicenceCaseByCase, LicenceCaseByCase, LicenceApproval,
            ["third-party-testing", "know-your-customer", "volume-cap", "certification", "duty=60000.00", "volume-cap", "certification"], "[28][29][36][65]"),
        new("H200 reexported to China from Taiwan stays presumption of denial", O("nvidia-h200-sxm", "CN", "2026-02-01", exportOrigin: "TW", parent: "ByteDance"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, LicenceApproval, ["volume-cap", "certification"], "[31][32][65]"),
        new("H200 to China for military end use", O("nvidia-h200-sxm", "CN", "2026-02-01", parent: "ByteDance", endUse: "military", sector: "military"), Prohibited, LicencePresumptionOfDenial, Prohibited, [], "[29][64]"),
        new("H200 to a state-owned buyer in China", O("nvidia-h200-sxm", "CN", "2026-02-01", parent: "ByteDance", stateOwned: true), Prohibited, LicenceCaseByCase, Prohibited,
            ["third-party-testing", "know-your-customer", "volume-cap", "certification"], "[29][64]"),
        new("H200 to a Chinese buyer outside the approved three", O("nvidia-h200-sxm", "CN", "2026-02-01", parent: "Baidu"), HoldForReview, LicenceCaseByCase, HoldForReview,
            ["third-party-testing", "know-your-customer", "volume-cap", "certification"], "[29][66]"),
        new("H200 to ByteDance while customs said 'not permitted'", O("nvidia-h200-sxm", "CN", "2026-01-20", parent: "ByteDance"), Prohibited, LicenceCaseByCase, Prohibited,
            ["third-party-testing", "know-your-customer", "volume-cap", "certification"], "[29][61]"),
        new("H200 to ByteDance during the January 2026 pause, before the BIS rule", O("nvidia-h200-sxm", "CN", "2026-01-10", parent: "ByteDance"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, HoldForReview, [], "[28][60]"),
        new("MI325X from the US to China after 2026-01-15, entered in the US", O("amd-mi325x", "CN", "2026-02-01", usEntry: true), LicenceCaseByCase, LicenceCaseByCase, Allowed,
            ["third-party-testing", "know-your-customer", "volume-cap", "certification", "duty=60000.00"], "[30][32][37][38]"),
        new("H100, a lesser equivalent, from the US to China after 2026-01-15", O("nvidia-h100-sxm", "CN", "2026-02-01"), LicenceCaseByCase, LicenceCaseByCase, Allowed,
            ["third-party-testing", "know-your-customer", "volume-cap", "certification"], "[30][32]"),
        new("Gaudi 3 (TPP 29,360, above the H200 ceiling) to China after 2026-01-15", O("intel-gaudi3", "CN", "2026-02-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[30][32][85]"),
        new("B200 (Blackwell) to China in 2026", O("nvidia-b200", "CN", "2026-02-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[25][26][76]"),
        new("RTX Pro 6000D (Blackwell, below the 1,400 GB/s line) to a Chinese buyer in 2026 is held: its figures are unknown", O("nvidia-rtx-pro-6000d", "CN", "2026-02-01", parent: "Kuaishou"), HoldForReview, HoldForReview, Allowed, [], "[54][47]"),
        new("B30A (Blackwell, figures unknown) to China in 2026", O("nvidia-b30a", "CN", "2026-02-01"), LicencePresumptionOfDenial, LicencePresumptionOfDenial, Allowed, [], "[47][48]"),

        // Section 232
        new("H200 entered for a US data centre is exempt from the duty", O("nvidia-h200-sxm", "US", "2026-02-01", usEntry: true), Allowed, Allowed, Allowed, [], "[37]"),
        new("H200 entered for US research is exempt from the duty", O("nvidia-h200-sxm", "US", "2026-02-01", usEntry: true, endUse: "research"), Allowed, Allowed, Allowed, [], "[37]"),
        new("H200 entered in the US and re-exported to Japan pays the 25% duty", O("nvidia-h200-sxm", "JP", "2026-02-01", usEntry: true), Allowed, Allowed, Allowed, ["duty=60000.00"], "[37][41]"),
        new("H200 entered the day before the proclamation took effect", O("nvidia-h200-sxm", "JP", "2026-01-14", usEntry: true), Allowed, Allowed, Allowed, [], "[36][40]"),
        new("MI300X (5,300 GB/s) is in neither duty window", O("amd-mi300x", "JP", "2026-02-01", usEntry: true), Allowed, Allowed, Allowed, [], "[37][84]"),
        new("H200 entered as a bare IC (HTS 8542.31) is held: coverage unclear", O("nvidia-h200-sxm", "JP", "2026-02-01", usEntry: true, hts: "8542.31"), HoldForReview, HoldForReview, Allowed, [], "[37][38]"),
        new("Duty on a larger order is 25% of its value", O("nvidia-h200-sxm", "JP", "2026-03-01", o => o with { Quantity = 1000, UnitValue = 31_999.99m }, usEntry: true), Allowed, Allowed, Allowed, ["duty=7999997.50"], "[36][37]"),

        // China: state-funded data centres
        new("H20 for a state-funded data centre under 30% complete", O("nvidia-h20", "CN", "2025-12-01", o => o with { StateFundedProject = true, ProjectCompletionPercent = 10 }), Prohibited, LicenceApproval, Prohibited, ["levy=36000.00"], "[57][24]"),
        new("H20 for a state-funded data centre 50% complete", O("nvidia-h20", "CN", "2025-12-01", o => o with { StateFundedProject = true, ProjectCompletionPercent = 50 }), HoldForReview, LicenceApproval, HoldForReview, ["levy=36000.00"], "[57][24]"),
        new("Ascend 910B for a state-funded data centre under 30% complete", O("huawei-ascend-910b", "CN", "2025-12-01", o => o with { StateFundedProject = true, ProjectCompletionPercent = 10 }, exportOrigin: "CN"), Allowed, Allowed, Allowed, [], "[57]"),
        new("H20 for a state-funded data centre before the November 2025 rule", O("nvidia-h20", "CN", "2025-10-01", o => o with { StateFundedProject = true, ProjectCompletionPercent = 10 }), LicenceApproval, LicenceApproval, Allowed, ["levy=36000.00"], "[57][24]"),

        // China: critical-infrastructure core computing (reported for the H200 [64], extended to every foreign chip: unverified)
        new("H20 for critical-infrastructure core computing after 2026-01-14", O("nvidia-h20", "CN", "2026-02-01", o => o with { CriticalInfrastructure = true }), Prohibited, LicenceApproval, Prohibited, ["levy=36000.00"], "[64][61][24]"),
        new("H20 for critical-infrastructure core computing before 2026-01-14", O("nvidia-h20", "CN", "2026-01-13", o => o with { CriticalInfrastructure = true }), LicenceApproval, LicenceApproval, Allowed, ["levy=36000.00"], "[64][61][24]"),
        new("Ascend 910B for critical-infrastructure core computing", O("huawei-ascend-910b", "CN", "2026-02-01", o => o with { CriticalInfrastructure = true }, exportOrigin: "CN"), Allowed, Allowed, Allowed, [], "[64]"),
    ];

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_Scenario_GivesTheVerdictsAndObligationsItsSourcesDescribe(string name)
    {
        // Arrange
        var scenario = All.Single(s => s.Name == name);

        // Act
        var decision = PolicyEvaluator.Evaluate(scenario.Order, scenario.Order.OrderDate, ShippedData.Library);

        // Assert
        var why = $"{scenario.Source}\n" + string.Join("\n", decision.Rules.Where(r => r.Status is RuleStatus.Fired or RuleStatus.Undetermined or RuleStatus.Superseded).Select(r => $"{r.Rule.Id}: {r.Status}: {r.Reason}"));
        Assert.True(scenario.Us == decision.VerdictOf("US"), $"US: expected {scenario.Us.Key()}, got {decision.VerdictOf("US").Key()}\n{why}");
        Assert.True(scenario.Cn == decision.VerdictOf("CN"), $"CN: expected {scenario.Cn.Key()}, got {decision.VerdictOf("CN").Key()}\n{why}");
        Assert.True(scenario.Combined == decision.Verdict, $"combined: expected {scenario.Combined.Key()}, got {decision.Verdict.Key()}\n{why}");
        Assert.Equal(scenario.Obligations.Order(StringComparer.Ordinal), decision.Obligations.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scenarios_AreAtLeastFortyAndEachCitesASource()
    {
        Assert.True(All.Count >= 40, $"{All.Count} scenarios");
        Assert.All(All, s => Assert.Matches(@"^(\[\d+\])+$", s.Source));
        Assert.Equal(All.Count, All.Select(s => s.Name).Distinct().Count());
    }

    private static string Describe(ObligationDue due)
    {
        var kind = due.Obligation.Kind switch
        {
            ObligationKind.PriorNotification => "prior-notification",
            ObligationKind.ThirdPartyTesting => "third-party-testing",
            ObligationKind.KnowYourCustomer => "know-your-customer",
            ObligationKind.VolumeCap => "volume-cap",
            var other => other.ToString().ToLowerInvariant(),
        };
        return due.Amount is { } amount ? $"{kind}={amount.ToString("0.00", CultureInfo.InvariantCulture)}" : kind;
    }
}
