using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Clearance.Core.Units;
using Google.OrTools.Sat;

namespace Clearance.Planning;

/// <summary>Solver settings. Every solve is exact; the time limit only guards against a pathological instance.</summary>
public sealed record PlannerOptions
{
    /// <summary>The most one CP-SAT solve may take; a plan found by then is reported as feasible, not optimal.</summary>
    public TimeSpan TimeLimitPerSolve { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>CP-SAT search workers. One worker makes every solve deterministic.</summary>
    public int Workers { get; init; } = 1;
}

/// <summary>
/// Chooses integer accelerator counts with OR-Tools CP-SAT: the optimal mix for an objective, the cost–power–
/// domestic-share frontier, and for an infeasible request the minimal relaxation of each constraint.
/// All quantities are scaled to integers (centi-TFLOPS, tenths of GB and GB/s, cents, tenths of watts), so the
/// solver works exactly on the figures the catalog records to two decimals.
/// </summary>
public sealed class Planner(PlannerOptions? options = null)
{
    private const long ComputeScale = 100;      // centi-TFLOPS per TFLOPS
    private const long MemoryScale = 10;        // tenths of a GB (and of a GB/s)
    private const long PowerScale = 10;         // tenths of a watt
    private const long ShareScale = 10_000;     // basis points

    private readonly PlannerOptions _options = options ?? new PlannerOptions();

    public PlanOutcome Plan(CandidateSet candidates, PolicyContext policy, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var problem = new MixProblem(candidates.Candidates, policy, request);
        try
        {
            var (status, units) = Solve(problem.Build(ShareFloorBasisPoints(policy), request.Objective));
            if (units is not null)
            {
                return new PlanOutcome(status, problem.PlanOf(units), null, clock.Elapsed);
            }

            if (status == PlanStatus.Infeasible)
            {
                return new PlanOutcome(status, null, Explain(problem, policy, candidates.Blocked, request), clock.Elapsed);
            }

            return new PlanOutcome(status, null, null, clock.Elapsed);
        }
        catch (ModelTooLargeException)
        {
            return new PlanOutcome(PlanStatus.TooLarge, null, null, clock.Elapsed);
        }
    }

    /// <summary>
    /// About <paramref name="points"/> plans that trade cost against power against domestic share: for a few share
    /// floors from the policy's floor up to the highest reachable share, the cheapest plan, the lowest-power plan and
    /// the cheapest plans under power caps between them. Dominated plans are dropped.
    /// </summary>
    public Frontier Frontier(CandidateSet candidates, PolicyContext policy, ComputeTargets targets, int points = 20)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var clock = Stopwatch.StartNew();
        try
        {
            var plans = FrontierPoints(new MixProblem(candidates.Candidates, policy, new PlanRequest(targets)), ShareFloorBasisPoints(policy), points);
            var status = plans.IsEmpty ? PlanStatus.Infeasible : plans.All(p => p.Status == PlanStatus.Optimal) ? PlanStatus.Optimal : PlanStatus.Feasible;
            return new Frontier(status, plans, clock.Elapsed);
        }
        catch (ModelTooLargeException)
        {
            return new Frontier(PlanStatus.TooLarge, [], clock.Elapsed);
        }
    }

