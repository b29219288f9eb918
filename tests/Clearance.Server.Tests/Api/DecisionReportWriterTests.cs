using System.Buffers;
using System.Text;
using System.Text.Json;
using Clearance.Core.Policy;
using Clearance.Server.Hosting;
using Clearance.Server.Policy;

namespace Clearance.Server.Tests.Api;

/// <summary>
/// The evaluate answer's fast writer must give the serializer's bytes exactly: every sample order (and the same orders on
/// dates across the packs' history, where rules come into and out of force), with and without every rule.
/// </summary>
public sealed class DecisionReportWriterTests(ClearanceFactory server) : IClassFixture<ClearanceFactory>
{
    [Fact]
    public void Write_GivesTheSerializersBytes_ForEveryOrderDateAndView()
    {
        var reference = (ReferenceData)server.Services.GetService(typeof(ReferenceData))!;
        var library = reference.Policy;
        var text = File.ReadAllText(RepositoryFiles.PathOf("data", "samples", "orders.csv"));
        var orders = OrderInput.Parse(text, "text/csv", library.Catalog).Value.Rows.Where(r => r.Accepted).Select(r => r.Order!).ToList();
        Assert.True(orders.Count >= 10, $"only {orders.Count} sample orders");
        DateOnly[] dates = [new(2022, 10, 7), new(2023, 11, 17), new(2025, 1, 15), new(2025, 4, 15), new(2026, 1, 15), new(2026, 2, 2), new(2026, 11, 24)];
        var compared = 0;
        foreach (var order in orders)
        {
            foreach (var date in dates.Append(order.OrderDate))
            {
                foreach (var everyRule in new[] { false, true })
                {
                    var decision = PolicyEvaluator.Evaluate(order, date, library, explain: everyRule);
                    var serialized = JsonSerializer.Serialize(DecisionReport.Of(decision, everyRule), PolicyJson.Default.DecisionReport);

                    // Twice: the second write uses the parts the first one encoded.
                    Assert.Equal(serialized, Written(decision, everyRule));
                    Assert.Equal(serialized, Written(decision, everyRule));
                    compared++;
                }
            }
        }

        Assert.True(compared > 100);
    }

    private static string Written(Decision decision, bool everyRule)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            DecisionReportWriter.Write(writer, decision, everyRule);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
