using System.Collections.Immutable;
using System.Globalization;
using Clearance.Core.Catalog;
using Clearance.Core.Parsing;
using YamlDotNet.RepresentationModel;

namespace Clearance.Core.Policy;

/// <summary>One row of an order book: the order, or every problem that kept it from being one.</summary>
public readonly record struct OrderRow(int Line, Order? Order, ImmutableArray<Problem> Problems)
{
    public bool Accepted => Order is not null;
}

/// <summary>
/// The fields of order books (CSV columns or JSON keys), and how one row's texts become an <see cref="Order"/>.
/// Every field is checked; a row with any problem is rejected whole and its problems name file, line, column and field.
/// </summary>
public static class OrderBook
{
    public static readonly ImmutableArray<string> Required = ["id", "order_date", "product", "quantity", "unit_value", "destination", "customer", "customer_country"];

    public static readonly ImmutableArray<string> Fields =
    [
        "id", "order_date", "product", "quantity", "unit_value", "currency", "destination", "export_origin", "us_entry", "hts_code",
        "customer", "customer_country", "customer_hq_country", "customer_parent", "customer_parent_country",
        "consignee", "consignee_country", "end_user", "end_user_country", "end_user_hq_country",
        "sector", "end_use", "state_owned", "critical_infrastructure", "state_funded_project",
        "project_completion_percent", "domestic_share_percent", "list_hits",
    ];

    private const int MaxText = 200;

    /// <summary>Builds an order from one row's field texts; <paramref name="at"/> gives each field's location.</summary>
    public static OrderRow Build(int line, Func<string, string?> value, Func<string, SourceLocation> at, AcceleratorCatalog catalog, Dictionary<string, string?>? productCache = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(catalog);
        List<Problem>? problems = null;
        void Report(string field, string message) => (problems ??= []).Add(new Problem(at(field), field, message));

        string? Text(string field, bool required = false)
        {
            var text = value(field)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (required)
                {
                    Report(field, "is required");
                }

                return null;
            }

            if (text.Length > MaxText)
            {
                Report(field, $"is {text.Length} characters long; at most {MaxText} are allowed");
                return null;
            }

            foreach (var c in text)
            {
                if (char.IsControl(c))
                {
                    Report(field, $"contains the control character U+{(int)c:X4}");
                    return null;
                }

                if (c == '\uFFFD')
                {
                    // What a reader makes of bytes that are not UTF-8: the text as sent is not known.
                    Report(field, "contains bytes that are not UTF-8 (read as U+FFFD); send the text as UTF-8");
                    return null;
                }
            }

            return text;
        }

