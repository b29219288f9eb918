using System.CommandLine;
using System.Globalization;
using Clearance.Cli.Catalog;
using Clearance.Cli.Output;
using Clearance.Cli.Policy;
using Clearance.Core.Ledger;
using Clearance.Planning;
using Clearance.Storage.Files;
using Clearance.Storage.Ledger;
using Spectre.Console;

namespace Clearance.Cli.Planning;

/// <summary>
/// `clearance plan --target-pflops 300 --domestic-share 0.5 --as-of 2026-03-01 [--objective cost|power|blend] [--frontier 20]`:
/// the optimal accelerator mix under the policy on a date, the cost–power–domestic-share frontier, or why no mix exists.
/// </summary>
internal static class PlanCommand
{
    /// <summary>Exit code when the request is valid but no mix meets it; the output says which constraint binds.</summary>
    public const int Infeasible = 3;

    public static Command Create(CliContext context)
    {
        var bf16 = new Option<double>("--target-pflops") { Description = "Dense BF16 compute to reach, PFLOPS." };
        var fp8 = new Option<double>("--fp8-pflops") { Description = "Dense FP8 compute to reach, PFLOPS (chips without FP8 count for nothing)." };
        var hbm = new Option<double>("--hbm-tb") { Description = "Accelerator memory capacity to reach, TB." };
        var bandwidth = new Option<double>("--bandwidth-tbps") { Description = "Aggregate memory bandwidth to reach, TB/s." };
        var share = new Option<double>("--domestic-share") { Description = "Floor on the share of domestic (CN-designed) accelerators, by units, 0 to 1." };
        var quota = new Option<long?>("--quota") { Description = "Import quota left, in accelerator units (default: no quota)." };
        var sector = new Option<string>("--sector")
        {
            Description = "The buyer's sector, from data/planning/sectors.yaml: commercial, state-funded-datacentre, critical-infrastructure-core, government.",
            DefaultValueFactory = _ => "commercial",
        };
        var buyer = new Option<string?>("--buyer") { Description = "The buyer (customer and ultimate parent) the policy packs and quota pools name, e.g. ByteDance; default: an unnamed buyer." };
        var ledger = new Option<string?>("--ledger") { Description = "Take the quota pools left for the buyer from this ledger (SQLite path or PostgreSQL connection string); default: the packs' pool figures." };
        var policyFolder = EvaluateCommand.PolicyOption();
        var objective = new Option<PlanObjective>("--objective")
        {
            Description = "What to minimise: cost (purchase price), power (all-in watts) or blend (price + watts x --dollars-per-watt).",
            DefaultValueFactory = _ => PlanObjective.Cost,
        };
        var dollarsPerWatt = new Option<decimal>("--dollars-per-watt")
        {
            Description = "Price of one watt in the blend objective (default 3.5: five years at 0.08 USD/kWh).",
            DefaultValueFactory = _ => 3.5m,
        };
        var available = new Option<string[]>("--available") { Description = "Units that can be had of a chip, CHIP=N (repeatable)." };
        var frontier = new Option<int>("--frontier") { Description = "Instead of one plan, about N plans on the cost–power–domestic-share frontier." };
        var asOf = CliContext.AsOfOption();
        var format = CliContext.FormatOption();
        var command = new Command("plan", "Plan the cheapest or lowest-power accelerator mix under import rules, quota and domestic-share floor on a date.")
        {
            bf16, fp8, hbm, bandwidth, share, quota, sector, buyer, ledger, policyFolder, objective, dollarsPerWatt, available, frontier, asOf, format,
        };
        command.SetAction(parse => Run(context, new Arguments(
            parse.GetValue(CliContext.DataOption),
            new ComputeTargets(parse.GetValue(bf16), parse.GetValue(fp8), parse.GetValue(hbm), parse.GetValue(bandwidth)),
            parse.GetValue(share),
            parse.GetValue(quota),
            parse.GetValue(sector) ?? "commercial",
            parse.GetValue(buyer),
            parse.GetValue(ledger),
            parse.GetValue(policyFolder),
            parse.GetValue(objective),
            parse.GetValue(dollarsPerWatt),
            parse.GetValue(available) ?? [],
            parse.GetValue(frontier),
            parse.GetValue(asOf),
            parse.GetValue(format))));
        return command;
    }

