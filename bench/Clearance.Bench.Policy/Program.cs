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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
