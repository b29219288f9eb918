using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Clearance.Bench.Screening.ScreeningBenchmarks).Assembly).Run(args);
