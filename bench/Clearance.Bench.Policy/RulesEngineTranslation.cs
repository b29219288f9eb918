using System.Globalization;
using System.Text;
using Clearance.Core.Expressions;
using Clearance.Core.Policy;
using RulesEngine.Models;

namespace Clearance.Bench.Policy;

/// <summary>An order flattened into the plain object RulesEngine's lambda expressions read (input1).</summary>
public sealed class FlatOrder
{
    public string Product { get; set; } = "";
    public string Vendor { get; set; } = "";
    public string? Architecture { get; set; }
    public string DesignCountry { get; set; } = "";
    public bool Datacenter { get; set; }
    public HashSet<string> Designations { get; set; } = [];
    public double? Tpp { get; set; }
    public double? PerformanceDensity { get; set; }
    public double? MemoryBandwidthGbps { get; set; }
    public double Quantity { get; set; }
    public double UnitValue { get; set; }
    public double TotalValue { get; set; }
    public string Currency { get; set; } = "";
    public string Destination { get; set; } = "";
    public string? ExportOrigin { get; set; }
    public bool? UsEntry { get; set; }
    public string? HtsCode { get; set; }
    public string Customer { get; set; } = "";
    public string CustomerParent { get; set; } = "";
    public string CustomerCountry { get; set; } = "";
    public string? ConsigneeCountry { get; set; }
    public string? EndUserCountry { get; set; }
    public HashSet<string> PartyCountries { get; set; } = [];
    public HashSet<string> PartyHeadquarters { get; set; } = [];
    public HashSet<string> ListHits { get; set; } = [];
    public string? Sector { get; set; }
    public string? EndUse { get; set; }
    public bool? StateOwned { get; set; }
    public bool? CriticalInfrastructure { get; set; }
    public bool? StateFundedProject { get; set; }
    public double? ProjectCompletionPercent { get; set; }
    public double? DomesticSharePercent { get; set; }
    public int OrderDay { get; set; }
    public int AsOfDay { get; set; }

    public static FlatOrder From(Order order, ChipProfile chip, DateOnly asOf) => new()
    {
        Product = chip.Accelerator.Id,
        Vendor = chip.Accelerator.Vendor,
        Architecture = chip.Accelerator.Architecture,
        DesignCountry = chip.Accelerator.DesignCountry,
        Datacenter = chip.Accelerator.Market == Core.Catalog.Market.Datacenter,
        Designations = new HashSet<string>(chip.Designations, StringComparer.OrdinalIgnoreCase),
        Tpp = chip.Figures.Tpp?.Value,
        PerformanceDensity = chip.Figures.PerformanceDensity?.Value,
        MemoryBandwidthGbps = chip.Accelerator.MemoryBandwidth?.Value.Value,
        Quantity = order.Quantity,
        UnitValue = (double)order.UnitValue,
        TotalValue = (double)order.TotalValue,
        Currency = order.Currency,
        Destination = order.Destination,
        ExportOrigin = order.ExportOrigin,
        UsEntry = order.UsEntry,
        HtsCode = order.HtsCode,
        Customer = order.Customer.Name,
        CustomerParent = order.Customer.UltimateParent ?? order.Customer.Name,
        CustomerCountry = order.Customer.Country,
        ConsigneeCountry = order.Consignee?.Country,
        EndUserCountry = order.EndUser?.Country,
        PartyCountries = new HashSet<string>(order.Parties.Select(p => p.Country), StringComparer.OrdinalIgnoreCase),
        PartyHeadquarters = new HashSet<string>(order.Parties.SelectMany(p => new[] { p.EffectiveHeadquartersCountry, p.EffectiveUltimateParentCountry }), StringComparer.OrdinalIgnoreCase),
        ListHits = new HashSet<string>(order.ListHits, StringComparer.OrdinalIgnoreCase),
        Sector = order.Sector,
        EndUse = order.EndUse,
        StateOwned = order.StateOwned,
        CriticalInfrastructure = order.CriticalInfrastructure,
        StateFundedProject = order.StateFundedProject,
        ProjectCompletionPercent = order.ProjectCompletionPercent,
        DomesticSharePercent = order.DomesticSharePercent,
        OrderDay = order.OrderDate.DayNumber,
        AsOfDay = asOf.DayNumber,
    };
}

/// <summary>
/// Expresses the shipped packs for Microsoft RulesEngine: every rule becomes a lambda expression over <see cref="FlatOrder"/>
/// (its effective dates and its pack's scope included), translated mechanically from the same parsed conditions, so both
/// engines run the same rule set. RulesEngine has no three-valued logic: unknown facts compare as in C# (false).
/// </summary>
public static class RulesEngineTranslation
{
    public static Workflow Workflow(PolicyLibrary library) => new()
    {
        WorkflowName = "policy",
        Rules = [.. library.Rules.Select((r, i) => new Rule
        {
            RuleName = i.ToString(CultureInfo.InvariantCulture),
            RuleExpressionType = RuleExpressionType.LambdaExpression,
            Expression = Expression(r.Pack, r.Rule),
        })],
    };