        string? Country(string field, bool required = false)
        {
            var text = Text(field, required);
            if (text is null)
            {
                return null;
            }

            if (text.Length == 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]))
            {
                return text.ToUpperInvariant();
            }

            Report(field, $"'{YamlFields.Clip(text)}' is not an ISO 3166 country code such as CN or US");
            return null;
        }

        bool? Flag(string field)
        {
            var text = Text(field);
            switch (text?.ToLowerInvariant())
            {
                case null:
                    return null;
                case "true" or "yes" or "y" or "1":
                    return true;
                case "false" or "no" or "n" or "0":
                    return false;
                default:
                    Report(field, $"'{YamlFields.Clip(text)}' is not true or false");
                    return null;
            }
        }

        double? Percent(string field)
        {
            var text = Text(field);
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
            {
                return percent;
            }

            Report(field, $"'{YamlFields.Clip(text)}' is not a percentage from 0 to 100");
            return null;
        }

        var id = Text("id", required: true);
        DateOnly? date = null;
        if (Text("order_date", required: true) is { } dateText)
        {
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                date = parsed;
            }
            else
            {
                Report("order_date", $"'{YamlFields.Clip(dateText)}' is not a date; write YYYY-MM-DD");
            }
        }

        string? product = null;
        if (Text("product", required: true) is { } productText)
        {
            if (productCache is null || !productCache.TryGetValue(productText, out product))
            {
                product = catalog.Find(productText)?.Id;
                productCache?.TryAdd(productText, product);
            }

            if (product is null)
            {
                var suggestions = catalog.Suggest(productText);
                Report("product", $"unknown chip '{YamlFields.Clip(productText)}'" + (suggestions.Count > 0 ? $"; did you mean {string.Join(", ", suggestions)}?" : "; it is not in the catalog"));
            }
        }

        int? quantity = null;
        if (Text("quantity", required: true) is { } quantityText)
        {
            if (int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q > 0)
            {
                quantity = q;
            }
            else
            {
                Report("quantity", $"'{YamlFields.Clip(quantityText)}' is not a whole number of units above zero");
            }
        }

        decimal? unitValue = null;
        if (Text("unit_value", required: true) is { } valueText)
        {
            if (decimal.TryParse(valueText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v < 1_000_000_000m)
            {
                unitValue = v;
            }
            else
            {
                Report("unit_value", $"'{YamlFields.Clip(valueText)}' is not an amount; write plain digits such as 31999.99 (no separators or currency signs)");
            }
        }

        var currency = Text("currency") ?? "USD";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            Report("currency", $"'{YamlFields.Clip(currency)}' is not an ISO 4217 code such as USD");
        }

        var destination = Country("destination", required: true);
        var exportOrigin = Country("export_origin");
        var usEntry = Flag("us_entry");
        var hts = Text("hts_code");
        var customerName = Text("customer", required: true);
        var customerCountry = Country("customer_country", required: true);
        var customerHq = Country("customer_hq_country");
        var customerParent = Text("customer_parent");
        var customerParentCountry = Country("customer_parent_country");
        var consigneeName = Text("consignee");
        var consigneeCountry = Country("consignee_country");
        var endUserName = Text("end_user");
        var endUserCountry = Country("end_user_country");
        var endUserHq = Country("end_user_hq_country");
        if (consigneeName is not null != consigneeCountry is not null)
        {
            Report(consigneeName is null ? "consignee" : "consignee_country", "give the consignee's name and country together");
        }

        if (endUserName is not null != endUserCountry is not null)
        {
            Report(endUserName is null ? "end_user" : "end_user_country", "give the end user's name and country together");
        }

        var sector = Text("sector")?.ToLowerInvariant();
        var endUse = Text("end_use")?.ToLowerInvariant();
        var stateOwned = Flag("state_owned");
        var critical = Flag("critical_infrastructure");
        var stateFunded = Flag("state_funded_project");
        var completion = Percent("project_completion_percent");
        var domestic = Percent("domestic_share_percent");
        var hits = Text("list_hits") is { } hitText
            ? hitText.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => h.ToLowerInvariant()).ToImmutableArray()
            : [];

        if (problems is not null)
        {
            return new OrderRow(line, null, [.. problems]);
        }

        return new OrderRow(line, new Order
        {
            Id = id!,
            OrderDate = date!.Value,
            Product = product!,
            Quantity = quantity!.Value,
            UnitValue = unitValue!.Value,
            Currency = currency.ToUpperInvariant(),
            Destination = destination!,
            ExportOrigin = exportOrigin,
            UsEntry = usEntry,
            HtsCode = hts,
            Customer = new Party(customerName!, customerCountry!, customerHq, customerParent, customerParentCountry),
            Consignee = consigneeName is null ? null : new Party(consigneeName, consigneeCountry!),
            EndUser = endUserName is null ? null : new Party(endUserName, endUserCountry!, endUserHq),
            Sector = sector,
            EndUse = endUse,
            StateOwned = stateOwned,
            CriticalInfrastructure = critical,
            StateFundedProject = stateFunded,
            ProjectCompletionPercent = completion,
            DomesticSharePercent = domestic,
            ListHits = hits,
            DefinedAt = at("id"),
        }, []);
    }

    /// <summary>
    /// Reads a JSON (or YAML) order book: a list of order objects, or a mapping whose "orders" key holds one.
    /// Problems that stop the whole file (not JSON, wrong shape) come back as a failure; row problems as rejected rows.
    /// </summary>
    public static ParseResult<IReadOnlyList<OrderRow>> ParseJson(SourceText file, AcceleratorCatalog catalog)
    {
        var parsed = ParseJsonOrders(file, catalog);
        if (!parsed.Succeeded)
        {
            return ParseResult<IReadOnlyList<OrderRow>>.Failure(parsed.Problems);
        }

        return parsed.Value.IsSingleOrder
            ? ParseResult<IReadOnlyList<OrderRow>>.Failure(new Problem(SourceLocation.StartOf(file.Name), "", NotABook))
            : ParseResult<IReadOnlyList<OrderRow>>.Success(parsed.Value.Rows);
    }

    /// <summary>
    /// Reads one order object (fields named as they are) or an order book (a list, or an object whose only key
    /// "orders" holds one; fields named orders[i].field), and says which it was.
    /// </summary>
    public static ParseResult<JsonOrders> ParseJsonOrders(SourceText file, AcceleratorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<Problem>();
        if (YamlFields.LoadRoot(file.Name, file.Text, problems) is not { } root)
        {
            return ParseResult<JsonOrders>.Failure(problems);
        }

        var cache = new Dictionary<string, string?>(StringComparer.Ordinal);
        var list = root switch
        {
            YamlSequenceNode sequence => sequence,
            YamlMappingNode mapping when mapping.Children.TryGetValue(new YamlScalarNode("orders"), out var orders) && orders is YamlSequenceNode sequence && mapping.Children.Count == 1 => sequence,
            _ => null,
        };
        if (list is null)
        {
            return root is YamlMappingNode single
                ? ParseResult<JsonOrders>.Success(new JsonOrders([ReadJsonOrder(single, "", file.Name, catalog, cache)], IsSingleOrder: true))
                : ParseResult<JsonOrders>.Failure(new Problem(YamlFields.LocationOf(root, file.Name), "", NotABook));
        }

        var rows = new List<OrderRow>();
        var index = 0;
        foreach (var item in list)
        {
            if (item is not YamlMappingNode order)
            {
                var location = YamlFields.LocationOf(item, file.Name);
                rows.Add(new OrderRow(location.Line, null, [new Problem(location, $"orders[{index}]", "must be an object of order fields")]));
            }
            else
            {
                rows.Add(ReadJsonOrder(order, $"orders[{index}].", file.Name, catalog, cache));
            }

            index++;
        }

        return ParseResult<JsonOrders>.Success(new JsonOrders(rows, IsSingleOrder: false));
    }

    private const string NotABook = "an order book in JSON is a list of orders, or an object whose only key \"orders\" holds that list";

    /// <summary>One order object; problems name their field with <paramref name="prefix"/> (orders[3].) in front.</summary>
    private static OrderRow ReadJsonOrder(YamlMappingNode order, string prefix, string file, AcceleratorCatalog catalog, Dictionary<string, string?> cache)
    {
        var location = YamlFields.LocationOf(order, file);
        var rowProblems = new List<Problem>();
        var values = new Dictionary<string, (string? Text, SourceLocation At)>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in order.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var at = YamlFields.LocationOf(valueNode, file);
            if (!Fields.Contains(key))
            {
                rowProblems.Add(new Problem(YamlFields.LocationOf(keyNode, file), prefix + key, $"unknown field; expected one of: {string.Join(", ", Fields)}"));
            }
            else if (valueNode is YamlSequenceNode sequence && key == "list_hits")
            {
                values[key] = (string.Join(';', sequence.OfType<YamlScalarNode>().Select(s => s.Value)), at);
            }
            else if (valueNode is YamlScalarNode scalar)
            {
                values[key] = (YamlFields.IsNull(scalar) ? null : scalar.Value, at);
            }
            else
            {
                rowProblems.Add(new Problem(at, prefix + key, "must be a single value"));
            }
        }

        var row = Build(
            location.Line,
            field => values.TryGetValue(field, out var v) ? v.Text : null,
            field => values.TryGetValue(field, out var v) ? v.At : location,
            catalog,
            cache);
        var all = rowProblems.Concat(row.Problems.Select(p => p with { Field = prefix + p.Field })).ToImmutableArray();
        return all.IsEmpty ? row : new OrderRow(location.Line, null, all);
    }
}

/// <summary>The orders read from a JSON body: one order object, or the rows of an order book.</summary>
public sealed record JsonOrders(IReadOnlyList<OrderRow> Rows, bool IsSingleOrder);
