using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Clearance.Core.Parsing;
using Clearance.Core.Units;
using YamlDotNet.RepresentationModel;

namespace Clearance.Core.Catalog;


/// <summary>
/// Reads catalog files (sources and accelerators) and single-chip spec files. A catalog with any problem
/// yields no catalog at all: the caller keeps the one it had.
/// </summary>
public static partial class CatalogParser
{
    private static readonly string[] AcceleratorFields =
    [
        "id", "name", "aliases", "vendor", "architecture", "design_country", "release_date", "market", "dense_tops",
        "memory_gb", "memory_type", "memory_bandwidth_gbps", "interconnect_gbps", "die_count", "die_area_mm2", "tdp_w",
        "list_price_usd", "notes",
    ];

    private static readonly string[] FigureFields = ["value", "source", "confidence", "note"];

    /// <summary>Parses every file of a catalog and checks it as a whole (unique names, known source keys).</summary>
    public static ParseResult<AcceleratorCatalog> Parse(IEnumerable<SourceText> files)
    {
        var problems = new List<Problem>();
        var sources = new Dictionary<string, (Source Source, Parsing.SourceLocation At)>(StringComparer.Ordinal);
        var accelerators = new List<Accelerator>();
        var citations = new List<(string Key, Parsing.SourceLocation At, string Field)>();

        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (YamlFields.LoadMapping(file.Name, file.Text, "'sources:' and/or 'accelerators:'", problems) is not { } document)
            {
                continue;
            }

            foreach (var (fields, _) in document.Mappings("sources", required: false))
            {
                if (ReadSource(fields) is { } source)
                {
                    if (!sources.TryAdd(source.Key, (source, fields.Location)))
                    {
                        fields.Report("key", $"source '{source.Key}' is already defined at {sources[source.Key].At}");
                    }
                }
            }

            foreach (var (fields, _) in document.Mappings("accelerators", required: false))
            {
                if (ReadAccelerator(fields, requireSources: true, citations) is { } accelerator)
                {
                    accelerators.Add(accelerator);
                }
            }

            if (!document.Has("sources") && !document.Has("accelerators"))
            {
                problems.Add(new Problem(document.Location, "", "a catalog file needs 'sources:' or 'accelerators:'"));
            }

            document.RejectUnknownKeys("sources", "accelerators");
        }

        foreach (var (key, at, field) in citations)
        {
            if (!sources.ContainsKey(key))
            {
                problems.Add(new Problem(at, field, $"cites source '{key}', which no sources list defines"));
            }
        }

        CheckNamesAreUnique(accelerators, problems);