    public static string Expression(PolicyPack pack, PolicyRule rule)
    {
        var parameters = pack.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("input1.AsOfDay >= ").Append(rule.EffectiveFrom.DayNumber.ToString(CultureInfo.InvariantCulture));
        if (rule.EffectiveTo is { } to)
        {
            text.Append(" && input1.AsOfDay <= ").Append(to.DayNumber.ToString(CultureInfo.InvariantCulture));
        }

        if (pack.Scope is { } scope)
        {
            text.Append(" && (").Append(Translate(scope.Syntax, parameters, asCondition: true)).Append(')');
        }

        return text.Append(" && (").Append(Translate(rule.When.Syntax, parameters, asCondition: true)).Append(')').ToString();
    }

    private static string Translate(Syntax syntax, IReadOnlyDictionary<string, PackParameter> parameters, bool asCondition = false) => syntax switch
    {
        NumberLiteral n => n.Value.ToString("R", CultureInfo.InvariantCulture),
        TextLiteral t => Quote(t.Value),
        DateLiteral d => d.Value.DayNumber.ToString(CultureInfo.InvariantCulture),
        BooleanLiteral b => b.Value ? "true" : "false",
        FactReference f when parameters.TryGetValue(f.Name, out var p) && p.Number is { } number => number.ToString("R", CultureInfo.InvariantCulture),
        FactReference f when asCondition && IsNullableBoolean(f.Name) => $"(input1.{Property(f.Name)} == true)",
        FactReference f => "input1." + Property(f.Name),
        Unary { Operator: "not" } u => "!(" + Translate(u.Operand, parameters, asCondition: true) + ")",
        Unary u => "-(" + Translate(u.Operand, parameters) + ")",
        Binary { Operator: "and" or "or" } b => $"({Translate(b.Left, parameters, true)} {(b.Operator == "and" ? "&&" : "||")} {Translate(b.Right, parameters, true)})",
        Binary { Operator: "in" or "not in" } b => (b.Operator == "in" ? "" : "!") + "(" + Membership(b.Left, b.Right, parameters) + ")",
        Binary b => $"({Translate(b.Left, parameters)} {b.Operator} {Translate(b.Right, parameters)})",
        Call { Function: "intersects" } c => "(" + Intersects(c.Arguments[0], c.Arguments[1], parameters) + ")",
        Call { Function: "starts_with" } c => $"({Translate(c.Arguments[0], parameters)} != null && {Translate(c.Arguments[0], parameters)}.StartsWith({Translate(c.Arguments[1], parameters)}))",
        Call { Function: "known" } c => $"({Translate(c.Arguments[0], parameters)} != null)",
        Call c => $"Math.{(c.Function == "min" ? "Min" : "Max")}({Translate(c.Arguments[0], parameters)}, {Translate(c.Arguments[1], parameters)})",
        _ => throw new NotSupportedException(syntax.ToString()),
    };

    private static string Membership(Syntax element, Syntax set, IReadOnlyDictionary<string, PackParameter> parameters) =>
        Literals(set, parameters) is { } literals
            ? string.Join(" || ", literals.Select(l => $"{Translate(element, parameters)} == {Quote(l)}"))
            : $"{Translate(set, parameters)}.Contains({Translate(element, parameters)})";

    private static string Intersects(Syntax left, Syntax right, IReadOnlyDictionary<string, PackParameter> parameters)
    {
        var (set, other) = Literals(right, parameters) is not null ? (left, right) : (right, left);
        return Literals(other, parameters) is { } literals
            ? string.Join(" || ", literals.Select(l => $"{Translate(set, parameters)}.Contains({Quote(l)})"))
            : $"{Translate(left, parameters)}.Any(x => {Translate(right, parameters)}.Contains(x))";
    }

    private static IEnumerable<string>? Literals(Syntax syntax, IReadOnlyDictionary<string, PackParameter> parameters) => syntax switch
    {
        ListLiteral list => list.Items.OfType<TextLiteral>().Select(t => t.Value),
        FactReference f when parameters.TryGetValue(f.Name, out var p) && p.IsList => p.Texts,
        _ => null,
    };

    private static bool IsNullableBoolean(string fact) => fact is "us_entry" or "state_owned" or "critical_infrastructure" or "state_funded_project";

    private static string Property(string fact) => fact switch
    {
        "order_date" => "OrderDay",
        "as_of" => "AsOfDay",
        _ => string.Concat(fact.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
