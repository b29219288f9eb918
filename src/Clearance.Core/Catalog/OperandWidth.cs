namespace Clearance.Core.Catalog;

/// <summary>The operand formats whose dense peak rates the catalog records.</summary>
public enum OperandWidth
{
    Fp4,
    Fp8,
    Int8,
    Fp16,
    Bf16,
    Tf32,
    Fp32,
    Fp64,
}

public static class OperandWidths
{
    public static readonly IReadOnlyList<OperandWidth> All = Enum.GetValues<OperandWidth>();

    /// <summary>
    /// The bit length that TPP multiplies by. TF32 is stored and counted as a 32-bit operation, the conservative
    /// reading; for every chip in the catalog it does not decide the maximum.
    /// </summary>
    public static int BitLength(this OperandWidth width) => width switch
    {
        OperandWidth.Fp4 => 4,
        OperandWidth.Fp8 or OperandWidth.Int8 => 8,
        OperandWidth.Fp16 or OperandWidth.Bf16 => 16,
        OperandWidth.Tf32 or OperandWidth.Fp32 => 32,
        OperandWidth.Fp64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, null),
    };

    /// <summary>The key used in catalog files and output ("fp8", "int8", ...).</summary>
    public static string Key(this OperandWidth width) => width.ToString().ToLowerInvariant();

    public static bool TryParse(string key, out OperandWidth width)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Key(), key, StringComparison.OrdinalIgnoreCase))
            {
                width = candidate;
                return true;
            }
        }

        width = default;
        return false;
    }
}
