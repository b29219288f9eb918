using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// A short job (3 warm-ups, 5 measured iterations) so a full run takes minutes on a 2-core machine. It runs in
// process: BenchmarkDotNet's generated-project build times out (2 min) on a machine shared with other builds.
var job = Job.Default.WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance).WithId("short-in-process");
BenchmarkSwitcher.FromAssembly(typeof(Clearance.Bench.Planning.PlanningBenchmarks).Assembly).Run(args, DefaultConfig.Instance.AddJob(job));
