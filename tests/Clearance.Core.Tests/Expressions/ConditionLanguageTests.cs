using Clearance.Core.Expressions;
using CsCheck;

namespace Clearance.Core.Tests.Expressions;

public sealed class ConditionLanguageTests
{
    private sealed record Facts(double? Tpp, double? Density, string? Market, DateOnly? Date, IReadOnlySet<string>? Countries, bool? Flag);

    private static readonly FactSchema<Facts> Schema = new FactSchema<Facts>()
        .Number("tpp", f => f.Tpp, "TPP")
        .Number("performance_density", f => f.Density, "PD")
        .Text("market", f => f.Market, "market")
        .Date("date", f => f.Date, "date")
        .TextSet("countries", f => f.Countries, "countries")
        .Boolean("flag", f => f.Flag, "flag");

    private static readonly Facts Known = new(5000, 6.5, "datacenter", new DateOnly(2025, 8, 11), new HashSet<string>(["CN", "MO"], StringComparer.OrdinalIgnoreCase), true);

    private static readonly Facts Unknown = new(null, null, null, null, null, null);

    private static bool? Eval(string text, Facts facts)
    {
        var (condition, error) = Schema.CompileCondition(text);
        Assert.True(error is null, error?.Message);
        return condition!.Evaluate(facts);
    }

    [Theory]
    [InlineData("tpp >= 4800", true)]
    [InlineData("tpp >= 4_800 and performance_density < 5.92", false)]
    [InlineData("tpp > 1000 * 5 or market == \"DataCenter\"", true)]
    [InlineData("not (tpp < 4800)", true)]
    [InlineData("date >= 2025-08-11 and date < 2026-01-15", true)]
    [InlineData("\"cn\" in countries", true)]
    [InlineData("market in [\"consumer\", \"workstation\"]", false)]
    [InlineData("market not in [\"consumer\"]", true)]
    [InlineData("intersects(countries, [\"MO\", \"HK\"])", true)]
    [InlineData("starts_with(market, \"data\")", true)]
    [InlineData("max(tpp, 7000) == 7000 and min(tpp, 7000) == 5000", true)]
    [InlineData("tpp / 0 > 1", null)]
    [InlineData("flag == true and -tpp < 0", true)]
    public void Evaluate_KnownFacts(string text, bool? expected) => Assert.Equal(expected, Eval(text, Known));

    [Theory]
    [InlineData("tpp >= 4800", null)]
    [InlineData("tpp >= 4800 or true", true)]
    [InlineData("tpp >= 4800 and false", false)]
    [InlineData("false and tpp >= 4800", false)]
    [InlineData("not (tpp >= 4800)", null)]
    [InlineData("known(tpp)", false)]
    [InlineData("not known(market) or market == \"x\"", true)]
    [InlineData("\"CN\" in countries", null)]
    public void Evaluate_UnknownFacts_FollowsKleeneLogic(string text, bool? expected) => Assert.Equal(expected, Eval(text, Unknown));

    [Theory]
    [InlineData("tpp >= 4800 and performance_density < 5.92 or not (market == \"consumer\")")]
    [InlineData("(tpp > 1000 * 5 or tpp / performance_density <= 900) and flag != false")]
    [InlineData("max(tpp, 7000) == 7000 and min(tpp, -performance_density) < 0 or known(date) and not known(countries)")]
    [InlineData("date >= 2025-08-11 and date < 2026-01-15 or date == 2024-01-01")]
    [InlineData("market in [\"consumer\", \"workstation\", \"DATACENTER\"] and \"cn\" in countries")]
    [InlineData("market not in [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"consumer\"] or market != \"x\"")]
    [InlineData("intersects(countries, [\"MO\", \"HK\"]) or intersects([\"US\"], countries) and starts_with(market, \"data\")")]
    [InlineData("flag == (tpp > 4800) and not flag or intersects([\"a\"], [\"A\"])")]
    public void Evaluate_TheWholeCompiledCondition_AgreesWithItsPerNodeDelegates(string text)
    {
        var (condition, error) = Schema.CompileCondition(text);
        Assert.True(error is null, error?.Message);
        var countries = Gen.OneOf<string>(["CN", "cn", "MO", "US", "DE"]).Array[0, 3].Select(a => (IReadOnlySet<string>)new HashSet<string>(a, StringComparer.OrdinalIgnoreCase));
        var facts = Gen.Select(
            Gen.Double[-10, 20_000].Nullable(0.25), Gen.Double[0, 10].Nullable(0.25), Gen.OneOf<string>(["datacenter", "Consumer", "x", "data"]).Null(0.25),
            Gen.Int[0, 1500].Select(d => new DateOnly(2023, 1, 1).AddDays(d)).Nullable(0.25), countries.Null(0.25), Gen.Bool.Nullable(0.25),
            (tpp, density, market, date, set, flag) => new Facts(tpp, density, market, date, set, flag));

        facts.Sample(f => condition!.Evaluate(f) == condition.EvaluateByNodes(f), iter: 2000);
    }

    [Theory]
    [InlineData("tpp >= ", 7, "ends where a value")]
    [InlineData("tpp >= 4,800", 7, "thousands separators")]
    [InlineData("tpp >= 4800 W", 12, "unexpected 'W'")]
    [InlineData("tpp = 4800", 4, "write == to compare")]
    [InlineData("tpp >= 4800 && market == \"x\"", 12, "write and, or, not")]
    [InlineData("tpd >= 4800", 0, "did you mean 'tpp'")]
    [InlineData("tpp >= \"4800\"", 0, "cannot compare a number with a text")]
    [InlineData("tpp + 1", 0, "must be true or false")]
    [InlineData("market >= \"a\"", 0, "does not apply to a text")]
    [InlineData("date >= 2025-02-30", 8, "not a calendar date")]
    [InlineData("market in [1, 2]", 11, "quoted texts only")]
    [InlineData("frobnicate(tpp)", 0, "unknown function")]
    [InlineData("known(tpp, tpp)", 0, "takes 1 argument")]
    [InlineData("(tpp > 1", 8, "expected ')'")]
    [InlineData("\"open", 0, "not closed")]
    public void Compile_BadCondition_ReportsWhereAndWhat(string text, int offset, string message)
    {
        var (condition, error) = Schema.CompileCondition(text);

        Assert.Null(condition);
        Assert.NotNull(error);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ListsEveryTestWithItsValues()
    {
        var (condition, _) = Schema.CompileCondition("tpp >= 4800 or (tpp >= 1600 and performance_density >= 5.92)");

        var traces = condition!.Explain(Known with { Density = null });

        Assert.Equal(3, traces.Length);
        Assert.Equal(new TestTrace("tpp >= 4800", "tpp = 5,000", "4,800", true), traces[0]);
        Assert.Null(traces[2].Outcome);
        Assert.Equal("performance_density = unknown", traces[2].Left);
        Assert.Equal(["performance_density", "tpp"], condition.FactsNamed.ToArray());
    }

    [Fact]
    public void CompileNumber_ComputesAmounts()
    {
        var (amount, error) = Schema.CompileNumber("tpp * 0.25");

        Assert.Null(error);
        Assert.Equal(1250, amount!(Known));
        Assert.Null(amount(Unknown));
    }
}
