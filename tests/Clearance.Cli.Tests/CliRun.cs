using Microsoft.Extensions.Time.Testing;

namespace Clearance.Cli.Tests;

/// <summary>Runs the real command tree in-process with captured output and a fixed clock (2026-11-24).</summary>
internal static class CliRun
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static (int Exit, string Out, string Error) Invoke(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApplication.Run(args, stdout, stderr, new FakeTimeProvider(Now));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
