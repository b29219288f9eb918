using System.Globalization;
using Clearance.Core.Classification;

namespace Clearance.Core.Catalog;

/// <summary>A figure as printed: its value, source and confidence ("unknown" when not known).</summary>
public sealed record FigureReport(double? Value, string? Unit, string? Source, string? Confidence, string? Note);

/// <summary>An accelerator as reports show it (JSON, CSV, pages): the catalog's figures with their sources, and the derived ones.</summary>
public sealed record AcceleratorReport(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string Vendor,
    string? Architecture,
    string DesignCountry,
    DateOnly? ReleaseDate,
    string Market,
    IReadOnlyDictionary<string, FigureReport> DenseTops,
    FigureReport MemoryGb,
    string? MemoryType,
    FigureReport MemoryBandwidthGbps,
    FigureReport InterconnectGbps,
    FigureReport DieCount,
    FigureReport DieAreaMm2,
    FigureReport TdpW,
    FigureReport ListPriceUsd,
    double? Tpp,
    string? TppDecidingWidth,
    bool TppIsLowerBound,
    double? PerformanceDensity,
    string? Notes,
    IReadOnlyDictionary<string, string>? Sources)
{
    public static AcceleratorReport From(Accelerator chip, PerformanceFigures figures, AcceleratorCatalog? catalog = null) => new(
        chip.Id,
        chip.Name,
        chip.Aliases,
        chip.Vendor,
        chip.Architecture,
        chip.DesignCountry,
        chip.ReleaseDate,
        chip.Market.ToString().ToLowerInvariant(),
        chip.DenseRates.ToDictionary(r => r.Key.Key(), r => View(r.Value, v => v.Value, "TOPS")),
        View(chip.MemoryCapacity, v => v.Value, "GB"),
        chip.MemoryType,
        View(chip.MemoryBandwidth, v => v.Value, "GB/s"),
        View(chip.InterconnectBandwidth, v => v.Value, "GB/s"),
        View(chip.DieCount, v => v, null),
        View(chip.DieArea, v => v.Value, "mm²"),
        View(chip.ThermalDesignPower, v => v.Value, "W"),
        View(chip.ListPrice, v => (double)v.Value, "USD"),
        figures.Tpp?.Value,
        figures.DecidingWidth?.Key(),
        figures.TppIsLowerBound,
        figures.PerformanceDensity?.Value is { } pd ? Math.Round(pd, 4) : null,
        chip.Notes,
        catalog is null ? null : CitedSources(chip, catalog));

    /// <summary>The sources the chip's figures cite, key → URL (or title when there is none).</summary>
    private static Dictionary<string, string> CitedSources(Accelerator chip, AcceleratorCatalog catalog)
    {
        var cited = Rows(chip).Select(r => r.Source).ToHashSet(StringComparer.Ordinal);
        return catalog.Sources.Values
            .Where(s => cited.Contains(s.Key))
            .ToDictionary(s => s.Key, s => s.Url?.ToString() ?? s.Title);
    }

    /// <summary>Every figure of a chip as a printable row, in catalog-file order.</summary>
    public static IEnumerable<(string Field, string Value, string Source, string Confidence, string Note)> Rows(Accelerator chip)
    {
        foreach (var (width, rate) in chip.DenseRates)
        {
            yield return Row($"dense {width.Key()}", rate, v => v.Value, "TOPS");
        }

        yield return Row("memory", chip.MemoryCapacity, v => v.Value, "GB" + (chip.MemoryType is null ? "" : " " + chip.MemoryType));
        yield return Row("memory bandwidth", chip.MemoryBandwidth, v => v.Value, "GB/s");
        yield return Row("interconnect", chip.InterconnectBandwidth, v => v.Value, "GB/s");
        yield return Row("die count", chip.DieCount, v => v, "");
        yield return Row("die area", chip.DieArea, v => v.Value, "mm²");
        yield return Row("TDP", chip.ThermalDesignPower, v => v.Value, "W");
        yield return Row("list price", chip.ListPrice, v => (double)v.Value, "USD");
    }

    private static (string, string, string, string, string) Row<T>(string field, Figure<T>? figure, Func<T, double> value, string unit)
        where T : struct =>
        figure is null
            ? (field, "unknown", "", "", "")
            : (field, $"{value(figure.Value).ToString("#,0.###", CultureInfo.InvariantCulture)} {unit}".TrimEnd(), figure.SourceKey, figure.Confidence.ToString().ToLowerInvariant(), figure.Note ?? "");

    private static FigureReport View<T>(Figure<T>? figure, Func<T, double> value, string? unit)
        where T : struct =>
        figure is null
            ? new FigureReport(null, unit, null, null, null)
            : new FigureReport(value(figure.Value), unit, figure.SourceKey, figure.Confidence.ToString().ToLowerInvariant(), figure.Note);
}
