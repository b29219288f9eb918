using System.Globalization;
using Clearance.Bench.Load;

// clearance-load --url http://127.0.0.1:5080 --path /api/v1/evaluate [--method POST] [--body-file F | --body TEXT]
//               [--content-type application/json] [--api-key KEY] [--concurrency 16] [--duration 10] [--warmup 3] [--name NAME]
// Prints one line: RESULT NAME rps=… p50_ms=… p99_ms=… ok=… failed=…
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        await Console.Error.WriteLineAsync($"error: expected --option VALUE pairs, got '{args[i]}'");
        return 2;
    }

    options[args[i][2..]] = args[++i];
}

string Option(string name, string fallback) => options.GetValueOrDefault(name, fallback);
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

if (!options.TryGetValue("url", out var url) || !options.TryGetValue("path", out var path))
{
    await Console.Error.WriteLineAsync("error: --url and --path are required");
    return 2;
}

var body = options.TryGetValue("body-file", out var file) ? await File.ReadAllTextAsync(file) : options.GetValueOrDefault("body");
var target = new LoadTarget(
    new HttpMethod(Option("method", body is null ? "GET" : "POST")),
    new Uri(new Uri(url), path),
    body,
    Option("content-type", "application/json"),
    options.GetValueOrDefault("api-key"));
var shape = new LoadShape(Number("concurrency", 16), TimeSpan.FromSeconds(Number("duration", 10)), TimeSpan.FromSeconds(Number("warmup", 3)));
var result = await LoadRun.RunAsync(Option("name", path), target, shape, CancellationToken.None);
Console.WriteLine(result.Line());
return result.Requests == 0 ? 1 : 0;