    private ImmutableArray<FrontierPoint> FrontierPoints(MixProblem problem, long floor, int points)
    {
        var highest = HighestShare(problem, floor, ShareScale);
        var found = new List<FrontierPoint>();
        if (highest is null)
        {
            return [];
        }

        var levels = (int)Math.Clamp(Math.Round(Math.Sqrt(points)), 1, points);
        if (highest.Value == floor)
        {
            levels = 1;
        }

        var perLevel = SplitEvenly(points, levels);
        for (var level = 0; level < levels; level++)
        {
            var share = levels == 1 ? floor : floor + ((highest.Value - floor) * level / (levels - 1));
            var budget = perLevel[level];
            var cheapest = SolveTieBroken(problem, share, PlanObjective.Cost, PlanObjective.Power);
            if (cheapest is null)
            {
                continue;
            }

            found.Add(new FrontierPoint(share / (double)ShareScale, cheapest.Value.Status, problem.PlanOf(cheapest.Value.Units)));
            if (budget < 2)
            {
                continue;
            }

            var frugal = SolveTieBroken(problem, share, PlanObjective.Power, PlanObjective.Cost);
            if (frugal is null)
            {
                continue;
            }

            found.Add(new FrontierPoint(share / (double)ShareScale, frugal.Value.Status, problem.PlanOf(frugal.Value.Units)));
            var high = problem.PowerOf(cheapest.Value.Units);
            var low = problem.PowerOf(frugal.Value.Units);
            for (var step = 1; step <= budget - 2 && high > low; step++)
            {
                var cap = low + ((high - low) * step / (budget - 1));
                if (SolveTieBroken(problem, share, PlanObjective.Cost, PlanObjective.Power, cap) is { } capped)
                {
                    found.Add(new FrontierPoint(share / (double)ShareScale, capped.Status, problem.PlanOf(capped.Units)));
                }
            }
        }

        return [.. NonDominated(found)];
    }

    private static long ShareFloorBasisPoints(PolicyContext policy) =>
        (long)Math.Ceiling(Math.Clamp(policy.DomesticShareFloor, 0, 1) * ShareScale - 1e-9);

    /// <summary>Minimises one objective, then the other with the first held at its optimum, so no tie is dominated.</summary>
    private (PlanStatus Status, long[] Units)? SolveTieBroken(MixProblem problem, long share, PlanObjective first, PlanObjective second, long? powerCap = null)
    {
        var (status, units) = Solve(problem.Build(share, first, powerCap: powerCap));
        if (units is null)
        {
            return null;
        }

        var best = first == PlanObjective.Cost ? problem.CostOf(units) : problem.PowerOf(units);
        var (secondStatus, secondUnits) = Solve(problem.Build(
            share,
            second,
            powerCap: first == PlanObjective.Power ? best : powerCap,
            costCap: first == PlanObjective.Cost ? best : null));
        return secondUnits is null ? (status, units) : (Worse(status, secondStatus), secondUnits);
    }

    private static PlanStatus Worse(PlanStatus a, PlanStatus b) => a == PlanStatus.Optimal ? b : a;

    private static IEnumerable<FrontierPoint> NonDominated(List<FrontierPoint> points)
    {
        var distinct = points
            .GroupBy(p => string.Join(",", p.Plan.Lines.Select(l => $"{l.ChipId}:{l.Units}")), StringComparer.Ordinal)
            .Select(g => g.MaxBy(p => p.DomesticShareFloor)!)
            .ToList();
        return distinct
            .Where(p => !distinct.Any(q => !ReferenceEquals(p, q) && Dominates(q.Plan, p.Plan)))
            .OrderBy(p => p.DomesticShareFloor)
            .ThenBy(p => p.Plan.TotalCost.Value);
    }

    private static bool Dominates(Plan a, Plan b) =>
        a.TotalCost.Value <= b.TotalCost.Value && a.PowerKilowatts <= b.PowerKilowatts && a.DomesticShare >= b.DomesticShare
        && (a.TotalCost.Value < b.TotalCost.Value || a.PowerKilowatts < b.PowerKilowatts || a.DomesticShare > b.DomesticShare);

    private static int[] SplitEvenly(int total, int parts) =>
        [.. Enumerable.Range(0, parts).Select(i => (total / parts) + (i < total % parts ? 1 : 0))];

