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

    [Fact]
    public void Evaluate_WhenStandardErrorIsNotATerminal_PrintsAPlainProgressLineEveryFewSeconds()
    {
        // Arrange: 9,000 rows, and a clock that moves 10 seconds each time it is read.
        var sample = File.ReadAllLines(Path.Combine(Data, "samples", "orders.csv"));
        var rows = Enumerable.Range(0, 9_000).Select(i => $"BIG-{i}," + sample[1 + (i % (sample.Length - 1))].Split(',', 2)[1]);
        var book = Write("big.csv", string.Join('\n', [sample[0], .. rows]) + "\n");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromSeconds(10) };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // Act
        var exit = CliApplication.Run(["evaluate", book, "--format", "csv", "--data", Data], stdout, stderr, clock);

        // Assert: a line at each check (every 4,096 rows) since 10 s have passed, none on standard output.
        Assert.Equal(0, exit);
        var progress = stderr.ToString().Split('\n').Where(l => l.Contains("rows read", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, progress.Count);
        Assert.Matches(@"^.*big\.csv: 4,096 rows read \(\d+%\), 205 rows/s\r?$", progress[0]);
        Assert.Matches(@"^.*big\.csv: 8,192 rows read \(\d+%\), 273 rows/s\r?$", progress[1]);
        Assert.DoesNotContain("rows read", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("9000 evaluated, 0 rejected", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AShortRunOnAPipe_PrintsNoProgress()
    {
        var (exit, _, error) = Run("evaluate", Path.Combine(Data, "samples", "orders.csv"), "--format", "csv");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("rows read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ARuleReadingAnUnverifiedCountryGroup_NamesTheGroupInTheDecision()
    {
        var header = File.ReadLines(Path.Combine(Data, "samples", "orders.csv")).First();
        var book = Write("hq.csv", header + "\nHQ-1,2024-06-01,nvidia-h100-sxm,8,30000,USD,MY,US,false,8471.80,Example Cloud Ltd,MY,CN,,,,,,,,cloud,datacenter,false,false,false,,,\n");

        var (csvExit, csv, _) = Run("evaluate", book, "--format", "csv");
        var (jsonExit, json, _) = Run("evaluate", book, "--format", "json", "--explain");

        Assert.Equal(0, csvExit);
        Assert.Contains("ear-3a090-headquarters: d5_and_macau", csv, StringComparison.Ordinal);
        Assert.Equal(0, jsonExit);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var uncertainties = document.RootElement.GetProperty("decisions")[0].GetProperty("uncertainties").EnumerateArray().ToList();
        Assert.Contains(uncertainties, u => u.GetProperty("rule").GetString() == "ear-3a090-headquarters"
            && u.TryGetProperty("parameter", out var p) && p.GetString() == "d5_and_macau" && u.GetProperty("confidence").GetString() == "unverified");
    }
}
