using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Clearance.Bench.Load;

/// <summary>What to send: the method, the address, an optional body with its content type, and an optional API key.</summary>
public sealed record LoadTarget(HttpMethod Method, Uri Address, string? Body, string ContentType, string? ApiKey);

/// <summary>How hard and how long: concurrent loops, the measured duration, and a warm-up that is not counted.</summary>
public sealed record LoadShape(int Concurrency, TimeSpan Duration, TimeSpan Warmup);

/// <summary>The outcome of one run: requests that succeeded per second, latency percentiles, and failures by status.</summary>
public sealed record LoadResult(string Name, long Requests, long Failures, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds, IReadOnlyDictionary<string, long> FailuresByStatus)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"RESULT {Name} rps={RequestsPerSecond:0} p50_ms={P50Milliseconds:0.000} p99_ms={P99Milliseconds:0.000} ok={Requests} failed={Failures}{(FailuresByStatus.Count > 0 ? " statuses=" + string.Join(",", FailuresByStatus.Select(f => $"{f.Key}:{f.Value}")) : "")}");
}

/// <summary>Runs N loops that each send the request, wait for the whole response, and record the latency.</summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string name, LoadTarget target, LoadShape shape, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(shape);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = shape.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var body = target.Body is null ? null : Encoding.UTF8.GetBytes(target.Body);

        // Warm-up: connections opened, JIT and caches warm; nothing recorded.
        await Loops(client, target, body, shape.Concurrency, Stopwatch.GetTimestamp() + Ticks(shape.Warmup), null, cancellation);

        var recorders = Enumerable.Range(0, shape.Concurrency).Select(_ => new Recorder()).ToArray();
        var started = Stopwatch.GetTimestamp();
        await Loops(client, target, body, shape.Concurrency, started + Ticks(shape.Duration), recorders, cancellation);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = recorders.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        var failures = recorders.SelectMany(r => r.Failures).GroupBy(f => f, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return new LoadResult(name, latencies.Length, failures.Values.Sum(), elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99), failures);
    }

    private static async Task Loops(HttpClient client, LoadTarget target, byte[]? body, int concurrency, long until, Recorder[]? recorders, CancellationToken cancellation)
    {
        var loops = Enumerable.Range(0, concurrency).Select(i => Task.Run(() => Loop(client, target, body, until, recorders?[i], cancellation), cancellation));
        await Task.WhenAll(loops);
    }

    private static async Task Loop(HttpClient client, LoadTarget target, byte[]? body, long until, Recorder? recorder, CancellationToken cancellation)
    {
        // Every response body is read to its end, into one buffer per loop (as wrk does): the client shares the cores
        // with the server, so it should not spend them copying each body into a fresh array.
        var sink = new byte[16 * 1024];
        while (Stopwatch.GetTimestamp() < until && !cancellation.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(target.Method, target.Address);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(target.ContentType);
            }

            if (target.ApiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.ApiKey);
            }

            var start = Stopwatch.GetTimestamp();
            string? failure;
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
                await using (var content = await response.Content.ReadAsStreamAsync(cancellation))
                {
                    while (await content.ReadAsync(sink, cancellation) > 0)
                    {
                    }
                }

                failure = response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException ex)
            {
                failure = ex.HttpRequestError.ToString();
            }

            var latency = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (recorder is null)
            {
                continue;
            }

            if (failure is null)
            {
                recorder.Latencies.Add(latency);
            }
            else
            {
                recorder.Failures.Add(failure);
            }
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private sealed class Recorder
    {
        public List<double> Latencies { get; } = new(1 << 16);

        public List<string> Failures { get; } = [];
    }
}
