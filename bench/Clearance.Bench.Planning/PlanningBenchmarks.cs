using BenchmarkDotNet.Attributes;
using Clearance.Planning;
using Clearance.Storage.Files;

namespace Clearance.Bench.Planning;

/// <summary>
/// The planner on the full shipped catalog on 2026-03-01 (15 candidate chips) with every constraint at once: dense BF16,
/// dense FP8, memory and bandwidth targets, an import quota, a domestic-share floor and availability caps. The baseline
/// is the same catalog with the BF16 target alone, measured in the same run.
/// </summary>
[MemoryDiagnoser]
public class PlanningBenchmarks
{
    private static readonly ComputeTargets AllTargets = new(DenseBf16Petaflops: 300, DenseFp8Petaflops: 200, HbmTerabytes: 60, MemoryBandwidthTerabytesPerSecond: 1_500);

    // Beyond what 100 imported units can give (100 × 2,614.9 TFLOPS FP8 at best), so the explanation runs.
    private static readonly ComputeTargets TightTargets = AllTargets with { DenseFp8Petaflops = 300 };

    // An approved H200 buyer, so the H200 is a candidate under the China pack [65][66].
    private const string Buyer = "ByteDance";

    private readonly Planner _planner = new();
    private CandidateSet _simple = null!;
    private PolicyContext _simplePolicy = null!;
    private CandidateSet _constrained = null!;
    private PolicyContext _constrainedPolicy = null!;
    private PolicyContext _tightPolicy = null!;
    private CandidateSet _tight = null!;
    private Core.Policy.PolicyLibrary _library = null!;
    private PlanningData _tables = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = DataDirectory.Locate();
        var library = data.LoadPolicyLibrary().Value;
        var catalog = library.Catalog;
        var tables = PlanningDataParser.Parse(data.ReadPlanningFiles().Value, catalog).Value;
        _library = library;
        _tables = tables;
        var asOf = new DateOnly(2026, 3, 1);
        var commercial = tables.Sector("commercial")!;
        var availability = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["huawei-ascend-910c"] = 600,
            ["huawei-ascend-910b"] = 2_000,
            ["nvidia-h200-sxm"] = 400,
            ["amd-mi300x"] = 150,
        };

        _simplePolicy = ImportPolicy.Derive(library, tables, commercial, Buyer, asOf, importQuotaUnits: null, domesticShareFloor: 0);
        _simple = CandidateSets.Build(catalog, tables, _simplePolicy);
        _constrainedPolicy = ImportPolicy.Derive(library, tables, commercial, Buyer, asOf, importQuotaUnits: 800, domesticShareFloor: 0.5);
        _constrained = CandidateSets.Build(catalog, tables, _constrainedPolicy, availability);
        _tightPolicy = ImportPolicy.Derive(library, tables, commercial, Buyer, asOf, importQuotaUnits: 100, domesticShareFloor: 0.8);
        _tight = CandidateSets.Build(catalog, tables, _tightPolicy, availability);
        if (_planner.Plan(_constrained, _constrainedPolicy, new PlanRequest(AllTargets)).Status != PlanStatus.Optimal
            || _planner.Plan(_tight, _tightPolicy, new PlanRequest(TightTargets)).Status != PlanStatus.Infeasible)
        {
            throw new InvalidOperationException("The benchmark cases no longer have the shape they claim; fix the setup.");
        }
    }

    [Benchmark(Baseline = true, Description = "plan, BF16 target only")]
    public Plan? PlanBf16Only() => _planner.Plan(_simple, _simplePolicy, new PlanRequest(new ComputeTargets(300))).Plan;

    [Benchmark(Description = "plan, all constraints, cost")]
    public Plan? PlanAllConstraintsCost() => _planner.Plan(_constrained, _constrainedPolicy, new PlanRequest(AllTargets)).Plan;

    [Benchmark(Description = "plan, all constraints, power")]
    public Plan? PlanAllConstraintsPower() => _planner.Plan(_constrained, _constrainedPolicy, new PlanRequest(AllTargets, PlanObjective.Power)).Plan;

    [Benchmark(Description = "plan, all constraints, blend")]
    public Plan? PlanAllConstraintsBlend() => _planner.Plan(_constrained, _constrainedPolicy, new PlanRequest(AllTargets, PlanObjective.Blend)).Plan;

    [Benchmark(Description = "infeasible + explanation")]
    public Infeasibility? Infeasible() => _planner.Plan(_tight, _tightPolicy, new PlanRequest(TightTargets)).Infeasibility;

    [Benchmark(Description = "policy context: 45 chips through the policy engine")]
    public PolicyContext DerivePolicy() => ImportPolicy.Derive(_library, _tables, _tables.Sector("commercial")!, Buyer, new DateOnly(2026, 3, 1), importQuotaUnits: 800, domesticShareFloor: 0.5);

    [Benchmark(Description = "20-point frontier, all constraints")]
    public Frontier Frontier20() => _planner.Frontier(_constrained, _constrainedPolicy, AllTargets, points: 20);
}
