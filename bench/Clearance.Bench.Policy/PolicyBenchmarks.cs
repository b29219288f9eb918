using BenchmarkDotNet.Attributes;
using Clearance.Core.Policy;
using Clearance.Storage.Files;

namespace Clearance.Bench.Policy;

/// <summary>Loads the shipped data once per process for every benchmark class.</summary>
public static class Shipped
{
    private static readonly Lazy<PolicyLibrary> Loaded = new(() =>
        new DataDirectory(Path.Combine(AppContext.BaseDirectory, "data")).LoadPolicyLibrary() is { Succeeded: true } library
            ? library.Value
            : throw new InvalidOperationException("The shipped data did not load."));

    private static readonly Lazy<Order[]> Book = new(() => OrderBookGenerator.Generate(1_000_000));

    public static PolicyLibrary Library => Loaded.Value;

    /// <summary>The generated 1,000,000-order book.</summary>
    public static Order[] MillionOrders => Book.Value;
}

/// <summary>
/// Decisions per second on the same orders and the same rules: Clearance's compiled packs against Microsoft RulesEngine
/// 6.0.1 (the baseline). Both decide the first <see cref="Orders"/> orders of the generated million-order book, each on its
/// order date; RulesEngine is measured on a slice because a million of its evaluations takes minutes per iteration.
/// </summary>
[MemoryDiagnoser]
public class EngineComparison
{
    public const int Orders = 20_000;

    private Order[] _orders = [];
    private PolicyLibrary _library = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private RuleStatus[] _statuses = [];
    private Verdict[] _byJurisdiction = [];

    [GlobalSetup]
    public void Setup()
    {
        _library = Shipped.Library;
        _orders = Shipped.MillionOrders[..Orders];
        _rulesEngine = new RulesEngine.RulesEngine([RulesEngineTranslation.Workflow(_library)]);
        _statuses = new RuleStatus[_library.Rules.Length];
        _byJurisdiction = new Verdict[_library.Jurisdictions.Length];
        var agreement = Agreement(2_000);
        Console.WriteLine($"// verdicts agree on {agreement.Agree} of {agreement.Compared} orders whose facts are all known ({Restrictive} of them not allowed)");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Orders)]
    public int RulesEngine_6_0_1()
    {
        var checksum = 0;
        foreach (var order in _orders)
        {
            checksum += (int)DecideWithRulesEngine(order);
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = Orders)]
    public int Clearance_CompiledPacks()
    {
        var checksum = 0;
        foreach (var order in _orders)
        {
            checksum += (int)_library.Decide(order, order.OrderDate, _statuses, _byJurisdiction);
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = Orders)]
    public int Clearance_FullDecisionWithExplanations()
    {
        var checksum = 0;
        foreach (var order in _orders)
        {
            checksum += PolicyEvaluator.Evaluate(order, order.OrderDate, _library).Rules.Length;
        }

        return checksum;
    }

    public int RulesEngineOn(int count)
    {
        var checksum = 0;
        foreach (var order in _orders.AsSpan(0, count))
        {
            checksum += (int)DecideWithRulesEngine(order);
        }

        return checksum;
    }

    public int ClearanceOn(int count)
    {
        var checksum = 0;
        foreach (var order in _orders.AsSpan(0, count))
        {
            checksum += (int)_library.Decide(order, order.OrderDate, _statuses, _byJurisdiction);
        }

        return checksum;
    }

    /// <summary>RulesEngine says which rules succeed; superseding and combining are the same few lines Clearance runs.</summary>
    public Verdict DecideWithRulesEngine(Order order)
    {
        var profile = _library.Profile(order.Product, order.OrderDate)!;
        var results = _rulesEngine.ExecuteAllRulesAsync("policy", FlatOrder.From(order, profile, order.OrderDate)).AsTask().GetAwaiter().GetResult();
        var fired = new bool[_library.Rules.Length];
        foreach (var result in results)
        {
            if (!string.IsNullOrEmpty(result.ExceptionMessage))
            {
                throw new InvalidOperationException($"RulesEngine failed on rule {result.Rule.RuleName}: {result.ExceptionMessage}\n{result.Rule.Expression}");
            }

            fired[int.Parse(result.Rule.RuleName, System.Globalization.CultureInfo.InvariantCulture)] = result.IsSuccess;
        }

        var verdict = Verdict.Allowed;
        for (var i = 0; i < fired.Length; i++)
        {
            var (pack, rule) = _library.Rules[i];
            if (fired[i] && !rule.Unless.Any(id => fired[_library.Rules.IndexOf((pack, pack.Rules.First(r => r.Id == id)))]))
            {
                verdict = Verdicts.MostRestrictive(verdict, rule.Verdict);
            }
        }

        return verdict;
    }

    /// <summary>How many compared orders had a verdict other than allowed (so agreement is not trivially "allowed").</summary>
    public int Restrictive { get; private set; }

    /// <summary>Orders where Clearance leaves no rule undetermined, and on how many both engines agree.</summary>
    public (int Compared, int Agree) Agreement(int count)
    {
        var compared = 0;
        var agree = 0;
        foreach (var order in _orders.Take(count))
        {
            var ours = _library.Decide(order, order.OrderDate, _statuses, _byJurisdiction);
            if (_statuses.Any(s => s == RuleStatus.Undetermined))
            {
                continue;
            }

            compared++;
            agree += ours == DecideWithRulesEngine(order) ? 1 : 0;
            Restrictive += ours == Verdict.Allowed ? 0 : 1;
        }

        return (compared, agree);
    }
}

/// <summary>Clearance on the whole generated book: one million decisions per invocation.</summary>
[MemoryDiagnoser]
public class MillionOrderBook
{
    private const int Count = 1_000_000;

    private Order[] _orders = [];
    private PolicyLibrary _library = null!;
    private RuleStatus[] _statuses = [];
    private Verdict[] _byJurisdiction = [];

    [GlobalSetup]
    public void Setup()
    {
        _library = Shipped.Library;
        _orders = Shipped.MillionOrders;
        _statuses = new RuleStatus[_library.Rules.Length];
        _byJurisdiction = new Verdict[_library.Jurisdictions.Length];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Clearance_MillionOrders()
    {
        var checksum = 0;
        foreach (var order in _orders)
        {
            checksum += (int)_library.Decide(order, order.OrderDate, _statuses, _byJurisdiction);
        }

        return checksum;
    }
}
