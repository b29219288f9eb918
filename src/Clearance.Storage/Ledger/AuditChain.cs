using System.Buffers;
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

    /// <summary>
    /// SHA-256 of the row's fields joined by newlines (previous hash first), as lower-case hex. The UTF-8 text is
    /// written into one pooled buffer and hashed there, so no joined string or byte array is allocated per row.
    /// </summary>
    public static string HashOf(long seq, string recordedAt, string actor, string role, string eventType, string payload, string previousHash)
    {
        Span<char> digits = stackalloc char[20];
        seq.TryFormat(digits, out var digitCount, provider: CultureInfo.InvariantCulture);
        var utf8 = Encoding.UTF8;
        var length = utf8.GetMaxByteCount(previousHash.Length + digitCount + recordedAt.Length + actor.Length + role.Length + eventType.Length + payload.Length + 6);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            written += utf8.GetBytes(previousHash, rented.AsSpan(written));
            rented[written++] = (byte)'\n';
            written += utf8.GetBytes(digits[..digitCount], rented.AsSpan(written));
            foreach (var field in (ReadOnlySpan<string>)[recordedAt, actor, role, eventType, payload])
            {
                rented[written++] = (byte)'\n';
                written += utf8.GetBytes(field, rented.AsSpan(written));
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
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
