using Microsoft.Extensions.Time.Testing;

namespace Clearance.Cli.Tests;

/// <summary>The policy commands end to end, through the same entry point as the `clearance` program.</summary>
public sealed class PolicyCommandTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data");

    private readonly string _folder = Directory.CreateTempSubdirectory("clearance-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var exit = CliApplication.Run([.. args, "--data", Data], stdout, stderr, clock);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Evaluate_TheSampleBook_DecidesEveryRow()
    {
        var (exit, output, error) = Run("evaluate", Path.Combine(Data, "samples", "orders.csv"), "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,line,as_of,product,destination,verdict,verdict_cn,verdict_us", lines[0], StringComparison.Ordinal);
        Assert.Equal(41, lines.Length);
        Assert.Contains("40 evaluated, 0 rejected", error, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("SO-2026-003,", StringComparison.Ordinal) && l.Contains("licence-required/case-by-case", StringComparison.Ordinal) && l.Contains("12400000.00", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_MalformedRows_AreReportedWithTheirLinesAndCounted()
    {
        var book = Write("orders.csv", "id,order_date,product,quantity,unit_value,destination,customer,customer_country\n"
            + "A,2026-02-01,H2OO,8,1,CN,X,CN\n"
            + "B,2026-02-01,H200,8,1,CN,X,CN\n"
            + "C,2026-02-30,H200,8,1,CN,X,CN\n");

        var (exit, output, error) = Run("evaluate", book, "--format", "csv");

        Assert.Equal(1, exit);
        Assert.Contains($"rejected: {book}:2:14: product: unknown chip 'H2OO'", error, StringComparison.Ordinal);
        Assert.Contains($"rejected: {book}:4:3: order_date:", error, StringComparison.Ordinal);
        Assert.Contains("3 row(s): 1 evaluated, 2 rejected", error, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Evaluate_WithABrokenPackFolder_EvaluatesNothingAndNamesTheProblem()
    {
        foreach (var pack in Directory.EnumerateFiles(Path.Combine(Data, "policy")))
        {
            var text = File.ReadAllText(pack);
            Write(Path.Combine("packs", Path.GetFileName(pack)), text.Replace("outcome: prohibited", "outcome: forbidden", StringComparison.Ordinal));
        }

        var (exit, output, error) = Run("evaluate", Path.Combine(Data, "samples", "orders.csv"), "--policy", Path.Combine(_folder, "packs"));

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("nothing was evaluated", error, StringComparison.Ordinal);
        Assert.Contains("cn-import-controls.yaml:", error, StringComparison.Ordinal);
        Assert.Contains(".outcome: 'forbidden' is not an outcome", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ABadAsOfDate_IsAUsageError()
    {
        var (exit, _, error) = Run("evaluate", Path.Combine(Data, "samples", "orders.csv"), "--as-of", "2026-02-30");

        Assert.Equal(2, exit);
        Assert.Contains("--as-of: '2026-02-30' is not a date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyLint_TheShippedPacks_AllCompile()
    {
        var (exit, output, _) = Run("policy", "lint");

        Assert.Equal(0, exit);
        Assert.Contains("3 pack(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_TwoDates_ReportsTheOrdersThatChange()
    {
        var (exit, output, _) = Run("whatif", Path.Combine(Data, "samples", "orders.csv"), "--as-of", "2026-01-10", "--then-as-of", "2026-02-02", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Contains("SO-2026-003,licence-required/presumption-of-denial,licence-required/case-by-case,ear-h200-case-by-case,not-in-force,fired", output, StringComparison.Ordinal);
    }
}
