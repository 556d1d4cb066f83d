using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>A body member the route does not know, or one sent twice, is refused naming it: read as it was, a
/// misspelt <c>limit</c> made a market order and a repeated <c>strategy</c> ran the last one. A value of the wrong
/// type says what the member must be, not which .NET type it failed to convert to.</summary>
public sealed class StrictBodyTests : IDisposable
{
    /// <summary>Every route with a JSON object body, with a body it accepts.</summary>
    private static readonly (string Route, string Body)[] Routes =
    [
        ("/api/v1/data/batch", """{"symbols":["AAPL"],"start_date":"2023-01-03","end_date":"2023-01-10"}"""),
        ("/api/v1/paper/orders", """{"symbol":"AAPL","side":"buy","quantity":1}"""),
        ("/api/v1/paper/advance", """{"to":"2023-01-10"}"""),
        ("/api/v1/paper/reset", """{"cash":1000,"start_date":"2023-01-03"}"""),
        ("/api/v1/backtests", """{"strategy":"buy_and_hold","symbols":["AAPL"]}"""),
        ("/api/v1/strategy/generate_signals", """{"symbols":["AAPL"],"end_date":"2023-12-29"}"""),
        ("/api/v1/portfolio/desired", """{"symbols":["AAPL"],"end_date":"2023-12-29"}"""),
        ("/api/v1/portfolio/rebalance", """{"symbols":["AAPL"],"end_date":"2023-12-29"}"""),
    ];

    private readonly TemporaryDatabase _database = new();
    private readonly ServerFactory _factory;
    private readonly HttpClient _client;

    public StrictBodyTests()
    {
        _factory = new ServerFactory(_database.Path);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task An_order_with_a_misspelt_limit_price_is_refused_naming_the_member_and_nothing_is_submitted()
    {
        await _client.PostAsJsonAsync("/api/v1/paper/reset", new { start_date = "2023-03-01" });

        using var response = await Post("/api/v1/paper/orders", """{"symbol":"AAPL","side":"buy","quantity":10,"limit":5}""");

        var problem = await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "limit");
        Assert.Contains("limit_price", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Trading.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var orders = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/paper/orders")).RootElement;
        Assert.Equal(0, orders.GetArrayLength());
    }

    [Fact]
    public async Task An_order_with_its_quantity_sent_twice_is_refused_naming_it_and_nothing_is_submitted()
    {
        await _client.PostAsJsonAsync("/api/v1/paper/reset", new { start_date = "2023-03-01" });

        using var response = await Post("/api/v1/paper/orders", """{"symbol":"AAPL","side":"buy","quantity":1,"quantity":1000}""");

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "quantity");
        var orders = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/paper/orders")).RootElement;
        Assert.Equal(0, orders.GetArrayLength());
    }

    [Fact]
    public async Task Every_route_with_a_body_refuses_a_member_it_does_not_know_and_one_sent_twice()
    {
        var failures = new List<string>();
        foreach (var (route, body) in Routes)
        {
            // The body as it is must pass, or the refusals below would prove nothing.
            using (var good = await Post(route, body))
            {
                if ((int)good.StatusCode >= 400)
                {
                    failures.Add($"{route} refused its good body: {(int)good.StatusCode} {await good.Content.ReadAsStringAsync()}");
                    continue;
                }
            }

            var unknown = body[..^1] + ""","start":"2023-01-03"}""";
            using (var response = await Post(route, unknown))
            {
                await Expect(response, route, "start", failures);
            }

            var first = JsonDocument.Parse(body).RootElement.EnumerateObject().First();
            var twice = body[..^1] + $",\"{first.Name.ToUpperInvariant()}\":{first.Value.GetRawText()}}}";
            using (var response = await Post(route, twice))
            {
                await Expect(response, route, first.Name, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("""{"fast":40,"fast":3}""", "fast")]
    [InlineData("""{"fast":3,"FAST":4}""", "FAST")]
    [InlineData("""{"fast":3," fast ":5}""", " fast ")]
    public async Task A_strategy_parameter_given_twice_is_refused_naming_it_and_nothing_is_stored(string body, string repeated)
    {
        using var response = await Post("/api/v1/strategy/configure_strategy/sma_cross", body);

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, repeated);
        var stored = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/strategy/strategy_parameters/sma_cross")).RootElement;
        Assert.Equal(10, stored.GetProperty("fast").GetInt32());
    }

    [Fact]
    public async Task A_backtest_parameter_given_twice_is_refused_naming_it()
    {
        using var response = await Post("/api/v1/backtests", """{"strategy":"sma_cross","symbols":["AAPL"],"parameters":{"fast":3,"Fast":5}}""");

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "parameters.Fast");
    }

    [Theory]
    [InlineData("/api/v1/paper/reset", """{"cash":"abc"}""", "cash", "cash must be a number")]
    [InlineData("/api/v1/paper/reset", """{"cash":1e40}""", "cash", "cash must be a number a decimal holds")]
    [InlineData("/api/v1/data/batch", """{"symbols":"AAPL"}""", "symbols", "symbols must be an array of strings")]
    [InlineData("/api/v1/data/batch", """{"symbols":["AAPL",1]}""", "symbols", "symbols[1] must be a string")]
    [InlineData("/api/v1/paper/orders", "[1]", "body", "the body must be a JSON object of symbol, side, quantity")]
    [InlineData("/api/v1/backtests", """{"strategy":"sma_cross","parameters":[1]}""", "parameters", "parameters must be a JSON object")]
    [InlineData("/api/v1/backtests", """{"strategy":"sma_cross","risk_free":"high"}""", "risk_free", "risk_free must be a finite number")]
    public async Task A_value_of_the_wrong_type_is_refused_saying_what_the_member_must_be(string route, string body, string field, string says)
    {
        using var response = await Post(route, body);

        var problem = await Problems.AssertProblem(response, HttpStatusCode.BadRequest, field);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith(says, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
    }

    private static async Task Expect(HttpResponseMessage response, string route, string field, List<string> failures)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest || !text.Contains($"\"{field}\":[", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{route} with '{field}' unknown or twice: expected 400 naming it, got {(int)response.StatusCode}: {text}");
        }
    }

    private Task<HttpResponseMessage> Post(string route, string json) =>
        _client.PostAsync(route, new StringContent(json, Encoding.UTF8, "application/json"));
}
