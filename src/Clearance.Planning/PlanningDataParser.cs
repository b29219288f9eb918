using System.Collections.Immutable;
using System.Globalization;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;
using Clearance.Core.Units;
using YamlDotNet.RepresentationModel;

namespace Clearance.Planning;

/// <summary>
/// Reads the planner's tables (prices, reference systems, default overhead, sectors) from YAML or JSON text and checks
/// them against the catalog. Any problem in any file yields no tables at all, each problem with file, line and field.
/// </summary>
public static class PlanningDataParser
{
    private static readonly string[] Sections = ["prices", "reference_systems", "default_overhead", "sectors", "duties"];

    public static ParseResult<PlanningData> Parse(IEnumerable<SourceText> files, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<Problem>();
        var prices = new Dictionary<string, PriceQuote>(StringComparer.Ordinal);
        var systems = new List<ReferenceSystem>();
        var sectors = new List<SectorRule>();
        var duties = new List<DutyRule>();
        DefaultOverhead? overhead = null;

        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (YamlFields.LoadRoot(file.Name, file.Text, problems) is not { } root)
            {
                continue;
            }

            if (root is not YamlMappingNode mapping)
            {
                problems.Add(new Problem(YamlFields.LocationOf(root, file.Name), "", $"a planning file must be a mapping with any of: {string.Join(", ", Sections)}"));
                continue;
            }

            var document = new YamlFields(mapping, file.Name, "", problems);
            foreach (var (fields, _) in document.Mappings("prices", required: false))
            {
                if (ReadPrice(fields, catalog) is { } price && !prices.TryAdd(price.ChipId, price))
                {
                    fields.Report("chip", $"'{price.ChipId}' already has a price at {prices[price.ChipId].DefinedAt}");
                }
            }

            foreach (var (fields, _) in document.Mappings("reference_systems", required: false))
            {
                if (ReadSystem(fields, catalog) is { } system)
                {
                    if (systems.Any(s => s.Id == system.Id || s.ChipId == system.ChipId))
                    {
                        fields.Report("id", $"'{system.Id}' (chip {system.ChipId}) repeats the id or chip of another reference system");
                    }

                    systems.Add(system);
                }
            }

            if (document.Mapping("default_overhead", required: false) is { } overheadFields)
            {
                if (overhead is not null)
                {
                    overheadFields.Report("fraction_of_tdp", $"default_overhead is already defined at {overhead.DefinedAt}");
                }

                overhead = ReadOverhead(overheadFields) ?? overhead;
            }

            foreach (var (fields, _) in document.Mappings("sectors", required: false))
            {
                if (ReadSector(fields) is { } sector)
                {
                    if (sectors.Any(s => s.Id == sector.Id))
                    {
                        fields.Report("id", $"the sector '{sector.Id}' is defined twice");
                    }

                    sectors.Add(sector);
                }
            }

            foreach (var (fields, _) in document.Mappings("duties", required: false))
            {
                if (ReadDuty(fields) is { } duty)
                {
                    if (duties.Any(d => d.Designation == duty.Designation))
                    {
                        fields.Report("designation", $"'{duty.Designation}' already has a duty");
                    }

                    duties.Add(duty);
                }
            }

            if (!Sections.Any(document.Has))
            {
                problems.Add(new Problem(document.Location, "", $"a planning file needs at least one of: {string.Join(", ", Sections)}"));
            }

            document.RejectUnknownKeys(Sections);
        }

        if (overhead is null && problems.Count == 0)
        {
            problems.Add(new Problem(SourceLocation.StartOf("planning"), "default_overhead", "no planning file defines default_overhead (the system share of power for chips without a reference system)"));
        }

        if (overhead is not null && systems.All(s => s.Id != overhead.DerivedFrom))
        {
            problems.Add(new Problem(overhead.DefinedAt, "default_overhead.derived_from", $"names '{overhead.DerivedFrom}', which no reference_systems entry defines"));
        }

        if (sectors.Count == 0 && problems.Count == 0)
        {
            problems.Add(new Problem(SourceLocation.StartOf("planning"), "sectors", "no planning file defines any sector"));
        }

