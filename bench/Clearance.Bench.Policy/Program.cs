using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;
using Clearance.Bench.Policy;

// `generate-csv PATH [ROWS]` writes the generated book for the end-to-end `clearance evaluate` timing (bench/evaluate-e2e.sh).
if (args is ["generate-csv", var path, ..])
{
    var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
    OrderBookGenerator.WriteCsv(writer, OrderBookGenerator.Generate(rows));
    Console.WriteLine($"wrote {rows} orders to {path}");
    return;
}

// `agreement` prints how often both engines agree, without benchmarking.
if (args is ["agreement"])
{
    var comparison = new EngineComparison();
    comparison.Setup();
    return;
}

// `parse PATH` times reading a CSV book alone.
if (args is ["parse", var csv])
{
    var library = Shipped.Library;
    for (var round = 0; round < 2; round++)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var reader = new StreamReader(csv, Encoding.UTF8, true, 1 << 16);
        var accepted = Clearance.Core.Policy.OrderCsvReader.Open(reader, csv).Value.Rows(library.Catalog).Count(r => r.Accepted);
        Console.WriteLine($"parse: {accepted} rows in {watch.Elapsed.TotalSeconds:0.00} s");
    }

    return;
}

// `interleaved [ROUNDS]` alternates the two engines on the same slice, round after round, and prints each round's ratio:
// on a shared, loaded machine, alternating cancels the drift that sequential benchmark runs pick up.
if (args is ["interleaved", ..])
{
    var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 9;
    var comparison = new EngineComparison();
    comparison.Setup();
    const int Slice = 5_000;
    var ratios = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        comparison.RulesEngineOn(Slice);
        var rulesEngine = watch.Elapsed.TotalMicroseconds / Slice;
        watch.Restart();
        for (var repeat = 0; repeat < 10; repeat++)
        {
            comparison.ClearanceOn(Slice);
        }

        var clearance = watch.Elapsed.TotalMicroseconds / Slice / 10;
        ratios.Add(rulesEngine / clearance);
        Console.WriteLine($"round {round}: RulesEngine {rulesEngine:0.00} us/decision, Clearance {clearance:0.000} us/decision, {rulesEngine / clearance:0.0}x");
    }

    ratios.Sort();
    Console.WriteLine($"median ratio over {rounds} rounds (first round includes JIT): {ratios[rounds / 2]:0.0}x");
    return;
}

// `profile` times each rule's condition alone over the book, to find where evaluation time goes.
if (args is ["profile"])
{
    var library = Shipped.Library;
    var orders = Shipped.MillionOrders[..200_000];
    var facts = orders.Select(o => new Clearance.Core.Policy.OrderFacts(o, library.Profile(o.Product, o.OrderDate)!, o.OrderDate)).ToArray();
    var statuses = new Clearance.Core.Policy.RuleStatus[library.Rules.Length];
    var verdicts = new Clearance.Core.Policy.Verdict[library.Jurisdictions.Length];
    for (var round = 0; round < 3; round++)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var order in orders)
        {
            library.Decide(order, order.OrderDate, statuses, verdicts);
        }

        Console.WriteLine($"decide: {watch.Elapsed.TotalMilliseconds * 1000 / orders.Length:0.000} us/order");
        watch.Restart();
        var found = 0;
        foreach (var order in orders)
        {
            found += library.Profile(order.Product, order.OrderDate) is null ? 0 : 1;
        }

        Console.WriteLine($"  chip lookup alone: {watch.Elapsed.TotalMilliseconds * 1000 / orders.Length:0.000} us/order ({found})");
    }

    var evaluated = 0L;
    foreach (var order in orders)
    {
        library.Decide(order, order.OrderDate, statuses, verdicts);
        evaluated += statuses.Count(s => s is Clearance.Core.Policy.RuleStatus.Fired or Clearance.Core.Policy.RuleStatus.NotFired or Clearance.Core.Policy.RuleStatus.Undetermined or Clearance.Core.Policy.RuleStatus.Superseded);
    }

    Console.WriteLine($"rules in force and in scope per order: {(double)evaluated / orders.Length:0.0} of {library.Rules.Length}");

    foreach (var (pack, rule) in library.Rules)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var fired = 0;
        foreach (var f in facts)
        {
            fired += rule.When.Evaluate(f) == true ? 1 : 0;
        }

        Console.WriteLine($"{watch.Elapsed.TotalMilliseconds * 1000 / facts.Length,8:0.000} us  {rule.Id} ({fired} fired)");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
