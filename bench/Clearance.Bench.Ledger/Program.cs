using BenchmarkDotNet.Running;
using Clearance.Bench.Ledger;

if (args is ["quick", ..])
{
    QuickTiming.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ShipmentThroughput).Assembly).Run(args);
