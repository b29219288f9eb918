using System.Globalization;

namespace Clearance.Core.Units;

// Units live in types so that no reader has to guess what a bare double means (STYLE.md "Types and immutability").

/// <summary>Peak operations per second, in tera-operations (TFLOPS or TOPS), dense (sparsity never counted).</summary>
public readonly record struct TeraOpsPerSecond(double Value)
{
    public override string ToString() => Value.ToString("#,0.###", CultureInfo.InvariantCulture) + " TOPS";
}

/// <summary>A transfer rate in gigabytes per second (10^9 bytes/s).</summary>
public readonly record struct GigabytesPerSecond(double Value)
{
    public static GigabytesPerSecond operator +(GigabytesPerSecond left, GigabytesPerSecond right) => new(left.Value + right.Value);

    public override string ToString() => Value.ToString("#,0.###", CultureInfo.InvariantCulture) + " GB/s";
}

/// <summary>A memory capacity in gigabytes (10^9 bytes).</summary>
public readonly record struct Gigabytes(double Value)
{
    public override string ToString() => Value.ToString("#,0.###", CultureInfo.InvariantCulture) + " GB";
}

/// <summary>An area of silicon in square millimetres.</summary>
public readonly record struct SquareMillimetres(double Value)
{
    public override string ToString() => Value.ToString("#,0.##", CultureInfo.InvariantCulture) + " mm²";
}

/// <summary>Electrical power in watts.</summary>
public readonly record struct Watts(double Value)
{
    public override string ToString() => Value.ToString("#,0.###", CultureInfo.InvariantCulture) + " W";
}

/// <summary>A money amount in US dollars.</summary>
public readonly record struct UsDollars(decimal Value)
{
    public override string ToString() => "$" + Value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Total Processing Performance as the Commerce Control List defines it for 3A090:
/// 2 × MacTOPS × bit length of the operation, which equals dense TOPS × bit length.
/// </summary>
public readonly record struct TotalProcessingPerformance(double Value)
{
    public override string ToString() => Value.ToString("#,0.#", CultureInfo.InvariantCulture);
}

/// <summary>Performance density: TPP divided by the applicable die area in mm².</summary>
public readonly record struct PerformanceDensity(double Value)
{
    public override string ToString() => Value.ToString("0.00", CultureInfo.InvariantCulture);
}
