using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Clearance.Server.Tests.Api;

public sealed class PolicyApiTests(ClearanceFactory factory) : IClassFixture<ClearanceFactory>
{
    private const string H20Order = """
        { "id": "SJ-002", "order_date": "2025-09-01", "product": "H20", "quantity": 1000, "unit_value": 12000,
          "destination": "CN", "export_origin": "US", "customer": "Northbridge Cloud Co", "customer_country": "CN",
          "sector": "cloud", "end_use": "inference", "state_owned": false }
        """;

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Evaluate_OneOrder_GivesVerdictsObligationsWithAmountsAndPackVersions()
    {
        var decision = await PostJson("/api/v1/evaluate", H20Order);

        Assert.Equal("licence-required/approval", decision.GetProperty("verdict").GetString());
        var us = decision.GetProperty("jurisdictions").EnumerateArray().Single(j => j.GetProperty("jurisdiction").GetString() == "US");
        Assert.Contains("ear-h20-15-percent", us.GetProperty("decidedBy").EnumerateArray().Select(r => r.GetString()));
        var levy = decision.GetProperty("obligations").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "levy");
        Assert.Equal(1000 * 12000 * 0.15m, levy.GetProperty("amount").GetDecimal());
        Assert.Equal(3, decision.GetProperty("packs").GetArrayLength());
        Assert.All(decision.GetProperty("rules").EnumerateArray(), r => Assert.NotEqual("not-fired", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Evaluate_OneOrder_GivesEachRuleThatFiredWithItsCitations()
    {
        var decision = await PostJson("/api/v1/evaluate", H20Order);

        var fired = decision.GetProperty("rules").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "fired").ToList();
        Assert.NotEmpty(fired);
        Assert.All(fired, r => Assert.NotEqual(0, r.GetProperty("citations").GetArrayLength()));
        var citation = fired.First().GetProperty("citations")[0];
        Assert.False(string.IsNullOrWhiteSpace(citation.GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task Evaluate_OneOrder_LeavesOutFieldsThatDoNotApplyAndSendsItsLength()
    {
        var response = await _client.PostAsync(new Uri("/api/v1/evaluate", UriKind.Relative), new StringContent(H20Order, Encoding.UTF8, "application/json"));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        var obligations = JsonDocument.Parse(bytes).RootElement.GetProperty("obligations").EnumerateArray().ToList();
        Assert.NotEmpty(obligations);
        Assert.All(obligations, o => Assert.All(o.EnumerateObject(), p => Assert.NotEqual(JsonValueKind.Null, p.Value.ValueKind)));
        var levy = obligations.Single(o => o.GetProperty("kind").GetString() == "levy");
        Assert.True(levy.TryGetProperty("ratePercent", out _));
        Assert.False(levy.TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task Evaluate_OneOrderAfterAByteOrderMark_IsReadLikeThePlainJson()
    {
        var plain = await PostJson("/api/v1/evaluate", H20Order);
        var withMark = await _client.PostAsync(new Uri("/api/v1/evaluate", UriKind.Relative), new ByteArrayContent([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(H20Order)]) { Headers = { ContentType = new("application/json") } });

        Assert.Equal(HttpStatusCode.OK, withMark.StatusCode);
        var marked = await withMark.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(plain.GetProperty("verdict").GetString(), marked.GetProperty("verdict").GetString());
        Assert.Equal(plain.GetProperty("obligations").GetRawText(), marked.GetProperty("obligations").GetRawText());
    }

    [Fact]
    public async Task Evaluate_OrderWithBytesThatAreNotUtf8_IsAProblemNamingTheField()
    {
        // "Northbridge" with a stray 0xFF byte: System.Text.Json refuses to read the string; the located reader reports it.
        var bytes = Encoding.UTF8.GetBytes(H20Order.Replace("Northbridge", "North#bridge", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;

        var response = await _client.PostAsync(new Uri("/api/v1/evaluate", UriKind.Relative), new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("customer", body, StringComparison.Ordinal);
        Assert.Contains("not UTF-8", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_WithExplain_ListsEveryRuleWithItsTestsAndCitations()
    {
        var packs = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy/packs");
        var ruleCount = packs.EnumerateArray().Sum(p => p.GetProperty("rules").GetInt32());

        var decision = await PostJson("/api/v1/evaluate?explain=true", H20Order);

        var rules = decision.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(ruleCount, rules.Count);
        var fired = rules.Single(r => r.GetProperty("rule").GetString() == "ear-h20-15-percent");
        Assert.Equal("fired", fired.GetProperty("status").GetString());
        Assert.StartsWith("met: ", fired.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(fired.GetProperty("citations").GetArrayLength() > 0);
        Assert.Contains(rules, r => r.GetProperty("status").GetString() == "not-in-force");
    }

    [Fact]
    public async Task Evaluate_AsOf_DecidesTheSameOrderUnderTheRulesOfThatDate()
    {
        var before = await PostJson("/api/v1/evaluate?asOf=2025-06-01", H20Order);
        var after = await PostJson("/api/v1/evaluate?asOf=2025-09-01", H20Order);

        Assert.Equal("2025-06-01", before.GetProperty("asOf").GetString());
        Assert.Equal("licence-required/presumption-of-denial", before.GetProperty("verdict").GetString());
        Assert.Equal("licence-required/approval", after.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Evaluate_MalformedOrder_NamesLineColumnAndFieldOfEachProblem()
    {
        const string body = "{\n  \"id\": \"X\", \"order_date\": \"2026-02-30\", \"product\": \"H2O\",\n  \"quantity\": -3, \"unit_value\": 10, \"destination\": \"CN\", \"customer\": \"C\", \"customer_country\": \"CN\" }";

        var response = await _client.PostAsync(new Uri("/api/v1/evaluate", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("line 2, column ", errors.GetProperty("order_date")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("did you mean H20", errors.GetProperty("product")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("line 3, column 15:", errors.GetProperty("quantity")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_NotJsonAtAll_IsAProblemAndNothingIsEvaluated()
    {
        var response = await _client.PostAsync(new Uri("/api/v1/evaluate", UriKind.Relative), new StringContent("{ \"id\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_CsvBook_DecidesGoodRowsAndReportsEachRejectedRowWithLineAndField()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "samples", "orders.csv"));
        var good = sample.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var header = sample[..sample.IndexOf('\n', StringComparison.Ordinal)];
        var columns = header.Split(',').Length;
        var bad = "BAD-1,2026-01-01,H2O,5,100" + new string(',', columns - 5) + "\nBAD-2,2026-01-01,H20,0,100" + new string(',', columns - 5) + "\n";
        using var body = new StringContent(sample.TrimEnd('\n') + "\n" + bad, Encoding.UTF8, "text/csv");

        var response = await _client.PostAsync(new Uri("/api/v1/evaluate?asOf=2026-02-01", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batch = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(good, batch.GetProperty("summary").GetProperty("evaluated").GetInt32());
        Assert.Equal(2, batch.GetProperty("summary").GetProperty("rejected").GetInt32());
        var rejected = batch.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(good + 2, rejected[0].GetProperty("line").GetInt32());
        Assert.Equal("product", rejected[0].GetProperty("problems")[0].GetProperty("field").GetString());
        Assert.Equal("quantity", rejected[1].GetProperty("problems")[0].GetProperty("field").GetString());
        Assert.All(batch.GetProperty("decisions").EnumerateArray(), d => Assert.Equal("2026-02-01", d.GetProperty("asOf").GetString()));
    }

    [Fact]
    public async Task Evaluate_JsonArray_RejectsTheBadOrderByIndexAndKeepsTheGoodOne()
    {
        var batch = await PostJson("/api/v1/evaluate", "[" + H20Order + ",\n{ \"id\": \"Y\" }]");

        Assert.Equal(1, batch.GetProperty("summary").GetProperty("evaluated").GetInt32());
        Assert.Equal(1, batch.GetProperty("summary").GetProperty("rejected").GetInt32());
        Assert.Contains(batch.GetProperty("rejected")[0].GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == "orders[1].product");
    }

    [Fact]
    public async Task WhatIf_TwoDates_ShowsWhichOrdersChangeAndTheRulesThatExplainIt()
    {
        using var body = new StringContent(await SampleCsv(), Encoding.UTF8, "text/csv");

        var response = await _client.PostAsync(new Uri("/api/v1/whatif?asOf=2025-06-01&thenAsOf=2026-02-01", UriKind.Relative), body);

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("changed").GetInt32() > 0);
        var a100 = report.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "SO-2022-001");
        Assert.Equal("licence-required/presumption-of-denial", a100.GetProperty("before").GetString());
        Assert.Equal("licence-required/case-by-case", a100.GetProperty("after").GetString());
        var rule = a100.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "ear-h200-case-by-case");
        Assert.Equal("not-in-force", rule.GetProperty("before").GetString());
        Assert.Equal("fired", rule.GetProperty("after").GetString());
        var verdictChanges = report.GetProperty("changes").EnumerateArray().Count(c => c.GetProperty("before").GetString() != c.GetProperty("after").GetString());
        Assert.Equal(verdictChanges, report.GetProperty("transitions").EnumerateArray().Sum(t => t.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task WhatIf_WithoutChinasPack_OnlyChineseVerdictsChange()
    {
        using var body = new StringContent(await SampleCsv(), Encoding.UTF8, "text/csv");

        var response = await _client.PostAsync(new Uri("/api/v1/whatif?asOf=2026-02-01&thenPacks=us-ear-advanced-computing,us-section-232", UriKind.Relative), body);

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("changed").GetInt32() > 0);
        Assert.All(report.GetProperty("changes").EnumerateArray().SelectMany(c => c.GetProperty("rules").EnumerateArray()), r =>
        {
            Assert.Equal("cn-import-controls", r.GetProperty("pack").GetString());
            Assert.Equal("absent", r.GetProperty("after").GetString());
        });
    }

    [Theory]
    [InlineData("/api/v1/whatif?asOf=2026-02-01", "thenAsOf")]
    [InlineData("/api/v1/whatif?thenPacks=no-such-pack", "thenPacks")]
    [InlineData("/api/v1/whatif?asOf=someday&thenAsOf=2026-01-01", "asOf")]
    public async Task WhatIf_WithoutAValidSecondSide_IsAValidationProblem(string path, string field)
    {
        using var body = new StringContent(H20Order, Encoding.UTF8, "application/json");

        var response = await _client.PostAsync(new Uri(path, UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Packs_NameEachPackWithVersionHashAndRuleCount()
    {
        var packs = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy/packs");

        var ids = packs.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(["cn-import-controls", "us-ear-advanced-computing", "us-section-232"], ids);
        Assert.All(packs.EnumerateArray(), p => Assert.Equal(64, p.GetProperty("sha256").GetString()!.Length));
    }

    [Fact]
    public async Task Pack_ShowsEveryRuleWithEffectiveDatesCitationsAndConfidence()
    {
        var pack = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy/packs/us-ear-advanced-computing");

        var rule = pack.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "ear-h200-case-by-case");
        Assert.Equal("2026-01-15", rule.GetProperty("effectiveFrom").GetString());
        Assert.Equal("licence-required/case-by-case", rule.GetProperty("verdict").GetString());
        Assert.True(rule.GetProperty("citations").GetArrayLength() > 0);
        Assert.False(string.IsNullOrEmpty(rule.GetProperty("confidence").GetString()));
        Assert.Contains("designations", rule.GetProperty("when").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_Unknown_Is404NamingThePacks()
    {
        var response = await _client.GetAsync(new Uri("/api/v1/policy/packs/us-ear", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("us-ear-advanced-computing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_On_ListsTheRulesInForceThatDayOnly()
    {
        var before = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy/timeline?on=2025-06-01");
        var after = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy/timeline?on=2026-02-01");

        static List<string?> Rules(JsonElement t) => [.. t.GetProperty("inForce").EnumerateArray().Select(r => r.GetProperty("rule").GetString())];
        Assert.DoesNotContain("ear-h200-case-by-case", Rules(before));
        Assert.Contains("ear-h200-case-by-case", Rules(after));
        Assert.Contains("ear-is-informed-2025-04", Rules(before));
    }

    [Fact]
    public async Task Timeline_FromTo_ListsEveryRuleThatEnteredOrLeftForceInBetween()
    {
        var diff = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy/timeline?from=2025-06-01&to=2026-02-01");

        var events = diff.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("rule").GetString() == "ear-h200-case-by-case" && e.GetProperty("change").GetString() == "enters-force" && e.GetProperty("date").GetString() == "2026-01-15");
        Assert.All(events, e => Assert.InRange(DateOnly.Parse(e.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2025, 6, 2), new DateOnly(2026, 2, 1)));
        Assert.Contains(diff.GetProperty("entered").EnumerateArray(), r => r.GetProperty("rule").GetString() == "ear-h200-case-by-case");
    }

    [Theory]
    [InlineData("/api/v1/policy/timeline?on=2026-01-01&from=2025-01-01&to=2026-01-01", "on")]
    [InlineData("/api/v1/policy/timeline?from=2025-01-01", "to")]
    [InlineData("/api/v1/policy/timeline?on=01/02/2026", "on")]
    public async Task Timeline_InconsistentDates_AreAValidationProblem(string path, string field)
    {
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    private static Task<string> SampleCsv() => File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "samples", "orders.csv"));

    private async Task<JsonElement> PostJson(string path, string json)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
