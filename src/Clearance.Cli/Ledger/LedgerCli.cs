using System.CommandLine;
using Clearance.Core.Ledger;
using Clearance.Storage.Ledger;

namespace Clearance.Cli.Ledger;

/// <summary>
/// What every ledger command shares: --db and --actor on its group, opening the store, appending a batch and
/// printing the outcome, and turning storage faults into one error line and exit code 3.
/// </summary>
internal sealed class LedgerCli(CliContext context, Option<string?> database, Option<string?> actor)
{
    /// <summary>Exit code for a database that cannot be opened, is locked, damaged, or fails its audit check.</summary>
    public const int StorageError = 3;

    /// <summary>The role the CLI acts in; the server (a later issue) brings authenticated users and roles.</summary>
    public const string CliRole = "officer";

    public CliContext Context => context;

    /// <summary>A command group (parties, licences, ...) carrying the shared --db and --actor options.</summary>
    public static (Command Group, LedgerCli Cli) Group(CliContext context, string name, string description)
    {
        var database = new Option<string?>("--db")
        {
            Description = "The ledger: an SQLite file path, or a PostgreSQL connection string (Host=...;Database=...). Default: $CLEARANCE_HOME/ledger.db or ~/.clearance/ledger.db.",
            Recursive = true,
        };
        var actor = new Option<string?>("--actor")
        {
            Description = "Who is acting, recorded on every audit row (default: $USER).",
            Recursive = true,
        };
        var group = new Command(name, description) { database, actor };
        return (group, new LedgerCli(context, database, actor));
    }

    /// <summary>Opens the store named by --db and runs the work, reporting a storage fault instead of a stack trace.</summary>
    public int Run(ParseResult parse, Func<LedgerStore, LedgerActor, int> work)
    {
        LedgerDatabase database;
        try
        {
            database = parse.GetValue(this.DatabaseOption) is { Length: > 0 } text ? LedgerDatabase.Parse(text) : LedgerDatabase.Default();
        }
        catch (ArgumentException e)
        {
            context.Error.WriteLine($"error: --db: {e.Message}");
            return CliApplication.UsageError;
        }

        var user = parse.GetValue(ActorOption) is { Length: > 0 } named ? named : Environment.GetEnvironmentVariable("USER") is { Length: > 0 } login ? login : Environment.UserName;
        try
        {
            return work(new LedgerStore(database, context.Clock), new LedgerActor(user, CliRole));
        }
        catch (LedgerStorageException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return StorageError;
        }
    }

    public Option<string?> DatabaseOption => database;

    public Option<string?> ActorOption => actor;

    /// <summary>Appends one batch and says what happened: the rows written, "already recorded", or every problem.</summary>
    public int Append(LedgerStore store, LedgerActor actor, string what, params LedgerCommand[] commands) => Append(store, actor, what, context.Out, commands);

    /// <summary>Appends the commands, all or none, and says what was recorded on <paramref name="report"/> (stderr when stdout carries JSON or CSV).</summary>
    public int Append(LedgerStore store, LedgerActor actor, string what, TextWriter report, LedgerCommand[] commands)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = store.Append(commands, actor);
        if (!result.Succeeded)
        {
            return context.Fail($"{what} was refused; nothing was recorded", result.Outcome.Problems);
        }

        report.WriteLine(result.EventsWritten == 0
            ? $"{what}: already recorded, nothing changed."
            : $"{what}: recorded {result.EventsWritten} event(s), audit rows {result.FirstSeq}–{result.LastSeq}, by {actor}.");
        return 0;
    }

    public DateOnly Today => context.Today;
}