    private sealed record Arguments(
        string? DataPath,
        ComputeTargets Targets,
        double Share,
        long? Quota,
        string Sector,
        string? Buyer,
        string? Ledger,
        string? PolicyFolder,
        PlanObjective Objective,
        decimal DollarsPerWatt,
        string[] Available,
        int Frontier,
        string? AsOf,
        OutputFormat Format);

    private static int Run(CliContext context, Arguments args)
    {
        if (context.AsOf(args.AsOf) is not { } asOf || Validate(context, args) is not { } availability)
        {
            return CliApplication.UsageError;
        }

        if (EvaluateCommand.LoadLibrary(context, args.DataPath, args.PolicyFolder) is not { } library)
        {
            return CliApplication.InputError;
        }

        var catalog = library.Catalog;
        var data = DataDirectory.Locate(args.DataPath);
        var files = data.ReadPlanningFiles();
        var tables = files.Succeeded ? PlanningDataParser.Parse(files.Value, catalog) : Core.Parsing.ParseResult<PlanningData>.Failure(files.Problems);
        if (!tables.Succeeded)
        {
            return context.Fail("the planning tables did not load", tables.Problems);
        }

        if (tables.Value.Sector(args.Sector) is null)
        {
            context.Error.WriteLine($"error: --sector: '{args.Sector}' is not a sector; use one of: {string.Join(", ", tables.Value.Sectors.Select(s => s.Id))}");
            return CliApplication.UsageError;
        }

        var unknown = availability.Keys.Where(id => catalog.Find(id) is null).ToList();
        if (unknown.Count > 0)
        {
            foreach (var name in unknown)
            {
                CatalogCommands.Find(context, catalog, name);
            }

            return CliApplication.InputError;
        }

        var byId = availability.ToDictionary(kv => catalog.Find(kv.Key)!.Id, kv => kv.Value, StringComparer.Ordinal);
        LedgerState? ledgerState = null;
        if (args.Ledger is not null)
        {
            ledgerState = ReadLedger(context, args.Ledger);
            if (ledgerState is null)
            {
                return CliApplication.InputError;
            }
        }

        var (policy, candidates) = PlanningInputs.Prepare(library, tables.Value, args.Sector, asOf, args.Quota, args.Share, byId, args.Buyer, ledgerState)!;
        var planner = new Planner();
        var request = new PlanRequest(args.Targets, args.Objective) { BlendDollarsPerWatt = args.DollarsPerWatt };
        if (args.Frontier > 0)
        {
            var points = planner.Frontier(candidates, policy, args.Targets, args.Frontier);
            if (points.Status == PlanStatus.TooLarge)
            {
                return TooLarge(context);
            }

            Write(context, args, policy, candidates, request, null, points);
            return points.Points.IsEmpty ? Infeasible : 0;
        }

        var outcome = planner.Plan(candidates, policy, request);
        if (outcome.Status == PlanStatus.TooLarge)
        {
            return TooLarge(context);
        }

        Write(context, args, policy, candidates, request, outcome, null);
        return outcome.Plan is null ? Infeasible : 0;
    }

    /// <summary>The ledger's state, or null after saying why it could not be read. A missing SQLite file is an error, not a new ledger.</summary>
    private static LedgerState? ReadLedger(CliContext context, string connection)
    {
        try
        {
            var database = LedgerDatabase.Parse(connection);
            if (database.FilePath is { } file && !File.Exists(file))
            {
                context.Error.WriteLine($"error: --ledger: no ledger at {file}");
                return null;
            }

            return new LedgerStore(database, context.Clock).ReadState();
        }
        catch (ArgumentException e)
        {
            context.Error.WriteLine($"error: --ledger: {e.Message}");
            return null;
        }
        catch (LedgerStorageException e)
        {
            context.Error.WriteLine($"error: --ledger: {e.Message}");
            return null;
        }
    }

    private static int TooLarge(CliContext context)
    {
        context.Error.WriteLine("error: the request is too large to solve exactly (the unit counts it implies overflow 64-bit sums); lower the targets or --domestic-share, or cap supply with --available CHIP=N");
        return CliApplication.InputError;
    }

