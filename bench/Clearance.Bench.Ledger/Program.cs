using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Clearance.Bench.Ledger.ShipmentThroughput).Assembly).Run(args);
