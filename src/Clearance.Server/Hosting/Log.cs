namespace Clearance.Server.Hosting;

/// <summary>The server's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded {Chips} accelerators and {RuleSets} rule sets from {DataDirectory}")]
    public static partial void ReferenceDataLoaded(ILogger logger, int chips, int ruleSets, string dataDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Clearance is listening on {Urls} — sign in at /signin with an API key; the API reference is at /api")]
    public static partial void Listening(ILogger logger, string urls);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Ledger database {Database} ready ({Migrations} migration(s) applied now)")]
    public static partial void LedgerOpened(ILogger logger, string database, int migrations);
}
