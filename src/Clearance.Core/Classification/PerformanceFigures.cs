using Clearance.Core.Catalog;
using Clearance.Core.Units;

namespace Clearance.Core.Classification;

/// <summary>
/// The figures classification works from, derived from one accelerator: TPP (with the operand width that decides it)
/// and performance density. Unknown inputs give unknown outputs, never zero.
/// </summary>
public sealed record PerformanceFigures
{
    /// <summary>The highest dense TOPS × bit length over the known operand widths; null when no rate is known.</summary>
    public TotalProcessingPerformance? Tpp { get; init; }

    /// <summary>The operand width whose rate gives <see cref="Tpp"/>.</summary>
    public OperandWidth? DecidingWidth { get; init; }

    /// <summary>True when some operand width exists but its rate is unknown, so the true TPP may be higher.</summary>
    public bool TppIsLowerBound { get; init; }

    /// <summary>TPP ÷ applicable die area; null when either is unknown.</summary>
    public PerformanceDensity? PerformanceDensity { get; init; }

    public static PerformanceFigures Of(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        double? best = null;
        OperandWidth? deciding = null;
        var lowerBound = false;
        foreach (var (width, figure) in accelerator.DenseRates)
        {
            if (figure is null)
            {
                lowerBound = true;
                continue;
            }

            var tpp = TotalProcessingPerformanceOf(figure.Value, width);
            if (best is null || tpp > best)
            {
                best = tpp;
                deciding = width;
            }
        }

        var density = best is { } t && accelerator.DieArea is { } area ? new PerformanceDensity(t / area.Value.Value) : (PerformanceDensity?)null;
        return new PerformanceFigures
        {
            Tpp = best is { } value ? new TotalProcessingPerformance(value) : null,
            DecidingWidth = deciding,
            TppIsLowerBound = lowerBound && best is not null,
            PerformanceDensity = density,
        };
    }

    /// <summary>TPP of one operand width: 2 × MacTOPS × bit length, where a dense TOPS figure already counts 2 per MAC.</summary>
    public static double TotalProcessingPerformanceOf(TeraOpsPerSecond denseRate, OperandWidth width) =>
        denseRate.Value * width.BitLength();
}