    /// <summary>For each constraint alone, the least it must move for a plan to exist (every other constraint held).</summary>
    private Infeasibility Explain(MixProblem problem, PolicyContext policy, ImmutableArray<Candidate> blocked, PlanRequest request)
    {
        var floor = ShareFloorBasisPoints(policy);
        var relaxations = ImmutableArray.CreateBuilder<Relaxation>();
        foreach (var target in problem.ActiveTargets)
        {
            var model = problem.Build(floor, PlanObjective.Cost, relax: target.Kind);
            var (_, units) = Solve(model);
            var required = target.Required;
            if (units is null)
            {
                relaxations.Add(new Relaxation(target.Kind, null, target.Unit, required, null, null, false,
                    $"{target.Label}: relaxing this target alone is not enough; the other constraints cannot be met either"));
                continue;
            }

            var reachable = problem.TargetValueOf(target.Kind, units);
            var reached = Math.Min(reachable, required);
            relaxations.Add(new Relaxation(target.Kind, null, target.Unit, required, reached, required - reached, true,
                $"{target.Label}: at most {Number(reached)} {target.Unit} can be reached under the other constraints, {Number(required - reached)} {target.Unit} short of {Number(required)}"));
        }

        if (policy.ImportQuotaUnits is { } quota)
        {
            var (_, units) = Solve(problem.Build(floor, PlanObjective.Cost, relax: ConstraintKind.ImportQuota));
            relaxations.Add(units is null
                ? new Relaxation(ConstraintKind.ImportQuota, null, "units", quota, null, null, false, "import quota: relaxing the quota alone is not enough, however large it is")
                : new Relaxation(ConstraintKind.ImportQuota, null, "units", quota, problem.ImportedOf(units), problem.ImportedOf(units) - quota, true,
                    $"import quota: {problem.ImportedOf(units):N0} imported units are needed, {problem.ImportedOf(units) - quota:N0} more than the {quota:N0} left"));
        }

        if (floor > 0)
        {
            var highest = HighestShare(problem, 0, floor);
            relaxations.Add(highest is { } best
                ? new Relaxation(ConstraintKind.DomesticShareFloor, null, "share", floor / (double)ShareScale, best / (double)ShareScale, (floor - best) / (double)ShareScale, true,
                    $"domestic share: at most {best / (double)ShareScale:0.####} can be reached under the other constraints, below the floor of {floor / (double)ShareScale:0.####}")
                : new Relaxation(ConstraintKind.DomesticShareFloor, null, "share", floor / (double)ShareScale, null, null, false,
                    "domestic share: relaxing the floor alone is not enough, even down to 0"));
        }

        foreach (var index in problem.LimitedCandidates)
        {
            var candidate = problem.Candidates[index];
            var (_, units) = Solve(problem.Build(floor, PlanObjective.Cost, relax: ConstraintKind.Availability, relaxIndex: index));
            var supply = candidate.MaxUnitsBasis is null or "available" ? $"availability of {candidate.ChipId}" : $"quota of {candidate.ChipId} ({candidate.MaxUnitsBasis})";
            relaxations.Add(units is null
                ? new Relaxation(ConstraintKind.Availability, candidate.ChipId, "units", candidate.MaxUnits!.Value, null, null, false,
                    $"{supply}: more units alone are not enough")
                : new Relaxation(ConstraintKind.Availability, candidate.ChipId, "units", candidate.MaxUnits!.Value, units[index], units[index] - candidate.MaxUnits!.Value, true,
                    $"{supply}: {units[index]:N0} units are needed, {units[index] - candidate.MaxUnits!.Value:N0} more than the {candidate.MaxUnits!.Value:N0} available"));
        }

        // A chip only the policy excluded: would admitting it alone give a plan? The explanation names the rules.
        foreach (var chip in blocked)
        {
            var widened = new MixProblem(problem.Candidates.Add(chip), policy, request);
            var (_, units) = Solve(widened.Build(floor, PlanObjective.Cost));
            var used = units?[^1] ?? 0;
            relaxations.Add(units is null || used == 0
                ? new Relaxation(ConstraintKind.PolicyExclusion, chip.ChipId, "units", 0, null, null, false,
                    $"{chip.ChipId}, excluded by {string.Join(", ", chip.PolicyRules)}: admitting it alone is not enough")
                : new Relaxation(ConstraintKind.PolicyExclusion, chip.ChipId, "units", 0, used, used, true,
                    $"{chip.ChipId}, excluded by {string.Join(", ", chip.PolicyRules)}: admitting it alone would give a plan with {used:N0} units of it"));
        }

        return new Infeasibility(relaxations.ToImmutable());
    }