    /// <summary>Checks the numbers and parses --available; null (after printing why) when something is wrong.</summary>
    private static Dictionary<string, long>? Validate(CliContext context, Arguments args)
    {
        var errors = new List<string>();
        var targets = args.Targets;
        foreach (var (name, value) in new[] { ("--target-pflops", targets.DenseBf16Petaflops), ("--fp8-pflops", targets.DenseFp8Petaflops), ("--hbm-tb", targets.HbmTerabytes), ("--bandwidth-tbps", targets.MemoryBandwidthTerabytesPerSecond) })
        {
            if (value < 0 || !double.IsFinite(value) || value > 1e7)
            {
                errors.Add($"{name}: {value.ToString(CultureInfo.InvariantCulture)} must be between 0 and 10,000,000");
            }
        }

        if (targets.IsEmpty)
        {
            errors.Add("give at least one target: --target-pflops, --fp8-pflops, --hbm-tb or --bandwidth-tbps");
        }

        if (args.Share is < 0 or > 1 || double.IsNaN(args.Share))
        {
            errors.Add($"--domestic-share: {args.Share.ToString(CultureInfo.InvariantCulture)} must be between 0 and 1 (0.5 = half the units domestic)");
        }

        if (args.Quota is < 0)
        {
            errors.Add($"--quota: {args.Quota} must not be negative");
        }

        if (args.DollarsPerWatt < 0)
        {
            errors.Add("--dollars-per-watt must not be negative");
        }

        if (args.Frontier is < 0 or 1 or > 200)
        {
            errors.Add($"--frontier: {args.Frontier} must be between 2 and 200 points");
        }

        var availability = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in args.Available)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var units) || parts[0].Trim().Length == 0)
            {
                errors.Add($"--available: '{entry}' is not CHIP=UNITS, for example --available 910C=20000");
                continue;
            }

            if (!availability.TryAdd(parts[0].Trim(), units))
            {
                errors.Add($"--available: {parts[0].Trim()} is given twice");
            }
        }

        foreach (var error in errors)
        {
            context.Error.WriteLine($"error: {error}");
        }

        return errors.Count == 0 ? availability : null;
    }

    private static void Write(CliContext context, Arguments args, PolicyContext policy, CandidateSet candidates, PlanRequest request, PlanOutcome? outcome, Frontier? frontier)
    {
        switch (args.Format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, new PlanView(
                    Render.Date(policy.AsOf),
                    policy.Sector,
                    policy.Buyer,
                    policy.DerivedBy,
                    policy.ImportQuotaUnits,
                    policy.DomesticShareFloor,
                    request.Targets,
                    request.Objective.ToString().ToLowerInvariant(),
                    request.Objective == PlanObjective.Blend ? request.BlendDollarsPerWatt : null,
                    (frontier?.Status ?? outcome!.Status).ToString().ToLowerInvariant(),
                    Math.Round((frontier?.SolveTime ?? outcome!.SolveTime).TotalMilliseconds, 1),
                    outcome?.Plan is { } plan ? PlanTotalsView.From(plan) : null,
                    outcome?.Infeasibility?.Relaxations,
                    frontier?.Points.Select(FrontierPointView.From).ToList(),
                    [.. candidates.Candidates.Select(CandidateView.From)],
                    candidates.Excluded));
                break;
            case OutputFormat.Csv:
                WriteCsv(context, outcome, frontier);
                break;
            default:
                WriteTable(context, args, policy, candidates, outcome, frontier);
                break;
        }
    }

    private static void WriteCsv(CliContext context, PlanOutcome? outcome, Frontier? frontier)
    {
        if (frontier is not null)
        {
            Render.WriteCsv(
                context.Out,
                ["point", "domestic_share_floor", "domestic_share", "cost_usd", "power_kw", "dense_bf16_pflops", "dense_fp8_pflops", "units", "mix"],
                frontier.Points.Select((p, i) => new[]
                {
                    (i + 1).ToString(CultureInfo.InvariantCulture), Render.Plain(p.DomesticShareFloor), Render.Plain(Math.Round(p.Plan.DomesticShare, 4)),
                    p.Plan.TotalCost.Value.ToString("0.##", CultureInfo.InvariantCulture), Render.Plain(Math.Round(p.Plan.PowerKilowatts, 3)),
                    Render.Plain(p.Plan.DenseBf16Petaflops), Render.Plain(p.Plan.DenseFp8Petaflops), p.Plan.Units.ToString(CultureInfo.InvariantCulture),
                    string.Join("; ", p.Plan.Lines.Select(l => $"{l.ChipId}={l.Units}")),
                }));
            return;
        }

        if (outcome!.Plan is { } plan)
        {
            Render.WriteCsv(
                context.Out,
                ["chip_id", "name", "origin", "units", "unit_price_usd", "cost_usd", "unit_power_w", "power_kw", "dense_bf16_pflops", "dense_fp8_pflops"],
                plan.Lines.Select(l => new[]
                {
                    l.ChipId, l.Name, l.IsDomestic ? "domestic" : "imported", l.Units.ToString(CultureInfo.InvariantCulture),
                    l.UnitPrice.Value.ToString("0.##", CultureInfo.InvariantCulture), l.Cost.Value.ToString("0.##", CultureInfo.InvariantCulture),
                    Render.Plain(Math.Round(l.UnitPower.Value, 1)), Render.Plain(Math.Round(l.PowerKilowatts, 3)), Render.Plain(l.DenseBf16Petaflops), Render.Plain(l.DenseFp8Petaflops),
                }));
            return;
        }

        Render.WriteCsv(
            context.Out,
            ["constraint", "chip_id", "unit", "required", "reachable", "change", "alone_suffices", "explanation"],
            (outcome.Infeasibility?.Relaxations ?? []).Select(r => new[]
            {
                System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(r.Constraint.ToString()), r.ChipId, r.Unit, Render.Plain(r.Required), Render.Plain(r.Reachable), Render.Plain(r.Change),
                r.AloneSuffices ? "true" : "false", r.Explanation,
            }));
    }

    private static void WriteTable(CliContext context, Arguments args, PolicyContext policy, CandidateSet candidates, PlanOutcome? outcome, Frontier? frontier)
    {
        var console = Render.Console(context.Out);
        var quota = policy.ImportQuotaUnits is { } q ? q.ToString("N0", CultureInfo.InvariantCulture) + " units" : "none";
        console.Write(new Rule(Markup.Escape($"Plan for {Describe(args.Targets)} on {Render.Date(policy.AsOf)}")).LeftJustified());
        console.WriteLine($"Sector {policy.Sector} · domestic share ≥ {policy.DomesticShareFloor.ToString("0.###", CultureInfo.InvariantCulture)} of units · import quota {quota} · objective {(frontier is null ? args.Objective.ToString().ToLowerInvariant() : "frontier")}");
        console.WriteLine($"Buyer {policy.Buyer} · {policy.DerivedBy}");
        console.WriteLine($"Candidates: {string.Join(", ", candidates.Candidates.Select(c => c.ChipId))} ({candidates.Excluded.Length} other chips excluded; --format json gives each reason)");
        var byPolicy = candidates.Excluded.Where(e => !e.Rules.IsEmpty).ToList();
        if (byPolicy.Count > 0)
        {
            console.WriteLine($"Excluded by the policy: {string.Join(", ", byPolicy.Select(e => $"{e.ChipId} ({string.Join(", ", e.Rules)})"))}");
        }


        if (frontier is not null)
        {
            if (frontier.Points.IsEmpty)
            {
                console.MarkupLine("[bold red]No plan meets the request[/] at any domestic share; run without --frontier for the constraint that binds.");
                return;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "Domestic share", "Cost (USD)", "Power (kW)", "BF16 PFLOPS", "Mix");
            foreach (var (point, index) in frontier.Points.Select((p, i) => (p, i)))
            {
                table.AddRow(
                    (index + 1).ToString(CultureInfo.InvariantCulture),
                    point.Plan.DomesticShare.ToString("0.000", CultureInfo.InvariantCulture),
                    Render.Number((double)point.Plan.TotalCost.Value, "#,0"),
                    Render.Number(point.Plan.PowerKilowatts, "#,0.0"),
                    Render.Number(point.Plan.DenseBf16Petaflops, "#,0.0"),
                    Markup.Escape(string.Join(", ", point.Plan.Lines.Select(l => $"{l.Units:N0} × {l.ChipId}"))));
            }

            console.Write(table);
            console.WriteLine($"{frontier.Points.Length} non-dominated plans, solved in {frontier.SolveTime.TotalMilliseconds:N0} ms.");
            return;
        }

        if (outcome!.Plan is { } plan)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Chip", "Origin", "Units", "Unit price", "Cost (USD)", "Power (kW)", "BF16 PFLOPS", "FP8 PFLOPS");
            foreach (var line in plan.Lines)
            {
                table.AddRow(
                    Markup.Escape(line.ChipId),
                    line.IsDomestic ? "domestic" : "imported",
                    line.Units.ToString("N0", CultureInfo.InvariantCulture),
                    Render.Number((double)line.UnitPrice.Value, "#,0"),
                    Render.Number((double)line.Cost.Value, "#,0"),
                    Render.Number(line.PowerKilowatts, "#,0.0"),
                    Render.Number(line.DenseBf16Petaflops, "#,0.0"),
                    Render.Number(line.DenseFp8Petaflops, "#,0.0"));
            }

            table.AddRow(
                "[bold]Total[/]",
                $"{plan.DomesticShare.ToString("0.000", CultureInfo.InvariantCulture)} domestic",
                plan.Units.ToString("N0", CultureInfo.InvariantCulture),
                "",
                "[bold]" + Render.Number((double)plan.TotalCost.Value, "#,0") + "[/]",
                "[bold]" + Render.Number(plan.PowerKilowatts, "#,0.0") + "[/]",
                Render.Number(plan.DenseBf16Petaflops, "#,0.0"),
                Render.Number(plan.DenseFp8Petaflops, "#,0.0"));
            console.Write(table);
            console.WriteLine($"{(outcome.Status == PlanStatus.Optimal ? "Optimal" : "Feasible, not proven optimal (time limit)")}; solved in {outcome.SolveTime.TotalMilliseconds:N0} ms. Memory {Render.Number(plan.HbmTerabytes, "#,0.0")} TB, bandwidth {Render.Number(plan.MemoryBandwidthTerabytesPerSecond, "#,0.0")} TB/s, {plan.ImportedUnits:N0} imported units.");
            foreach (var line in plan.Lines)
            {
                var candidate = candidates.Candidates.First(c => c.ChipId == line.ChipId);
                console.WriteLine($"  {candidate.ChipId}: {candidate.Ruling}; price {candidate.PriceBasis}; power {candidate.PowerBasis}" +
                    (candidate.MaxUnitsBasis is null ? "" : $"; at most {candidate.MaxUnits:N0} units ({candidate.MaxUnitsBasis})") +
                    (candidate.Conditions.IsEmpty ? "" : "; conditions: " + string.Join("; ", candidate.Conditions.GroupBy(c => c.RuleId).Select(g => $"{string.Join(", ", g.Select(c => c.Kind))} ({g.Key})"))) +
                    (candidate.Assumptions.IsEmpty ? "" : "; assumed: " + string.Join("; ", candidate.Assumptions)));
            }

            return;
        }

        console.MarkupLine(outcome.Status == PlanStatus.Infeasible
            ? "[bold red]No mix meets every constraint.[/] Each constraint alone, relaxed by the least that would make a plan exist:"
            : "[bold yellow]The solver ran out of time[/] before it found a plan or proved there is none.");
        foreach (var relaxation in outcome.Infeasibility?.Relaxations ?? [])
        {
            console.MarkupLine((relaxation.AloneSuffices ? "  [green]•[/] " : "  [grey]•[/] ") + Markup.Escape(relaxation.Explanation));
        }
    }

    private static string Describe(ComputeTargets targets)
    {
        var parts = new List<string>();
        if (targets.DenseBf16Petaflops > 0)
        {
            parts.Add($"{Render.Number(targets.DenseBf16Petaflops)} PFLOPS dense BF16");
        }

        if (targets.DenseFp8Petaflops > 0)
        {
            parts.Add($"{Render.Number(targets.DenseFp8Petaflops)} PFLOPS dense FP8");
        }

        if (targets.HbmTerabytes > 0)
        {
            parts.Add($"{Render.Number(targets.HbmTerabytes)} TB memory");
        }

        if (targets.MemoryBandwidthTerabytesPerSecond > 0)
        {
            parts.Add($"{Render.Number(targets.MemoryBandwidthTerabytesPerSecond)} TB/s bandwidth");
        }

        return string.Join(", ", parts);
    }
}
