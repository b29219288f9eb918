using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clearance.Storage.Ledger;

namespace Clearance.Storage.Tests.Ledger;

/// <summary>The chain's hash is the documented one (docs/ledger.md), whatever buffer it is computed in.</summary>
public sealed class AuditChainTests
{
    [Theory]
    [InlineData(1L, "m.chen", "{\"key\":\"cn-1\"}")]
    [InlineData(9_876_543_210L, "王小明", "{\"name\":\"Société Générale — 北京\",\"emoji\":\"🚢\"}")]
    [InlineData(42L, "", "")]
    public void HashOf_IsTheSha256OfTheFieldsJoinedByNewlines(long seq, string actor, string payload)
    {
        var previous = Convert.ToHexStringLower(SHA256.HashData("previous"u8));
        var text = string.Join('\n', previous, seq.ToString(CultureInfo.InvariantCulture), "2026-02-02T09:00:00.0000000+00:00", actor, "officer", "ShipmentRecorded", payload);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        var hash = AuditChain.HashOf(seq, "2026-02-02T09:00:00.0000000+00:00", actor, "officer", "ShipmentRecorded", payload, previous);

        Assert.Equal(expected, hash);
    }
}