    /// <summary>The highest domestic share floor (basis points, searched in [low, high]) under which a plan exists.</summary>
    private long? HighestShare(MixProblem problem, long low, long high)
    {
        if (!Feasible(problem, low))
        {
            return null;
        }

        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (Feasible(problem, middle))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private bool Feasible(MixProblem problem, long shareBasisPoints)
    {
        var model = problem.Build(shareBasisPoints, objective: null);
        return Solve(model).Units is not null;
    }

    private (PlanStatus Status, long[]? Units) Solve((CpModel Model, IntVar[] Units) built)
    {
        using var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture, $"num_workers:{_options.Workers}, max_time_in_seconds:{_options.TimeLimitPerSolve.TotalSeconds}, random_seed:1"),
        };
        var status = solver.Solve(built.Model);
        var result = status switch
        {
            CpSolverStatus.Optimal => PlanStatus.Optimal,
            CpSolverStatus.Feasible => PlanStatus.Feasible,
            CpSolverStatus.Infeasible => PlanStatus.Infeasible,
            CpSolverStatus.ModelInvalid => throw new InvalidOperationException("The planner built an invalid CP-SAT model: " + built.Model.Validate()),
            _ => PlanStatus.Unknown,
        };
        if (result is PlanStatus.Infeasible or PlanStatus.Unknown)
        {
            return (result, null);
        }

