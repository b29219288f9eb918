using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clearance.Storage.Ledger;

/// <summary>One row of the audit log as stored.</summary>
public sealed record AuditRow(long Seq, string RecordedAt, string Actor, string Role, string EventType, string Payload, string PreviousHash, string Hash);

/// <summary>The outcome of checking the audit chain: rows checked, and the first broken link if there is one.</summary>
public sealed record AuditReport(long RowsChecked, long? FirstBrokenSeq, string? Problem)
{
    public bool Intact => FirstBrokenSeq is null && Problem is null;
}

/// <summary>
/// The SHA-256 chain over the audit log: each row's hash covers its content and the previous row's hash, so
/// changing, removing or reordering any row breaks every link after it.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(long seq, string recordedAt, string actor, string role, string eventType, string payload, string previousHash)
    {
        var text = string.Join('\n', previousHash, seq.ToString(CultureInfo.InvariantCulture), recordedAt, actor, role, eventType, payload);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Checks rows in order against each other and against the recorded head (seq and hash of the last row).</summary>
    public static AuditReport Verify(IEnumerable<AuditRow> rows, long headSeq, string headHash)
    {
        var previous = Genesis;
        var expectedSeq = 1L;
        var checkedRows = 0L;
        foreach (var row in rows)
        {
            if (row.Seq != expectedSeq)
            {
                return new AuditReport(checkedRows, expectedSeq, $"row {expectedSeq} is missing (the next row is {row.Seq})");
            }

            if (!string.Equals(row.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new AuditReport(checkedRows, row.Seq, $"row {row.Seq} does not point at the hash of row {row.Seq - 1}");
            }

            var hash = HashOf(row.Seq, row.RecordedAt, row.Actor, row.Role, row.EventType, row.Payload, row.PreviousHash);
            if (!string.Equals(hash, row.Hash, StringComparison.Ordinal))
            {
                return new AuditReport(checkedRows, row.Seq, $"row {row.Seq} ({row.EventType} by {row.Actor} at {row.RecordedAt}) was altered: its content no longer matches its hash");
            }

            previous = row.Hash;
            expectedSeq++;
            checkedRows++;
        }

        if (checkedRows != headSeq)
        {
            return new AuditReport(checkedRows, checkedRows + 1, $"the head says {headSeq} rows but the log has {checkedRows}: rows were removed from the end");
        }

        return string.Equals(previous, headHash, StringComparison.Ordinal)
            ? new AuditReport(checkedRows, null, null)
            : new AuditReport(checkedRows, headSeq, $"the last row's hash does not match the head");
    }
}
