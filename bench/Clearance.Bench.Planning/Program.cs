using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// A short job (3 warm-ups, 5 measured iterations) so a full run takes minutes on a 2-core machine.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1).WithId("short-planner"));
BenchmarkSwitcher.FromAssembly(typeof(Clearance.Bench.Planning.PlanningBenchmarks).Assembly).Run(args, config);
