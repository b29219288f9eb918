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
    private static readonly string[] Sections = ["prices", "reference_systems", "default_overhead", "sectors", "import_route"];

    public static ParseResult<PlanningData> Parse(IEnumerable<SourceText> files, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<Problem>();
        var prices = new Dictionary<string, PriceQuote>(StringComparer.Ordinal);
        var systems = new List<ReferenceSystem>();
        var sectors = new List<BuyerSector>();
        ImportRoute? route = null;
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

            if (document.Mapping("import_route", required: false) is { } routeFields)
            {
                if (route is not null)
                {
                    routeFields.Report("destination", $"import_route is already defined at {route.DefinedAt}");
                }

                route = ReadRoute(routeFields) ?? route;
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

        if (route is null && problems.Count == 0)
        {
            problems.Add(new Problem(SourceLocation.StartOf("planning"), "import_route", "no planning file defines import_route (how an imported chip reaches the buyer)"));
        }

        return problems.Count > 0
            ? ParseResult<PlanningData>.Failure(problems)
            : ParseResult<PlanningData>.Success(new PlanningData(
                prices.ToImmutableSortedDictionary(StringComparer.Ordinal),
                [.. systems],
                overhead!,
                [.. sectors],
                route!));
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

    private static BuyerSector? ReadSector(YamlFields fields)
    {
        var before = fields.Problems.Count;
        var id = fields.Text("id", required: true) ?? "?";
        var entry = fields.WithPath($"{fields.Path}[{id}]");
        var title = entry.Text("title", required: true);
        var order = entry.Mapping("order", required: true);
        string? sector = null, endUse = null;
        bool? stateOwned = null, critical = null, stateFunded = null;
        double? completion = null;
        if (order is not null)
        {
            sector = order.Text("sector", required: true);
            endUse = order.Text("end_use", required: true);
            stateOwned = Flag(order, "state_owned");
            critical = Flag(order, "critical_infrastructure");
            stateFunded = Flag(order, "state_funded_project");
            completion = order.Number("project_completion_percent", required: false);
            if (completion is < 0 or > 100)
            {
                order.Report("project_completion_percent", $"must be between 0 and 100 (got {completion.Value.ToString(CultureInfo.InvariantCulture)})");
            }

            order.RejectUnknownKeys("sector", "end_use", "state_owned", "critical_infrastructure", "state_funded_project", "project_completion_percent");
        }

        var confidence = ReadConfidence(entry);
        var notes = entry.Text("notes", required: false);
        var citations = CitationFields.Read(entry);
        entry.RejectUnknownKeys("id", "title", "order", "confidence", "notes", "citations");
        return fields.Problems.Count > before
            ? null
            : new BuyerSector(id, title!, sector!, endUse!, stateOwned!.Value, critical!.Value, stateFunded!.Value, completion, confidence, notes, citations, entry.Location);
    }

    private static ImportRoute? ReadRoute(YamlFields fields)
    {
        var before = fields.Problems.Count;
        var destination = Country(fields, "destination");
        var origin = Country(fields, "export_origin");
        var usEntry = Flag(fields, "us_entry");
        var hts = fields.Text("hts_code", required: true);
        var confidence = ReadConfidence(fields);
        var notes = fields.Text("notes", required: false);
        var citations = CitationFields.Read(fields);
        fields.RejectUnknownKeys("destination", "export_origin", "us_entry", "hts_code", "confidence", "notes", "citations");
        return fields.Problems.Count > before ? null : new ImportRoute(destination!, origin!, usEntry!.Value, hts!, confidence, notes, citations, fields.Location);
    }

    private static string? Country(YamlFields fields, string key)
    {
        var text = fields.Text(key, required: true);
        if (text is not null && (text.Length != 2 || !text.All(char.IsAsciiLetterUpper)))
        {
            fields.Report(key, $"'{YamlFields.Clip(text)}' is not an ISO 3166 country code; write two capital letters such as CN");
            return null;
        }

        return text;
    }

    private static bool? Flag(YamlFields fields, string key)
    {
        var text = fields.Text(key, required: true);
        switch (text)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                fields.Report(key, $"'{YamlFields.Clip(text)}' is not true or false");
                return null;
        }
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