        return problems.Count > 0
            ? ParseResult<PlanningData>.Failure(problems)
            : ParseResult<PlanningData>.Success(new PlanningData(
                prices.ToImmutableSortedDictionary(StringComparer.Ordinal),
                [.. systems],
                overhead!,
                [.. sectors],
                [.. duties]));
    }

    private static PriceQuote? ReadPrice(YamlFields fields, AcceleratorCatalog catalog)
    {
        var before = fields.Problems.Count;
        var chip = ReadChip(fields, catalog);
        var entry = fields.WithPath($"{fields.Path}[{chip ?? "?"}]");
        var usd = Positive(entry, "usd", required: true);
        var observed = entry.Date("observed", required: true);
        var basis = entry.Text("basis", required: true);
        var confidence = ReadConfidence(entry);
        var citations = CitationFields.Read(entry);
        entry.RejectUnknownKeys("chip", "usd", "observed", "basis", "confidence", "citations");
        return fields.Problems.Count > before
            ? null
            : new PriceQuote(chip!, new UsDollars((decimal)usd!.Value), observed!.Value, basis!, confidence, citations, entry.Location);
    }

    private static ReferenceSystem? ReadSystem(YamlFields fields, AcceleratorCatalog catalog)
    {
        var before = fields.Problems.Count;
        var id = fields.Text("id", required: true) ?? "?";
        var entry = fields.WithPath($"{fields.Path}[{id}]");
        var name = entry.Text("name", required: true);
        var chip = ReadChip(entry, catalog);
        var chips = Positive(entry, "chips", required: true);
        if (chips is { } count && count != Math.Floor(count))
        {
            entry.Report("chips", "must be a whole number");
        }

        var pflops = Positive(entry, "dense_bf16_pflops", required: true);
        var power = Positive(entry, "power_kw", required: true);
        var confidence = ReadConfidence(entry);
        var notes = entry.Text("notes", required: false);
        var citations = CitationFields.Read(entry);
        entry.RejectUnknownKeys("id", "name", "chip", "chips", "dense_bf16_pflops", "power_kw", "confidence", "notes", "citations");
        return fields.Problems.Count > before
            ? null
            : new ReferenceSystem(id, name!, chip!, (int)chips!.Value, pflops!.Value, power!.Value, confidence, notes, citations, entry.Location);
    }

    private static DefaultOverhead? ReadOverhead(YamlFields fields)
    {
        var before = fields.Problems.Count;
        var fraction = fields.Number("fraction_of_tdp", required: true);
        if (fraction is { } f && (f < 0 || f > 10))
        {
            fields.Report("fraction_of_tdp", $"must be between 0 and 10 (got {f.ToString(CultureInfo.InvariantCulture)})");
        }

        var derivedFrom = fields.Text("derived_from", required: true);
        var confidence = ReadConfidence(fields);
        var notes = fields.Text("notes", required: false);
        fields.RejectUnknownKeys("fraction_of_tdp", "derived_from", "confidence", "notes");
        return fields.Problems.Count > before ? null : new DefaultOverhead(fraction!.Value, derivedFrom!, confidence, notes, fields.Location);
    }

    private static SectorRule? ReadSector(YamlFields fields)
    {
        var before = fields.Problems.Count;
        var id = fields.Text("id", required: true) ?? "?";
        var entry = fields.WithPath($"{fields.Path}[{id}]");
        var title = entry.Text("title", required: true);
        if (!entry.Has("domestic_only_from"))
        {
            entry.Report("domestic_only_from", "is required; write null when the sector may import");
        }

        var from = entry.Date("domestic_only_from", required: false);
        var confidence = ReadConfidence(entry);
        var notes = entry.Text("notes", required: false);
        var citations = CitationFields.Read(entry);
        entry.RejectUnknownKeys("id", "title", "domestic_only_from", "confidence", "notes", "citations");
        return fields.Problems.Count > before ? null : new SectorRule(id, title!, from, confidence, notes, citations, entry.Location);
    }

    private static DutyRule? ReadDuty(YamlFields fields)
    {
        var before = fields.Problems.Count;
        var designation = fields.Text("designation", required: true) ?? "?";
        var entry = fields.WithPath($"{fields.Path}[{designation}]");
        var rate = Positive(entry, "rate_percent", required: true);
        if (rate is > 100)
        {
            entry.Report("rate_percent", $"must be at most 100 (got {rate.Value.ToString(CultureInfo.InvariantCulture)}); write 25 for 25%");
        }

        var confidence = ReadConfidence(entry);
        var notes = entry.Text("notes", required: false);
        var citations = CitationFields.Read(entry);
        entry.RejectUnknownKeys("designation", "rate_percent", "confidence", "notes", "citations");
        return fields.Problems.Count > before ? null : new DutyRule(designation, (decimal)rate!.Value, confidence, notes, citations, entry.Location);
    }

    private static string? ReadChip(YamlFields fields, AcceleratorCatalog catalog)
    {
        var chip = fields.Text("chip", required: true);
        if (chip is null)
        {
            return null;
        }

        if (catalog.Find(chip) is { } accelerator && accelerator.Id == chip)
        {
            return chip;
        }

        var suggestions = catalog.Suggest(chip);
        fields.Report("chip", $"'{YamlFields.Clip(chip)}' is not a catalog id" + (suggestions.Count > 0 ? $"; did you mean {string.Join(", ", suggestions)}?" : ""));
        return null;
    }

    private static double? Positive(YamlFields fields, string key, bool required)
    {
        var value = fields.Number(key, required);
        if (value is { } v && v <= 0)
        {
            fields.Report(key, $"must be greater than zero (got {v.ToString(CultureInfo.InvariantCulture)})");
            return null;
        }

        return value;
    }

    private static Confidence ReadConfidence(YamlFields fields)
    {
        var text = fields.Text("confidence", required: true);
        if (text is not null && Enum.TryParse<Confidence>(text, ignoreCase: true, out var confidence) && !int.TryParse(text, out _))
        {
            return confidence;
        }

        if (text is not null)
        {
            fields.Report("confidence", $"'{YamlFields.Clip(text)}' is not a confidence; use one of: {string.Join(", ", Enum.GetNames<Confidence>().Select(n => n.ToLowerInvariant()))}");
        }

        return Confidence.Unverified;
    }
}
