using System.CommandLine;
using Clearance.Cli.Output;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Storage.Files;
using Spectre.Console;

namespace Clearance.Cli.Catalog;

/// <summary>`clearance catalog list|show`: what the catalog holds, with every figure's source.</summary>
internal static class CatalogCommands
{
    public static Command Create(CliContext context)
    {
        var catalog = new Command("catalog", "Browse the accelerator catalog.");

        var format = CliContext.FormatOption();
        var vendor = new Option<string?>("--vendor") { Description = "Only chips from this vendor (case-insensitive)." };
        var list = new Command("list", "List every accelerator with its key figures.") { format, vendor };
        list.SetAction(parse => List(context, parse.GetValue(CliContext.DataOption), parse.GetValue(format), parse.GetValue(vendor)));
        catalog.Subcommands.Add(list);

        var showFormat = CliContext.FormatOption();
        var chip = new Argument<string>("chip") { Description = "Chip id, name or alias (e.g. H20, 'RTX 4090D', nvidia-h100-sxm)." };
        var show = new Command("show", "Show one accelerator: every figure with its source and confidence.") { chip, showFormat };
        show.SetAction(parse => Show(context, parse.GetValue(CliContext.DataOption), parse.GetValue(chip)!, parse.GetValue(showFormat)));
        catalog.Subcommands.Add(show);
        return catalog;
    }

    /// <summary>Loads the catalog or prints why it cannot be loaded.</summary>
    public static AcceleratorCatalog? Load(CliContext context, string? dataPath)
    {
        var loaded = DataDirectory.Locate(dataPath).LoadCatalog();
        if (!loaded.Succeeded)
        {
            context.Fail("the accelerator catalog did not load", loaded.Problems);
            return null;
        }

        return loaded.Value;
    }

    /// <summary>Finds a chip or prints "did you mean".</summary>
    public static Accelerator? Find(CliContext context, AcceleratorCatalog catalog, string name)
    {
        if (catalog.Find(name) is { } found)
        {
            return found;
        }

        var suggestions = catalog.Suggest(name);
        context.Error.WriteLine(suggestions.Count > 0
            ? $"error: unknown chip '{name}'. Did you mean: {string.Join(", ", suggestions)}?"
            : $"error: unknown chip '{name}'. Run 'clearance catalog list' to see the catalog, or classify a spec file with --spec.");
        return null;
    }

    private static int List(CliContext context, string? dataPath, OutputFormat format, string? vendor)
    {
        if (Load(context, dataPath) is not { } catalog)
        {
            return CliApplication.InputError;
        }

        var chips = catalog.Accelerators
            .Where(a => vendor is null || a.Vendor.Equals(vendor, StringComparison.OrdinalIgnoreCase))
            .Select(a => (Chip: a, Figures: PerformanceFigures.Of(a)))
            .ToList();

        switch (format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, chips.Select(c => AcceleratorReport.From(c.Chip, c.Figures)));
                break;
            case OutputFormat.Csv:
                Render.WriteCsv(
                    context.Out,
                    ["id", "name", "vendor", "market", "design_country", "release_date", "tpp", "performance_density", "memory_gb", "memory_bandwidth_gbps", "interconnect_gbps", "tdp_w"],
                    chips.Select(c => new[]
                    {
                        c.Chip.Id, c.Chip.Name, c.Chip.Vendor, c.Chip.Market.ToString().ToLowerInvariant(), c.Chip.DesignCountry,
                        c.Chip.ReleaseDate is { } d ? Render.Date(d) : "", Render.Plain(c.Figures.Tpp?.Value), Render.Plain(c.Figures.PerformanceDensity?.Value),
                        Render.Plain(c.Chip.MemoryCapacity?.Value.Value), Render.Plain(c.Chip.MemoryBandwidth?.Value.Value),
                        Render.Plain(c.Chip.InterconnectBandwidth?.Value.Value), Render.Plain(c.Chip.ThermalDesignPower?.Value.Value),
                    }));
                break;
            default:
                var table = new Table().Border(TableBorder.Rounded)
                    .AddColumns("Chip", "Vendor", "Market", "Made", "TPP", "PD", "Memory", "DRAM GB/s", "I/O GB/s", "TDP W");
                foreach (var (chip, figures) in chips)
                {
                    table.AddRow(
                        Markup.Escape($"{chip.Name}\n{chip.Id}"), Markup.Escape(chip.Vendor), chip.Market.ToString().ToLowerInvariant(), chip.DesignCountry,
                        Tpp(figures), Render.Number(figures.PerformanceDensity?.Value),
                        chip.MemoryCapacity is { } m ? $"{Render.Number(m.Value.Value)} GB {Markup.Escape(chip.MemoryType ?? "")}" : "unknown",
                        Render.Number(chip.MemoryBandwidth?.Value.Value, "#,0"), Render.Number(chip.InterconnectBandwidth?.Value.Value, "#,0"),
                        Render.Number(chip.ThermalDesignPower?.Value.Value, "#,0"));
                }

                var console = Render.Console(context.Out);
                console.Write(table);
                console.WriteLine($"{chips.Count} accelerator(s). Figures are dense peak rates; 'unknown' is not zero. 'clearance catalog show CHIP' gives every source.");
                break;
        }

        return 0;
    }

    private static int Show(CliContext context, string? dataPath, string name, OutputFormat format)
    {
        if (Load(context, dataPath) is not { } catalog)
        {
            return CliApplication.InputError;
        }

        if (Find(context, catalog, name) is not { } chip)
        {
            return CliApplication.InputError;
        }

        var figures = PerformanceFigures.Of(chip);
        if (format == OutputFormat.Json)
        {
            Render.WriteJson(context.Out, AcceleratorReport.From(chip, figures, catalog));
            return 0;
        }

        if (format == OutputFormat.Csv)
        {
            Render.WriteCsv(context.Out, ["field", "value", "source", "confidence", "note"],
                AcceleratorReport.Rows(chip).Select(r => new[] { r.Field, r.Value, r.Source, r.Confidence, r.Note }));
            return 0;
        }

        var console = Render.Console(context.Out);
        console.Write(new Rule(Markup.Escape($"{chip.Name} ({chip.Id})")).LeftJustified());
        console.WriteLine($"{chip.Vendor} · {chip.Architecture ?? "architecture unknown"} · designed in {chip.DesignCountry} · {chip.Market.ToString().ToLowerInvariant()} · released {(chip.ReleaseDate is { } d ? Render.Date(d) : "unknown")}");
        if (chip.Aliases.Length > 0)
        {
            console.WriteLine("Also known as: " + string.Join(", ", chip.Aliases));
        }

        console.WriteLine($"TPP {Tpp(figures)} · performance density {Render.Number(figures.PerformanceDensity?.Value)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Figure", "Value", "Source", "Confidence", "Note");
        foreach (var row in AcceleratorReport.Rows(chip))
        {
            var source = catalog.Sources.TryGetValue(row.Source, out var s) ? $"{s.Key}: {s.Title}" : row.Source;
            table.AddRow(Markup.Escape(row.Field), Markup.Escape(row.Value), Markup.Escape(source), row.Confidence, Markup.Escape(row.Note));
        }

        console.Write(table);
        if (chip.Notes is { Length: > 0 } notes)
        {
            console.WriteLine("Notes: " + notes);
        }

        return 0;
    }

    internal static string Tpp(PerformanceFigures figures) => figures.Tpp is { } tpp
        ? $"{Render.Number(tpp.Value, "#,0")}{(figures.TppIsLowerBound ? " (at least)" : "")}"
        : "unknown";
}
