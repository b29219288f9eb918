using System.CommandLine;
using System.Globalization;
using Clearance.Cli.Catalog;
using Clearance.Cli.Classification;
using Clearance.Cli.Ledger;
using Clearance.Cli.Output;
using Clearance.Cli.Planning;
using Clearance.Cli.Policy;
using Clearance.Cli.Screening;
using Clearance.Core.Parsing;

namespace Clearance.Cli;

/// <summary>Builds the `clearance` command tree and runs it against the given writers and clock.</summary>
internal static class CliApplication
{
    /// <summary>Exit code for input that was read but is wrong: unknown chip, malformed file, failed load.</summary>
    public const int InputError = 1;

    /// <summary>Exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var context = new CliContext(stdout, stderr, clock);
        var root = new RootCommand("Clearance: the controlled trade in AI accelerators — catalog, classification, policy, screening, trade ledger.");
        root.Options.Add(CliContext.DataOption);
        root.Options.Add(CliContext.HomeOption);
        root.Subcommands.Add(CatalogCommands.Create(context));
        root.Subcommands.Add(ClassifyCommand.Create(context));
        root.Subcommands.Add(PartiesCommands.Create(context));
        root.Subcommands.Add(LicencesCommands.Create(context));
        root.Subcommands.Add(QuotasCommands.Create(context));
        root.Subcommands.Add(OrdersCommands.Create(context));
        root.Subcommands.Add(ShipCommands.CreateShip(context));
        root.Subcommands.Add(ShipCommands.CreateShipments(context));
        root.Subcommands.Add(LeviesCommands.Create(context));
        root.Subcommands.Add(AuditCommands.Create(context));
        root.Subcommands.Add(Security.KeysCommands.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(PolicyCommands.Create(context));
        root.Subcommands.Add(WhatIfCommand.Create(context));
        root.Subcommands.Add(ScreeningCommands.Create(context));
        root.Subcommands.Add(ListsCommands.Create(context));

        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run 'clearance --help' for usage.");
            return UsageError;
        }

        return parsed.Invoke(configuration);
    }
}

/// <summary>What every command needs: its writers, the clock, and the options shared by all commands.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, TimeProvider clock)
{
    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "The data directory (catalog, rule sets); default: the copy shipped with Clearance, or $CLEARANCE_DATA.",
        Recursive = true,
    };

    public static readonly Option<string?> HomeOption = new("--home")
    {
        Description = "The state directory (lists in force, later the ledger); default: $CLEARANCE_HOME, else ~/.clearance.",
        Recursive = true,
    };

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public TimeProvider Clock { get; } = clock;

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public static Option<OutputFormat> FormatOption() => new("--format", "-f")
    {
        Description = "Output format: table (default), json or csv.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static Option<string?> AsOfOption() => new("--as-of")
    {
        Description = "The date to evaluate on, YYYY-MM-DD (default: today, UTC).",
    };

    /// <summary>Reads --as-of, reporting a malformed date; null means the value was bad.</summary>
    public DateOnly? AsOf(string? text)
    {
        if (text is null)
        {
            return Today;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error.WriteLine($"error: --as-of: '{text}' is not a date; write YYYY-MM-DD, for example 2026-01-15");
        return null;
    }

    /// <summary>Prints every problem, one a line, with its file, line, column and field.</summary>
    public int Fail(string what, IEnumerable<Problem> problems)
    {
        var list = problems.ToList();
        Error.WriteLine($"error: {what} ({list.Count} problem{(list.Count == 1 ? "" : "s")}):");
        foreach (var problem in list)
        {
            Error.WriteLine($"  {problem}");
        }

        return CliApplication.InputError;
    }
}
