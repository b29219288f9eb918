using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clearance.Server.Hosting;

/// <summary>
/// A ledger database that cannot be opened or reached, or stays locked past its timeout, answers 503 with Retry-After
/// and an RFC 9457 problem rather than 500: the request was fine and may succeed when the database is back. The fault
/// is logged once, with the database named but no connection-string secrets. Other storage faults (a damaged file, a
/// missing schema, a broken constraint) stay 500s.
/// </summary>
internal sealed partial class StorageFaults(IProblemDetailsService problems, ILogger<StorageFaults> logger) : IExceptionHandler
{
    /// <summary>How long a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Classify(exception) is not { } fault)
        {
            return false;
        }

        StorageUnavailable(logger, fault.ToString(), httpContext.Request.Method, httpContext.Request.Path.Value ?? "", Telemetry.Redact(Describe(exception)));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = fault == StorageFault.Busy
                    ? "The ledger database is busy: another writer held its lock past the timeout"
                    : "The ledger database is unavailable: it cannot be opened or reached",
                Detail = $"Nothing was read or recorded. Try again in {RetryAfterSeconds} seconds; if it persists, an administrator should check the database.",
            },
        });
    }

    /// <summary>Unavailable or Busy for the faults a retry may cure; null for everything else.</summary>
    internal static StorageFault? Classify(Exception exception) => exception switch
    {
        LedgerStorageException { Fault: StorageFault.Unavailable or StorageFault.Busy } e => e.Fault,
        SqliteException { SqliteErrorCode: 5 or 6 } => StorageFault.Busy,
        SqliteException { SqliteErrorCode: 14 } => StorageFault.Unavailable,
        PostgresException { SqlState: "40001" or "40P01" or "55P03" } => StorageFault.Busy,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" or "08000" or "08001" or "08003" or "08006" } => StorageFault.Unavailable,
        PostgresException => null,
        NpgsqlException => StorageFault.Unavailable,
        _ => null,
    };

    private static string Describe(Exception exception) =>
        exception is LedgerStorageException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Ledger database fault ({Fault}) on {Method} {Path}, answered 503: {Reason}")]
    private static partial void StorageUnavailable(ILogger logger, string fault, string method, string path, string reason);
}