        return (result, [.. built.Units.Select(u => solver.Value(u))]);
    }

    private static string Number(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>Raised inside the planner when a request cannot be held in 64-bit integers; reported as <see cref="PlanStatus.TooLarge"/>.</summary>
    private sealed class ModelTooLargeException : Exception
    {
    }

    /// <summary>A target in the model: its kind, label, unit, required amount and scaled coefficients.</summary>
    internal sealed record TargetRow(ConstraintKind Kind, string Label, string Unit, double Required, long ScaledRequired, long[] Coefficients, double UnitsPerScaled);

    /// <summary>The integer model of one request: coefficients, bounds, and builders for every variant the planner solves.</summary>
    internal sealed class MixProblem
    {
        private readonly long[] _cost;
        private readonly long[] _power;
        private readonly long[] _objectiveBlend;
        private readonly long[] _alone;
        private readonly long? _quota;

        public MixProblem(ImmutableArray<Candidate> candidates, PolicyContext policy, PlanRequest request)
        {
            Candidates = candidates;
            _quota = policy.ImportQuotaUnits;
            var targets = request.Targets;
            var rows = new List<TargetRow>();
            AddTarget(rows, ConstraintKind.DenseBf16Target, "dense BF16", "PFLOPS", targets.DenseBf16Petaflops, 1000 * ComputeScale, c => c.DenseBf16.Value, ComputeScale);
            AddTarget(rows, ConstraintKind.DenseFp8Target, "dense FP8", "PFLOPS", targets.DenseFp8Petaflops, 1000 * ComputeScale, c => c.DenseFp8.Value, ComputeScale);
            AddTarget(rows, ConstraintKind.HbmTarget, "memory capacity", "TB", targets.HbmTerabytes, 1000 * MemoryScale, c => c.Memory.Value, MemoryScale);
            AddTarget(rows, ConstraintKind.MemoryBandwidthTarget, "memory bandwidth", "TB/s", targets.MemoryBandwidthTerabytesPerSecond, 1000 * MemoryScale, c => c.MemoryBandwidth.Value, MemoryScale);
            ActiveTargets = [.. rows];
            _cost = [.. candidates.Select(c => (long)Math.Round(c.Price.Value * 100m))];
            _power = [.. candidates.Select(c => (long)Math.Round(c.SystemPower.Value * PowerScale))];
            var centsPerTenthWatt = request.BlendDollarsPerWatt * 100m / PowerScale;
            _objectiveBlend = [.. candidates.Select((c, i) => _cost[i] + (long)Math.Round(centsPerTenthWatt * _power[i]))];
            _alone = [.. Candidates.Select((c, i) => ActiveTargets
                .Where(row => row.Coefficients[i] > 0)
                .Select(row => CeilDiv(row.ScaledRequired, row.Coefficients[i]))
                .DefaultIfEmpty(0)
                .Max())];
            LimitedCandidates = [.. Enumerable.Range(0, candidates.Length).Where(i => candidates[i].MaxUnits is not null)];
        }

        public ImmutableArray<Candidate> Candidates { get; }

        public ImmutableArray<TargetRow> ActiveTargets { get; }

        public ImmutableArray<int> LimitedCandidates { get; }

        public (CpModel Model, IntVar[] Units) Build(
            long shareBasisPoints,
            PlanObjective? objective,
            long? powerCap = null,
            long? costCap = null,
            ConstraintKind? relax = null,
            int relaxIndex = -1)
        {
            var model = new CpModel();
            var bounds = UpperBounds(shareBasisPoints);
            CheckMagnitudes(bounds);
            var units = new IntVar[Candidates.Length];
            for (var i = 0; i < units.Length; i++)
            {
                var upper = bounds[i];
                if (Candidates[i].MaxUnits is { } max && !(relax == ConstraintKind.Availability && relaxIndex == i))
                {
                    upper = Math.Min(upper, max);
                }

                units[i] = model.NewIntVar(0, Math.Max(0, upper), Candidates[i].ChipId);
            }

            IntVar? slack = null;
            foreach (var row in ActiveTargets)
            {
                var sum = LinearExpr.WeightedSum(units, row.Coefficients);
                if (relax == row.Kind)
                {
                    slack = model.NewIntVar(0, row.ScaledRequired, "slack");
                    model.Add(sum + slack >= row.ScaledRequired);
                }
                else
                {
                    model.Add(sum >= row.ScaledRequired);
                }
            }

            var imported = LinearExpr.Sum(Enumerable.Range(0, units.Length).Where(i => !Candidates[i].IsDomestic).Select(i => (LinearExpr)units[i]));
            var domestic = LinearExpr.Sum(Enumerable.Range(0, units.Length).Where(i => Candidates[i].IsDomestic).Select(i => (LinearExpr)units[i]));
            if (_quota is { } quota)
            {
                if (relax == ConstraintKind.ImportQuota)
                {
                    slack = model.NewIntVar(0, bounds.Sum(), "slack");
                    model.Add(imported <= quota + slack);
                }
                else
                {
                    model.Add(imported <= quota);
                }
            }

            if (shareBasisPoints > 0)
            {
                // domestic / (domestic + imported) >= share  <=>  (1 - share) * domestic >= share * imported
                model.Add(((ShareScale - shareBasisPoints) * domestic) - (shareBasisPoints * imported) >= 0);
            }

            if (relax == ConstraintKind.Availability && relaxIndex >= 0)
            {
                slack = model.NewIntVar(0, bounds[relaxIndex], "slack");
                model.Add(units[relaxIndex] <= Candidates[relaxIndex].MaxUnits!.Value + slack);
            }

            if (powerCap is { } cap)
            {
                model.Add(LinearExpr.WeightedSum(units, _power) <= cap);
            }

            if (costCap is { } costLimit)
            {
                model.Add(LinearExpr.WeightedSum(units, _cost) <= costLimit);
            }

            if (slack is not null)
            {
                model.Minimize(slack);
            }
            else if (objective is { } goal)
            {
                model.Minimize(LinearExpr.WeightedSum(units, goal switch
                {
                    PlanObjective.Cost => _cost,
                    PlanObjective.Power => _power,
                    _ => _objectiveBlend,
                }));
            }

            return (model, units);
        }

        public long CostOf(long[] units) => Dot(units, _cost);

        public long PowerOf(long[] units) => Dot(units, _power);

        public long ImportedOf(long[] units) => Enumerable.Range(0, units.Length).Where(i => !Candidates[i].IsDomestic).Sum(i => units[i]);

        public double TargetValueOf(ConstraintKind kind, long[] units)
        {
            var row = ActiveTargets.First(r => r.Kind == kind);
            return Dot(units, row.Coefficients) / row.UnitsPerScaled;
        }

        public Plan PlanOf(long[] units)
        {
            var lines = ImmutableArray.CreateBuilder<PlanLine>();
            decimal cost = 0;
            double power = 0, bf16 = 0, fp8 = 0, memory = 0, bandwidth = 0;
            long total = 0, domestic = 0;
            for (var i = 0; i < units.Length; i++)
            {
                if (units[i] == 0)
                {
                    continue;
                }

                var c = Candidates[i];
                var n = units[i];
                cost += c.Price.Value * n;
                power += c.SystemPower.Value * n / 1000;
                bf16 += c.DenseBf16.Value * n / 1000;
                fp8 += c.DenseFp8.Value * n / 1000;
                memory += c.Memory.Value * n / 1000;
                bandwidth += c.MemoryBandwidth.Value * n / 1000;
                total += n;
                domestic += c.IsDomestic ? n : 0;
                lines.Add(new PlanLine(c.ChipId, c.Name, c.IsDomestic, n, c.Price, c.SystemPower, new UsDollars(c.Price.Value * n), c.SystemPower.Value * n / 1000, c.DenseBf16.Value * n / 1000, c.DenseFp8.Value * n / 1000));
            }

            return new Plan(lines.ToImmutable(), new UsDollars(cost), power, bf16, fp8, memory, bandwidth, total, domestic);
        }

        private void AddTarget(List<TargetRow> rows, ConstraintKind kind, string label, string unit, double required, long scale, Func<Candidate, double> figure, long figureScale)
        {
            if (required <= 0)
            {
                return;
            }

            var scaled = (long)Math.Ceiling((required * scale) - 1e-6);
            var coefficients = Candidates.Select(c => (long)Math.Floor((figure(c) * figureScale) + 1e-6)).ToArray();
            rows.Add(new TargetRow(kind, label, unit, required, scaled, coefficients, scale));
        }

        /// <summary>
        /// Bounds no optimal plan exceeds. An imported chip never needs more units than it takes to meet, alone, every
        /// target it counts toward (beyond that, one unit less still meets them and costs less). A domestic chip may
        /// also pad the domestic share, which at most takes share / (1 − share) times all the imported units.
        /// </summary>
        private long[] UpperBounds(long shareBasisPoints)
        {
            var alone = _alone;
            var importedTotal = Enumerable.Range(0, alone.Length).Where(i => !Candidates[i].IsDomestic).Sum(i => alone[i]);
            var padding = shareBasisPoints is > 0 and < ShareScale
                ? CeilDiv(shareBasisPoints * importedTotal, ShareScale - shareBasisPoints)
                : 0;
            return [.. alone.Select((a, i) => Candidates[i].IsDomestic ? Math.Max(a, padding) : a)];
        }

        /// <summary>Refuses a model whose sums could pass 10^18 (CP-SAT works in 64-bit integers and checks this too).</summary>
        private void CheckMagnitudes(long[] bounds)
        {
            const double Limit = 1e18;
            var rows = ActiveTargets.Select(r => r.Coefficients).Concat([_cost, _power, _objectiveBlend]);
            var units = bounds.Sum(b => (double)b);
            if (units * ShareScale > Limit || rows.Any(row => row.Select((c, i) => (double)c * bounds[i]).Sum() > Limit))
            {
                throw new ModelTooLargeException();
            }
        }

        private static long CeilDiv(long a, long b) => (a + b - 1) / b;

        private static long Dot(long[] units, long[] coefficients)
        {
            long sum = 0;
            for (var i = 0; i < units.Length; i++)
            {
                sum += units[i] * coefficients[i];
            }

            return sum;
        }
    }
}
