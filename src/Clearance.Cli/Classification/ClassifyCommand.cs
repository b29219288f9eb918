using System.CommandLine;
using Clearance.Cli.Catalog;
using Clearance.Cli.Output;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;
using Clearance.Storage.Files;
using Spectre.Console;

namespace Clearance.Cli.Classification;

/// <summary>`clearance classify CHIP… [--as-of DATE] [--spec FILE] [--timeline]`: export classification with its reasons.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliContext context)
    {
        var chips = new Argument<string[]>("chip") { Description = "Chip ids, names or aliases from the catalog.", Arity = ArgumentArity.ZeroOrMore };
        var specs = new Option<string[]>("--spec") { Description = "A YAML or JSON file describing a chip that is not in the catalog (repeatable).", AllowMultipleArgumentsPerToken = false };
        var asOf = CliContext.AsOfOption();
        var timeline = new Option<bool>("--timeline") { Description = "Classify under every regime version since the first rule, not just one date." };
        var format = CliContext.FormatOption();
        var flags = new SpecFlags();
        var command = new Command("classify", "Classify chips under the US export rules in force on a date, with the reasons and figures used.")
        {
            chips, specs, asOf, timeline, format,
        };
        foreach (var option in flags.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var (flagged, problems) = flags.Read(parse);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    context.Error.WriteLine($"error: {problem}");
                }

                return CliApplication.UsageError;
            }

            return Run(
                context,
                parse.GetValue(CliContext.DataOption),
                parse.GetValue(chips) ?? [],
                parse.GetValue(specs) ?? [],
                flagged,
                parse.GetValue(asOf),
                parse.GetValue(timeline),
                parse.GetValue(format));
        });
        return command;
    }

    private static int Run(CliContext context, string? dataPath, string[] names, string[] specFiles, Accelerator? flagged, string? asOfText, bool timeline, OutputFormat format)
    {
        if (context.AsOf(asOfText) is not { } asOf)
        {
            return CliApplication.UsageError;
        }

        if (names.Length == 0 && specFiles.Length == 0 && flagged is null)
        {
            context.Error.WriteLine("error: name at least one chip (e.g. clearance classify H20), give --spec FILE, or describe one with --rate and --market.");
            return CliApplication.UsageError;
        }

        var data = DataDirectory.Locate(dataPath);
        var ruleSets = data.LoadClassificationRuleSets();
        if (!ruleSets.Succeeded)
        {
            return context.Fail("the classification rules did not load", ruleSets.Problems);
        }

        var accelerators = new List<Accelerator>();
        var failed = false;
        if (names.Length > 0)
        {
            if (CatalogCommands.Load(context, dataPath) is not { } catalog)
            {
                return CliApplication.InputError;
            }

            foreach (var name in names)
            {
                if (CatalogCommands.Find(context, catalog, name) is { } chip)
                {
                    accelerators.Add(chip);
                }
                else
                {
                    failed = true;
                }
            }
        }

        foreach (var path in specFiles)
        {
            var file = DataDirectory.ReadFile(path);
            var spec = file.Succeeded ? CatalogParser.ParseSpec(file.Value) : ParseResult<Accelerator>.Failure(file.Problems);
            if (spec.Succeeded)
            {
                accelerators.Add(spec.Value);
            }
            else
            {
                context.Fail($"the spec {path} is not valid", spec.Problems);
                failed = true;
            }
        }

        if (flagged is not null)
        {
            accelerators.Add(flagged);
        }

        if (failed)
        {
            return CliApplication.InputError;
        }

        var results = accelerators
            .Select(chip => (Chip: chip, Results: timeline
                ? ruleSets.Value.SelectMany(set => Classifier.Timeline(chip, set)).ToList()
                : ruleSets.Value.Select(set => Classifier.Classify(chip, asOf, set)).ToList()))
            .ToList();

        switch (format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, results.Select(r => ClassificationReport.From(r.Chip, timeline ? null : asOf, r.Results)));
                break;
            case OutputFormat.Csv:
                WriteCsv(context, results, timeline);
                break;
            default:
                WriteTables(context, results, asOf, timeline);
                break;
        }

        return 0;
    }

    private static void WriteCsv(CliContext context, List<(Accelerator Chip, List<ChipClassification> Results)> results, bool timeline)
    {
        Render.WriteCsv(
            context.Out,
            ["chip_id", "chip_name", "as_of", "rule_set", "regime", "tpp", "performance_density", "memory_bandwidth_gbps", "interconnect_gbps", "designations", "undetermined"],
            results.SelectMany(r => r.Results.Select(c => new[]
            {
                r.Chip.Id, r.Chip.Name, Render.Date(timeline ? c.Regime.Since ?? c.AsOf : c.AsOf), c.Regime.RuleSet.Id, c.Regime.Label,
                Render.Plain(c.Figures.Tpp?.Value), Render.Plain(c.Figures.PerformanceDensity is { } pd ? Math.Round(pd.Value, 4) : null),
                Render.Plain(r.Chip.MemoryBandwidth?.Value.Value), Render.Plain(r.Chip.InterconnectBandwidth?.Value.Value),
                string.Join("; ", c.Designations.Select(d => d.Rule.Designation)),
                string.Join("; ", c.Undetermined.Select(d => d.Rule.Designation)),
            })));
    }

    private static void WriteTables(CliContext context, List<(Accelerator Chip, List<ChipClassification> Results)> results, DateOnly asOf, bool timeline)
    {
        var console = Render.Console(context.Out);
        foreach (var (chip, classifications) in results)
        {
            var figures = PerformanceFigures.Of(chip);
            console.Write(new Rule(Markup.Escape($"{chip.Name} ({chip.Id})") + (timeline ? " — timeline" : $" — as of {Render.Date(asOf)}")).LeftJustified());
            var decidedBy = figures.DecidingWidth is { } width && chip.DenseRates[width] is { } rate
                ? $" ({width.Key()} {Render.Number(rate.Value.Value, "#,0.###")} TOPS × {width.BitLength()} bits)"
                : "";
            console.WriteLine(
                $"TPP {CatalogCommands.Tpp(figures)}{decidedBy} · PD {Render.Number(figures.PerformanceDensity?.Value)} · " +
                $"DRAM {Render.Number(chip.MemoryBandwidth?.Value.Value, "#,0")} GB/s · I/O {Render.Number(chip.InterconnectBandwidth?.Value.Value, "#,0")} GB/s · {chip.Market.ToString().ToLowerInvariant()}");

            if (timeline)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("From", "Rule set", "Designations", "Undetermined");
                foreach (var c in classifications.OrderBy(c => c.Regime.Since).ThenBy(c => c.Regime.RuleSet.Id, StringComparer.Ordinal))
                {
                    table.AddRow(
                        c.Regime.Since is { } since ? Render.Date(since) : "",
                        Markup.Escape(c.Regime.RuleSet.Id),
                        Markup.Escape(c.Designations.Length == 0 ? "none" : string.Join(", ", c.Designations.Select(d => d.Rule.Designation))),
                        Markup.Escape(string.Join(", ", c.Undetermined.Select(d => d.Rule.Designation))));
                }

                console.Write(table);
                continue;
            }

            var designations = classifications.SelectMany(c => c.Designations).Select(d => d.Rule.Designation).ToList();
            console.MarkupLine(designations.Count == 0
                ? "[bold]Designations:[/] none under the rules in force"
                : $"[bold]Designations:[/] {Markup.Escape(string.Join(", ", designations))}");
            var rules = new Table().Border(TableBorder.Rounded).AddColumns("Rule", "Outcome", "Reason", "Citation");
            foreach (var classification in classifications)
            {
                foreach (var outcome in classification.Outcomes)
                {
                    rules.AddRow(
                        Markup.Escape($"{outcome.Rule.Designation}\n{outcome.Rule.Id}"),
                        OutcomeMarkup(outcome),
                        Markup.Escape(outcome.Reason),
                        Markup.Escape(outcome.Rule.Citations.FirstOrDefault()?.Reference ?? ""));
                }
            }

            console.Write(rules);
            console.WriteLine("Rules used: " + string.Join("; ", classifications.Select(c => $"{c.Regime.Label}, sha256 {c.Regime.RuleSet.ContentHash[..12]}")));
        }
    }

    private static string OutcomeMarkup(RuleOutcome outcome) => outcome switch
    {
        { SupersededBy: not null } => "superseded",
        { Fired: true } => "[bold red]applies[/]",
        { Fired: false } => "[green]does not apply[/]",
        _ => "[yellow]undetermined[/]",
    };
}
