using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Clearance.Core.Catalog;
using Clearance.Core.Units;

namespace Clearance.Cli.Classification;

/// <summary>
/// Describes a chip on the command line instead of in a spec file:
/// <c>--rate fp8=1900 --market datacenter --memory-bandwidth-gbps 4700 --die-area-mm2 800</c>.
/// Figures given this way are attributed to "flags" and marked unverified.
/// </summary>
internal sealed class SpecFlags
{
    private const string SourceKey = "flags";

    public Option<string[]> Rates { get; } = new("--rate") { Description = "A dense peak rate WIDTH=TOPS, e.g. fp8=1979 (repeatable; widths fp4 fp8 int8 fp16 bf16 tf32 fp32 fp64)." };

    public Option<string?> Market { get; } = new("--market") { Description = "datacenter or consumer (required with --rate)." };

    public Option<string?> Name { get; } = new("--name") { Description = "A name for the chip described by flags." };

    public Option<double?> MemoryBandwidth { get; } = new("--memory-bandwidth-gbps") { Description = "DRAM bandwidth in GB/s." };

    public Option<double?> Interconnect { get; } = new("--interconnect-gbps") { Description = "Aggregate bidirectional chip-to-chip I/O in GB/s." };

    public Option<double?> DieArea { get; } = new("--die-area-mm2") { Description = "Applicable die area (sum of compute dies) in mm²." };

    public Option<string?> MemoryType { get; } = new("--memory-type") { Description = "Memory type, e.g. HBM3e or GDDR6." };

    public IEnumerable<Option> All => [Rates, Market, Name, MemoryBandwidth, Interconnect, DieArea, MemoryType];

    /// <summary>The chip the flags describe; null with no flags; problems (naming the flag) when they are wrong.</summary>
    public (Accelerator? Chip, IReadOnlyList<string> Problems) Read(ParseResult parse)
    {
        var rates = parse.GetValue(Rates) ?? [];
        var market = parse.GetValue(Market);
        (string Flag, double? Value)[] figures =
        [
            ("--memory-bandwidth-gbps", parse.GetValue(MemoryBandwidth)),
            ("--interconnect-gbps", parse.GetValue(Interconnect)),
            ("--die-area-mm2", parse.GetValue(DieArea)),
        ];
        if (rates.Length == 0 && market is null && figures.All(f => f.Value is null) && parse.GetValue(Name) is null && parse.GetValue(MemoryType) is null)
        {
            return (null, []);
        }

        var problems = new List<string>();
        var dense = ImmutableSortedDictionary.CreateBuilder<OperandWidth, Figure<TeraOpsPerSecond>?>();
        foreach (var rate in rates)
        {
            var parts = rate.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !OperandWidths.TryParse(parts[0], out var width))
            {
                problems.Add($"--rate '{rate}': write WIDTH=TOPS with a width of {string.Join(", ", OperandWidths.All.Select(w => w.Key()))}");
            }
            else if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var tops) || !double.IsFinite(tops) || tops <= 0)
            {
                problems.Add($"--rate '{rate}': '{parts[1]}' is not a positive number of TOPS");
            }
            else if (!dense.TryAdd(width, new Figure<TeraOpsPerSecond>(new TeraOpsPerSecond(tops), SourceKey, Confidence.Unverified)))
            {
                problems.Add($"--rate: {width.Key()} is given twice");
            }
        }

        if (rates.Length == 0)
        {
            problems.Add("--rate: give at least one dense rate, e.g. --rate fp8=1979");
        }

        Market parsedMarket = default;
        if (market is null)
        {
            problems.Add("--market: say datacenter or consumer");
        }
        else if (!Enum.TryParse(market, ignoreCase: true, out parsedMarket))
        {
            problems.Add($"--market '{market}': use datacenter or consumer");
        }

        foreach (var (flag, value) in figures.Where(f => f.Value is <= 0 || f.Value is { } v && !double.IsFinite(v)))
        {
            problems.Add($"{flag}: must be greater than zero (got {value?.ToString(CultureInfo.InvariantCulture)}); leave it out when unknown");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new Accelerator
        {
            Id = "flags",
            Name = parse.GetValue(Name) ?? "Chip described by flags",
            Vendor = "unknown",
            DesignCountry = "ZZ",
            Market = parsedMarket,
            DenseRates = dense.ToImmutable(),
            MemoryType = parse.GetValue(MemoryType),
            MemoryBandwidth = Figure(figures[0].Value, v => new GigabytesPerSecond(v)),
            InterconnectBandwidth = Figure(figures[1].Value, v => new GigabytesPerSecond(v)),
            DieArea = Figure(figures[2].Value, v => new SquareMillimetres(v)),
        }, []);
    }

    private static Figure<T>? Figure<T>(double? value, Func<double, T> make)
        where T : struct =>
        value is { } v ? new Figure<T>(make(v), SourceKey, Confidence.Unverified) : null;
}
