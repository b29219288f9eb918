namespace Clearance.Core.Screening;

#pragma warning disable CA1819, CA2211, CA1707
public static class Probe
{
    public static long[] C = new long[40];

    public static int Site;

    public static long[] T = new long[20];

    public static long Now() =>
#if PROBE
        System.Diagnostics.Stopwatch.GetTimestamp();
#else
        0;
#endif

    [System.Diagnostics.Conditional("PROBE")]
    public static void Time(int k, ref long start)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        T[k] += now - start;
        start = now;
    }

    [System.Diagnostics.Conditional("PROBE")]
    public static void At(int site) => Site = site;

    [System.Diagnostics.Conditional("PROBE")]
    public static void Hit(int k) => C[k]++;
}