        return problems.Count > 0
            ? ParseResult<AcceleratorCatalog>.Failure(problems)
            : ParseResult<AcceleratorCatalog>.Success(new AcceleratorCatalog(accelerators, sources.Values.Select(s => s.Source)));
    }

    /// <summary>
    /// Parses a spec file describing one chip that need not be in the catalog. Figures may be plain numbers;
    /// they are then attributed to the spec file itself as unverified.
    /// </summary>
    public static ParseResult<Accelerator> ParseSpec(SourceText file)
    {
        var problems = new List<Problem>();
        if (YamlFields.LoadMapping(file.Name, file.Text, "chip fields (id, name, market, dense_tops, ...)", problems) is not { } fields)
        {
            return ParseResult<Accelerator>.Failure(problems);
        }

        var accelerator = ReadAccelerator(fields, requireSources: false, citations: null);
        return problems.Count > 0 || accelerator is null
            ? ParseResult<Accelerator>.Failure(problems)
            : ParseResult<Accelerator>.Success(accelerator);
    }

    private static Source? ReadSource(YamlFields fields)
    {
        var key = fields.Text("key", required: true);
        var title = fields.Text("title", required: true);
        var url = fields.Text("url", required: false);
        Uri? uri = null;
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out uri))
        {
            fields.Report("url", $"'{YamlFields.Clip(url)}' is not an absolute URL");
        }

        if (key is not null && !KeyPattern().IsMatch(key))
        {
            fields.Report("key", $"'{YamlFields.Clip(key)}' is not a source key; use lower-case letters, digits and hyphens");
            key = null;
        }

        fields.RejectUnknownKeys("key", "title", "url");
        return key is null || title is null ? null : new Source(key, title, uri);
    }

    private static Accelerator? ReadAccelerator(YamlFields fields, bool requireSources, List<(string, Parsing.SourceLocation, string)>? citations)
    {
        var before = fields.Problems.Count;
        var id = fields.Text("id", required: requireSources);
        if (id is not null && !KeyPattern().IsMatch(id))
        {
            fields.Report("id", $"'{YamlFields.Clip(id)}' is not an id; use lower-case letters, digits and hyphens");
        }

        id ??= SpecId(fields.File);
        var path = requireSources ? $"accelerators[{id}]" : "";
        var chip = fields.WithPath(path);

        var name = chip.Text("name", required: requireSources) ?? id;
        var vendor = chip.Text("vendor", required: requireSources) ?? "unknown";
        var country = chip.Text("design_country", required: requireSources) ?? "ZZ";
        if (!CountryPattern().IsMatch(country))
        {
            chip.Report("design_country", $"'{YamlFields.Clip(country)}' is not an ISO 3166-1 alpha-2 code such as US or CN");
        }

        var marketText = chip.Text("market", required: true);
        Market market = default;
        if (marketText is not null && !Enum.TryParse(marketText, ignoreCase: true, out market))
        {
            chip.Report("market", $"'{YamlFields.Clip(marketText)}' is not a market; use datacenter or consumer");
        }

        var rates = ImmutableSortedDictionary.CreateBuilder<OperandWidth, Figure<TeraOpsPerSecond>?>();
        if (chip.Mapping("dense_tops", required: requireSources) is { } dense)
        {
            foreach (var key in dense.Keys.ToArray())
            {
                if (!OperandWidths.TryParse(key, out var width))
                {
                    continue; // reported by RejectUnknownKeys below
                }

                rates[width] = ReadFigure(dense, key, requireSources, citations, v => new TeraOpsPerSecond(v));
            }

            dense.RejectUnknownKeys([.. OperandWidths.All.Select(w => w.Key())]);
        }

        var dieCount = ReadFigure(chip, "die_count", requireSources, citations, v => (int)v);
        if (dieCount is not null && dieCount.Value != Math.Round((double)dieCount.Value))
        {
            chip.Report("die_count", "must be a whole number");
        }

        var accelerator = new Accelerator
        {
            Id = id,
            Name = name,
            Aliases = [.. chip.StringList("aliases")],
            Vendor = vendor,
            Architecture = chip.Text("architecture", required: false),
            DesignCountry = country,
            ReleaseDate = chip.Date("release_date", required: false),
            Market = market,
            DenseRates = rates.ToImmutable(),
            MemoryCapacity = ReadFigure(chip, "memory_gb", requireSources, citations, v => new Gigabytes(v)),
            MemoryType = chip.Text("memory_type", required: false),
            MemoryBandwidth = ReadFigure(chip, "memory_bandwidth_gbps", requireSources, citations, v => new GigabytesPerSecond(v)),
            InterconnectBandwidth = ReadFigure(chip, "interconnect_gbps", requireSources, citations, v => new GigabytesPerSecond(v)),
            DieCount = dieCount,
            DieArea = ReadFigure(chip, "die_area_mm2", requireSources, citations, v => new SquareMillimetres(v)),
            ThermalDesignPower = ReadFigure(chip, "tdp_w", requireSources, citations, v => new Watts(v)),
            ListPrice = ReadFigure(chip, "list_price_usd", requireSources, citations, v => new UsDollars((decimal)v)),
            Notes = chip.Text("notes", required: false),
            DefinedAt = chip.Location,
        };

        chip.RejectUnknownKeys(AcceleratorFields);
        return fields.Problems.Count > before ? null : accelerator;
    }

    /// <summary>
    /// A figure is `unknown`, a map {value, source, confidence, note}, or (in spec files only) a plain number.
    /// Zero and negative values are refused: unknown is written as unknown.
    /// </summary>
    private static Figure<T>? ReadFigure<T>(YamlFields fields, string key, bool requireSources, List<(string, Parsing.SourceLocation, string)>? citations, Func<double, T> make)
        where T : struct
    {
        if (fields.Node(key) is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            var text = scalar.Value?.Trim() ?? "";
            if (YamlFields.IsNull(scalar) || text.Equals("unknown", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (requireSources)
            {
                fields.Report(key, $"needs a source: write {{ value: {YamlFields.Clip(text)}, source: KEY, confidence: LEVEL }} or 'unknown'");
                return null;
            }

            return fields.ParseNumber(key, text) is { } plain && Positive(fields, key, plain)
                ? new Figure<T>(make(plain), "spec:" + fields.File, Confidence.Unverified)
                : null;
        }

        if (node is not YamlMappingNode mapping)
        {
            fields.Report(key, "must be 'unknown' or a mapping { value, source, confidence }");
            return null;
        }

        var figure = new YamlFields(mapping, fields.File, fields.FieldPath(key), fields.Problems);
        var value = figure.Number("value", required: true);
        var source = figure.Text("source", required: requireSources);
        var confidenceText = figure.Text("confidence", required: requireSources);
        var note = figure.Text("note", required: false);
        figure.RejectUnknownKeys(FigureFields);

        var confidence = Confidence.Unverified;
        if (confidenceText is not null && !Enum.TryParse(confidenceText, ignoreCase: true, out confidence))
        {
            figure.Report("confidence", $"'{YamlFields.Clip(confidenceText)}' is not a confidence; use one of: {string.Join(", ", Enum.GetNames<Confidence>().Select(n => n.ToLowerInvariant()))}");
        }

        if (source is not null)
        {
            citations?.Add((source, YamlFields.LocationOf(mapping, fields.File), figure.FieldPath("source")));
        }

        if (value is null || !Positive(figure, "value", value.Value))
        {
            return null;
        }

        return new Figure<T>(make(value.Value), source ?? "spec:" + fields.File, confidence, note);
    }

    private static bool Positive(YamlFields fields, string key, double value)
    {
        if (value > 0)
        {
            return true;
        }

        fields.Report(key, $"must be greater than zero (got {value.ToString(CultureInfo.InvariantCulture)}); write 'unknown' when the figure is not known");
        return false;
    }

    private static void CheckNamesAreUnique(List<Accelerator> accelerators, List<Problem> problems)
    {
        var seen = new Dictionary<string, Accelerator>(StringComparer.Ordinal);
        foreach (var accelerator in accelerators)
        {
            foreach (var name in new[] { accelerator.Id, accelerator.Name }.Concat(accelerator.Aliases).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var key = AcceleratorCatalog.LookupKey(name);
                if (seen.TryGetValue(key, out var other) && other != accelerator)
                {
                    problems.Add(new Problem(accelerator.DefinedAt, $"accelerators[{accelerator.Id}]", $"the name '{name}' is already used by {other.Id} ({other.DefinedAt})"));
                }
                else
                {
                    seen[key] = accelerator;
                }
            }
        }
    }

    /// <summary>An id for a spec file that names none: its file name, folded to lower-case letters, digits and hyphens.</summary>
    private static string SpecId(string file)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(file).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return stem.Length == 0 ? "spec" : "spec-" + stem;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
