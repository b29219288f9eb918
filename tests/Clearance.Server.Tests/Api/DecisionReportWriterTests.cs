using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Clearance.Core.Policy;
using Clearance.Server.Hosting;
using Clearance.Server.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clearance.Server.Tests.Api;

/// <summary>
/// The evaluate answer's fast writer must give the serializer's bytes exactly: every sample order (and the same orders on
/// dates across the packs' history, where rules come into and out of force, and with an id full of characters that
/// encoders treat differently), with and without every rule, with the default encoder and with the HTTP answers' own.
/// </summary>
public sealed class DecisionReportWriterTests(ClearanceFactory server) : IClassFixture<ClearanceFactory>
{
    private const string HostileId = "<A&B> \"quoted\" 'single' é 中文 \u2028 +\\/";

    [Fact]
    public void Write_GivesTheSerializersBytes_ForEveryOrderDateViewAndEncoder()
    {
        var library = Reference.Policy;
        var text = File.ReadAllText(RepositoryFiles.PathOf("data", "samples", "orders.csv"));
        var orders = OrderInput.Parse(text, "text/csv", library.Catalog).Value.Rows.Where(r => r.Accepted).Select(r => r.Order!).ToList();
        Assert.True(orders.Count >= 10, $"only {orders.Count} sample orders");
        orders.Add(orders[0] with { Id = HostileId });
        DateOnly[] dates = [new(2022, 10, 7), new(2023, 11, 17), new(2025, 1, 15), new(2025, 4, 15), new(2026, 1, 15), new(2026, 2, 2), new(2026, 11, 24)];
        JavaScriptEncoder?[] encoders = [null, HttpEncoder];
        var compared = 0;
        foreach (var order in orders)
        {
            foreach (var date in dates.Append(order.OrderDate))
            {
                foreach (var everyRule in new[] { false, true })
                {
                    var decision = PolicyEvaluator.Evaluate(order, date, library, explain: everyRule);
                    var report = DecisionReport.Of(decision, everyRule);
                    foreach (var encoder in encoders)
                    {
                        var serialized = Json(encoder, writer => JsonSerializer.Serialize(writer, report, PolicyJson.Default.DecisionReport));

                        // Twice: the second write uses the parts the first one encoded.
                        Assert.Equal(serialized, Json(encoder, writer => DecisionReportWriter.Write(writer, decision, everyRule)));
                        Assert.Equal(serialized, Json(encoder, writer => DecisionReportWriter.Write(writer, decision, everyRule)));
                        compared++;
                    }
                }
            }
        }

        Assert.True(compared > 200);
    }

    [Fact]
    public async Task JsonOk_WithTheServersJsonOptions_WritesWithTheFastWriter_AndTheSerializersBytes()
    {
        var library = Reference.Policy;
        var order = OrderInput.Parse(File.ReadAllText(RepositoryFiles.PathOf("data", "samples", "orders.csv")), "text/csv", library.Catalog).Value.Rows.First(r => r.Accepted).Order! with { Id = HostileId };
        var decision = PolicyEvaluator.Evaluate(order, order.OrderDate, library, explain: false);
        var made = 0;
        var result = new JsonOk<DecisionReport>(
            () =>
            {
                made++;
                return DecisionReport.Of(decision, everyRule: false);
            },
            PolicyJson.Default.DecisionReport,
            writer => DecisionReportWriter.Write(writer, decision, everyRule: false));
        var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = server.Services };
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        // The answer was never built: the writer wrote it, with the server's own encoder.
        Assert.Equal(0, made);
        var expected = Json(HttpEncoder, writer => JsonSerializer.Serialize(writer, result.Value, PolicyJson.Default.DecisionReport));
        Assert.Equal(expected, Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal(1, made);
        Assert.Equal(body.Length, context.Response.ContentLength);
    }

    private ReferenceData Reference => server.Services.GetRequiredService<ReferenceData>();

    /// <summary>The encoder the server's JSON answers are written with.</summary>
    private JavaScriptEncoder? HttpEncoder => server.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.Encoder;

    private static string Json(JavaScriptEncoder? encoder, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
