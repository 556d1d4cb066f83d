using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Trading.Server.Tests;

/// <summary>Bad input never yields a 500: every route with an input gets a list of bad values in each of its fields
/// and must answer 4xx with problem+json whose <c>errors</c> names the field.</summary>
public sealed partial class BadInputTests : IDisposable
{
    /// <summary>Strings that are wrong anywhere a name, a date or a number is expected (escaped where they go in a
    /// URL: a raw <c>%00</c> in a path never reaches a route, Kestrel refuses it; see KestrelRefusalTests).</summary>
    private static readonly string[] OddStrings =
    [
        "AAPL'; DROP TABLE bars;--",
        "../../etc/passwd",
        new string('A', 10_000),
        "<script>alert(1)</script>",
        "%00",
        "🚀",
        "${jndi:ldap://x}",
    ];

    private static readonly string[] BadDates = [.. OddStrings, "2023-13-01", "2023-02-30", "yesterday", "01/02/2023", "0001-01-01", "9999-12-31", "1800-01-01"];

    private static readonly string[] BadIntervals = [.. OddStrings, "2d", "1D", "daily", "0"];

    private static readonly string[] MalformedJson = ["{", "{\"symbols\": [\"AAPL\"", "not json", "[1, 2]", "null", "\"AAPL\"", "{\"a\":1}}"];

    /// <summary>Routes that take no input at all, so there is nothing to get wrong.</summary>
    private static readonly string[] WithoutInput =
    [
        "GET /api/v1/strategy/strategies",
        "GET /api/v1/paper/account",
        "GET /api/v1/paper/positions",
        "GET /api/v1/paper/transactions",
        "GET /api/v1/paper/performance",
        "GET /api/v1/paper/reconciliation",
        "GET /api/v1/nodes",
        "GET /openapi/{documentName}.json",
        "GET /docs/{documentName?}",
        "GET /docs/scalar.js",
        "GET /docs/scalar.aspnetcore.js",
        "GET /docs/favicon.svg",
        "GET /health",
        "GET /",
    ];

    /// <summary>Numbers a decimal cannot hold or only just holds: the largest decimal, one past it, and beyond.</summary>
    private static readonly string[] ExtremeNumbers = ["79228162514264337593543950335", "79228162514264337593543950336", "-79228162514264337593543950335", "1e40", "1e400", "-1e400"];

    private readonly TemporaryDatabase _database = new();

    public BadInputTests()
    {
        // What a store may hold however it got there: a close beyond decimal's range, a bar on the calendar's last day.
        StoredBars.Write(_database.Path, "HUGE", StoredBars.Flat(new DateOnly(2023, 1, 2), 5, 1e30));
        StoredBars.Write(_database.Path, "FAR", StoredBars.Flat(new DateOnly(2023, 1, 2), 4, 10).Append((DateOnly.MaxValue, 10, 10, 10, 10, 1_000)));
    }

    public void Dispose() => _database.Dispose();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(System|Trading|Microsoft)\.[A-Z][\w.`\[\]]*")]
    private static partial System.Text.RegularExpressions.Regex DotNetName();

    [Fact]
    public async Task Every_route_answers_bad_input_with_a_4xx_problem_naming_the_field()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        var cases = Cases().ToList();
        var failures = new List<string>();
        foreach (var (route, field, request, expected) in cases)
        {
            using var message = request();
            using var response = await client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var what = $"{route} [{field}] {Describe(message)} -> {status}";
            if (status is < 400 or >= 500 || (expected is { } e && response.StatusCode != e))
            {
                failures.Add($"{what}: expected {(expected is { } x ? (int)x : "4xx")}: {Shorten(text)}");
                continue;
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{what}: content type {response.Content.Headers.ContentType}");
                continue;
            }

            var names = JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors)
                ? errors.EnumerateObject().Select(p => p.Name).ToArray()
                : [];
            if (!names.Any(n => n == field || n.StartsWith(field + "[", StringComparison.Ordinal) || n.StartsWith(field + ".", StringComparison.Ordinal)))
            {
                failures.Add($"{what}: errors do not name '{field}': {Shorten(text)}");
                continue;
            }

            // The client's words, not the runtime's: "could not be converted to System.Nullable`1[System.Decimal]"
            // tells a user nothing about what to send.
            if (DotNetName().Match(text) is { Success: true } leaked)
            {
                failures.Add($"{what}: the answer names the .NET type {leaked.Value}: {Shorten(text)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} bad requests were not answered as they should be:\n{string.Join("\n", failures.Take(40))}");

        // Every route of the server is either exercised above or has no input to get wrong.
        var exercised = cases.Select(c => c.Route).ToHashSet(StringComparer.Ordinal);
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .ToArray();
        var untested = routes.Where(r => !exercised.Contains(r) && !WithoutInput.Contains(r)).ToArray();
        Assert.True(untested.Length == 0, $"routes without bad-input cases: {string.Join(", ", untested)}");
    }

    private static IEnumerable<(string Route, string Field, Func<HttpRequestMessage> Request, HttpStatusCode? Expected)> Cases()
    {
        const string stock = "GET /api/v1/data/stock/{symbol}";
        foreach (var bad in OddStrings)
        {
            yield return (stock, "symbol", () => Get($"/api/v1/data/stock/{Uri.EscapeDataString(bad)}?start_date=2023-01-02&end_date=2023-04-09"), HttpStatusCode.BadRequest);
        }

        foreach (var bad in BadDates)
        {
            yield return (stock, "start_date", () => Get($"/api/v1/data/stock/AAPL?start_date={Uri.EscapeDataString(bad)}&end_date=2023-04-09"), HttpStatusCode.BadRequest);
            yield return (stock, "end_date", () => Get($"/api/v1/data/stock/AAPL?start_date=2023-01-02&end_date={Uri.EscapeDataString(bad)}"), HttpStatusCode.BadRequest);
        }

        foreach (var bad in BadIntervals)
        {
            yield return (stock, "interval", () => Get($"/api/v1/data/stock/AAPL?start_date=2023-01-02&end_date=2023-04-09&interval={Uri.EscapeDataString(bad)}"), HttpStatusCode.BadRequest);
        }

        yield return (stock, "end_date", () => Get("/api/v1/data/stock/AAPL?start_date=2023-04-09&end_date=2023-01-02"), HttpStatusCode.BadRequest);
        yield return (stock, "start_date", () => Get("/api/v1/data/stock/AAPL?start_date=1990-01-01&end_date=2023-01-02&interval=1m"), HttpStatusCode.BadRequest);
        yield return (stock, "symbol", () => Get("/api/v1/data/stock/UNKNOWN?start_date=2023-01-02&end_date=2023-04-09"), HttpStatusCode.NotFound);

        const string batch = "POST /api/v1/data/batch";
        foreach (var bad in MalformedJson)
        {
            yield return (batch, "body", () => Post("/api/v1/data/batch", bad), HttpStatusCode.BadRequest);
        }

        foreach (var bad in OddStrings)
        {
            yield return (batch, "symbols", () => Post("/api/v1/data/batch", Json(new { symbols = new[] { "AAPL", bad }, start_date = "2023-01-01", end_date = "2023-12-30" })), HttpStatusCode.BadRequest);
        }

        foreach (var bad in BadDates)
        {
            yield return (batch, "start_date", () => Post("/api/v1/data/batch", Json(new { symbols = new[] { "AAPL" }, start_date = bad, end_date = "2023-12-30" })), HttpStatusCode.BadRequest);
            yield return (batch, "end_date", () => Post("/api/v1/data/batch", Json(new { symbols = new[] { "AAPL" }, start_date = "2023-01-01", end_date = bad })), HttpStatusCode.BadRequest);
        }

        foreach (var bad in BadIntervals)
        {
            yield return (batch, "interval", () => Post("/api/v1/data/batch", Json(new { symbols = new[] { "AAPL" }, interval = bad })), HttpStatusCode.BadRequest);
        }

        yield return (batch, "symbols", () => Post("/api/v1/data/batch", "{\"symbols\": \"AAPL\"}"), HttpStatusCode.BadRequest);
        yield return (batch, "symbols", () => Post("/api/v1/data/batch", "{\"symbols\": []}"), HttpStatusCode.BadRequest);
        yield return (batch, "symbols", () => Post("/api/v1/data/batch", Json(new { symbols = Enumerable.Range(0, 500).Select(i => $"S{i}").ToArray() })), HttpStatusCode.BadRequest);
        yield return (batch, "start_date", () => Post("/api/v1/data/batch", "{\"symbols\": [\"AAPL\"], \"start_date\": 20230101}"), HttpStatusCode.BadRequest);
        yield return (batch, "end_date", () => Post("/api/v1/data/batch", Json(new { symbols = new[] { "AAPL" }, start_date = "2023-12-30", end_date = "2023-01-01" })), HttpStatusCode.BadRequest);
        yield return (batch, "body", () => Post("/api/v1/data/batch", "symbols=AAPL", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);

        const string indicators = "GET /api/v1/data/indicators/{symbol}";
        foreach (var bad in OddStrings)
        {
            yield return (indicators, "symbol", () => Get($"/api/v1/data/indicators/{Uri.EscapeDataString(bad)}?indicators=sma(20)"), HttpStatusCode.BadRequest);
            yield return (indicators, "indicators", () => Get($"/api/v1/data/indicators/AAPL?indicators={Uri.EscapeDataString(bad)}"), HttpStatusCode.BadRequest);
            yield return (indicators, "adjust", () => Get($"/api/v1/data/indicators/AAPL?indicators=sma(20)&adjust={Uri.EscapeDataString(bad)}"), HttpStatusCode.BadRequest);
        }

        foreach (var bad in new[] { "sma(-1)", "sma(0)", "nope(3)", "sma(20", "macd(1,2)", "rsi(1e9)" })
        {
            yield return (indicators, "indicators", () => Get($"/api/v1/data/indicators/AAPL?indicators={Uri.EscapeDataString(bad)}"), HttpStatusCode.BadRequest);
        }

        yield return (indicators, "indicators", () => Get("/api/v1/data/indicators/AAPL"), HttpStatusCode.BadRequest);
        yield return (indicators, "start_date", () => Get("/api/v1/data/indicators/AAPL?indicators=sma(5)&start_date=yesterday"), HttpStatusCode.BadRequest);
        yield return (indicators, "interval", () => Get("/api/v1/data/indicators/AAPL?indicators=sma(5)&interval=2d"), HttpStatusCode.BadRequest);
        yield return (indicators, "symbol", () => Get("/api/v1/data/indicators/UNKNOWN?indicators=sma(5)"), HttpStatusCode.NotFound);

        const string parameters = "GET /api/v1/strategy/strategy_parameters/{strategy}";
        const string configure = "POST /api/v1/strategy/configure_strategy/{strategy}";
        foreach (var bad in OddStrings.Append("momentum_x").Append("SMA CROSS"))
        {
            yield return (parameters, "strategy", () => Get($"/api/v1/strategy/strategy_parameters/{Uri.EscapeDataString(bad)}"), HttpStatusCode.NotFound);
            yield return (configure, "strategy", () => Post($"/api/v1/strategy/configure_strategy/{Uri.EscapeDataString(bad)}", "{\"fast\": 5}"), HttpStatusCode.NotFound);
        }

        foreach (var bad in MalformedJson)
        {
            yield return (configure, "body", () => Post("/api/v1/strategy/configure_strategy/sma_cross", bad), HttpStatusCode.BadRequest);
        }

        foreach (var value in new[] { "\"abc\"", "-5", "0", "1e30", "10.5", "[1]", "{}", "null", "true", JsonSerializer.Serialize(new string('9', 10_000)) })
        {
            yield return (configure, "fast", () => Post("/api/v1/strategy/configure_strategy/sma_cross", $"{{\"fast\": {value}}}"), HttpStatusCode.BadRequest);
        }

        yield return (configure, "fast", () => Post("/api/v1/strategy/configure_strategy/sma_cross", "{\"fast\": 40, \"slow\": 20}"), HttpStatusCode.BadRequest);
        foreach (var value in ExtremeNumbers.Append("\"\\ud800\"").Append("\"a\\udc00b\""))
        {
            yield return (configure, "fast", () => Post("/api/v1/strategy/configure_strategy/sma_cross", $"{{\"fast\": {value}}}"), HttpStatusCode.BadRequest);
            yield return (configure, "allocation", () => Post("/api/v1/strategy/configure_strategy/sma_cross", $"{{\"allocation\": {value}}}"), HttpStatusCode.BadRequest);
        }

        yield return (configure, "body", () => Post("/api/v1/strategy/configure_strategy/sma_cross", "{\"\\ud800\": 1}"), HttpStatusCode.BadRequest);
        foreach (var bad in OddStrings)
        {
            yield return (configure, bad.Trim(), () => Post("/api/v1/strategy/configure_strategy/sma_cross", Json(new Dictionary<string, int> { [bad] = 1 })), HttpStatusCode.BadRequest);
        }

        const string submit = "POST /api/v1/paper/orders";
        foreach (var bad in MalformedJson)
        {
            yield return (submit, "body", () => Post("/api/v1/paper/orders", bad), HttpStatusCode.BadRequest);
        }

        foreach (var bad in OddStrings)
        {
            yield return (submit, "symbol", () => Post("/api/v1/paper/orders", Json(new { symbol = bad, side = "buy", quantity = 1 })), HttpStatusCode.BadRequest);
            yield return (submit, "side", () => Post("/api/v1/paper/orders", Json(new { symbol = "AAPL", side = bad, quantity = 1 })), HttpStatusCode.BadRequest);
            yield return (submit, "type", () => Post("/api/v1/paper/orders", Json(new { symbol = "AAPL", side = "buy", quantity = 1, type = bad })), HttpStatusCode.BadRequest);
            yield return (submit, "client_order_id", () => Post("/api/v1/paper/orders", Json(new { symbol = "AAPL", side = "buy", quantity = 1, client_order_id = bad + " " })), HttpStatusCode.BadRequest);
            yield return (submit, "time_in_force", () => Post("/api/v1/paper/orders", Json(new { symbol = "AAPL", side = "buy", quantity = 1, time_in_force = bad })), HttpStatusCode.BadRequest);
        }

        foreach (var quantity in new[] { "-1", "0", "1.5", "1e20", "\"ten\"", "null" })
        {
            yield return (submit, "quantity", () => Post("/api/v1/paper/orders", $"{{\"symbol\": \"AAPL\", \"side\": \"buy\", \"quantity\": {quantity}}}"), HttpStatusCode.BadRequest);
        }

        yield return (submit, "limit_price", () => Post("/api/v1/paper/orders", Json(new { symbol = "AAPL", side = "buy", quantity = 1, type = "limit" })), HttpStatusCode.BadRequest);
        yield return (submit, "limit_price", () => Post("/api/v1/paper/orders", Json(new { symbol = "AAPL", side = "buy", quantity = 1, type = "limit", limit_price = -3 })), HttpStatusCode.BadRequest);
        yield return (submit, "stop_price", () => Post("/api/v1/paper/orders", Json(new { symbol = "AAPL", side = "buy", quantity = 1, stop_price = 10 })), HttpStatusCode.BadRequest);
        yield return (submit, "trail_percent", () => Post("/api/v1/paper/orders", Json(new { symbol = "AAPL", side = "sell", quantity = 1, type = "trailing_stop", trail_percent = 5 })), HttpStatusCode.BadRequest);
        yield return (submit, "symbol", () => Post("/api/v1/paper/orders", Json(new { symbol = "UNKNOWN", side = "buy", quantity = 1 })), HttpStatusCode.NotFound);
        yield return (submit, "symbol", () => Post("/api/v1/paper/orders", "{\"symbol\": \"\\ud800\", \"side\": \"buy\", \"quantity\": 1}"), HttpStatusCode.BadRequest);
        yield return (submit, "tag", () => Post("/api/v1/paper/orders", "{\"symbol\": \"AAPL\", \"side\": \"buy\", \"quantity\": 1, \"tag\": \"\\udfff\"}"), HttpStatusCode.BadRequest);
        foreach (var value in ExtremeNumbers)
        {
            yield return (submit, "quantity", () => Post("/api/v1/paper/orders", $"{{\"symbol\": \"AAPL\", \"side\": \"buy\", \"quantity\": {value}}}"), HttpStatusCode.BadRequest);
            yield return (submit, "limit_price", () => Post("/api/v1/paper/orders", $"{{\"symbol\": \"AAPL\", \"side\": \"buy\", \"quantity\": 1, \"type\": \"limit\", \"limit_price\": {value}}}"), HttpStatusCode.BadRequest);
            yield return (submit, "stop_price", () => Post("/api/v1/paper/orders", $"{{\"symbol\": \"AAPL\", \"side\": \"sell\", \"quantity\": 1, \"type\": \"stop\", \"stop_price\": {value}}}"), HttpStatusCode.BadRequest);
            yield return (submit, "trail_amount", () => Post("/api/v1/paper/orders", $"{{\"symbol\": \"AAPL\", \"side\": \"buy\", \"quantity\": 1, \"type\": \"trailing_stop\", \"trail_amount\": {value}}}"), HttpStatusCode.BadRequest);
            yield return (submit, "trail_percent", () => Post("/api/v1/paper/orders", $"{{\"symbol\": \"AAPL\", \"side\": \"sell\", \"quantity\": 1, \"type\": \"trailing_stop\", \"trail_percent\": {value}}}"), HttpStatusCode.BadRequest);
        }

        // A stored price or date the venue cannot account for is the symbol's problem, not the server's.
        yield return (submit, "symbol", () => Post("/api/v1/paper/orders", Json(new { symbol = "HUGE", side = "buy", quantity = 1 })), HttpStatusCode.UnprocessableEntity);
        yield return (submit, "symbol", () => Post("/api/v1/paper/orders", Json(new { symbol = "FAR", side = "buy", quantity = 1 })), HttpStatusCode.UnprocessableEntity);

        const string list = "GET /api/v1/paper/orders";
        foreach (var bad in OddStrings.Append("open"))
        {
            yield return (list, "status", () => Get($"/api/v1/paper/orders?status={Uri.EscapeDataString(bad)}"), HttpStatusCode.BadRequest);
        }

        foreach (var bad in OddStrings.Concat(["abc", "-1", "0", "1.5", "99999999999999999999999"]))
        {
            yield return ("GET /api/v1/paper/orders/{id}", "id", () => Get($"/api/v1/paper/orders/{Uri.EscapeDataString(bad)}"), HttpStatusCode.BadRequest);
            yield return ("DELETE /api/v1/paper/orders/{id}", "id", () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/paper/orders/{Uri.EscapeDataString(bad)}") { Headers = { { "X-Requested-With", "test" } } }, HttpStatusCode.BadRequest);
        }

        yield return ("GET /api/v1/paper/orders/{id}", "id", () => Get("/api/v1/paper/orders/12345"), HttpStatusCode.NotFound);

        // A malformed Last-Event-ID is refused before the stream opens (a valid one would stream until the client leaves).
        foreach (var bad in OddStrings.Concat(["abc", "1-", "-1", "1-2-3", "1.5-2", "99999999999999999999-1"]))
        {
            yield return ("GET /api/v1/orders/stream", "Last-Event-ID", () => WithHeader(Get("/api/v1/orders/stream"), "Last-Event-ID", bad), HttpStatusCode.BadRequest);
        }

        const string nodes = "POST /api/v1/nodes";
        foreach (var bad in MalformedJson)
        {
            yield return (nodes, "body", () => Post("/api/v1/nodes", bad), HttpStatusCode.BadRequest);
        }

        foreach (var bad in OddStrings)
        {
            yield return (nodes, "strategy", () => Post("/api/v1/nodes", Json(new { strategy = bad, symbols = new[] { "AAPL" } })), HttpStatusCode.BadRequest);
            yield return (nodes, "symbols", () => Post("/api/v1/nodes", Json(new { strategy = "sma_cross", symbols = new[] { bad } })), HttpStatusCode.BadRequest);
            yield return (nodes, "id", () => Post("/api/v1/nodes", Json(new { id = bad + "!", strategy = "sma_cross", symbols = new[] { "AAPL" } })), HttpStatusCode.BadRequest);
            foreach (var route in new[] { "GET /api/v1/nodes/{id}", "GET /api/v1/nodes/{id}/positions", "GET /api/v1/nodes/{id}/orders", "GET /api/v1/nodes/{id}/transactions", "GET /api/v1/nodes/{id}/performance", "GET /api/v1/nodes/{id}/reconciliation" })
            {
                var url = route[4..].Replace("{id}", Uri.EscapeDataString(bad), StringComparison.Ordinal);
                yield return (route, "id", () => Get(url), HttpStatusCode.NotFound);
            }

            foreach (var action in new[] { "start", "halt", "resume" })
            {
                yield return ($"POST /api/v1/nodes/{{id}}/{action}", "id", () => Post($"/api/v1/nodes/{Uri.EscapeDataString(bad)}/{action}", "{}"), HttpStatusCode.NotFound);
            }

            yield return ("DELETE /api/v1/nodes/{id}", "id", () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/nodes/{Uri.EscapeDataString(bad)}") { Headers = { { "X-Requested-With", "test" } } }, HttpStatusCode.NotFound);
        }

        foreach (var bad in MalformedJson)
        {
            yield return ("POST /api/v1/nodes/{id}/orders", "body", () => Post("/api/v1/nodes/any/orders", bad), HttpStatusCode.BadRequest);
        }

        yield return ("POST /api/v1/nodes/{id}/orders", "side", () => Post("/api/v1/nodes/any/orders", Json(new { symbol = "AAPL", side = "sideways", quantity = 1 })), HttpStatusCode.BadRequest);
        yield return ("POST /api/v1/nodes/{id}/orders", "id", () => Post("/api/v1/nodes/any/orders", Json(new { symbol = "AAPL", side = "buy", quantity = 1 })), HttpStatusCode.NotFound);
        foreach (var bad in OddStrings.Concat(["abc", "-1", "0", "1.5", "99999999999999999999999"]))
        {
            yield return ("DELETE /api/v1/nodes/{id}/orders/{orderId}", "order_id", () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/nodes/any/orders/{Uri.EscapeDataString(bad)}") { Headers = { { "X-Requested-With", "test" } } }, HttpStatusCode.BadRequest);
        }

        yield return ("DELETE /api/v1/nodes/{id}/orders/{orderId}", "id", () => new HttpRequestMessage(HttpMethod.Delete, "/api/v1/nodes/any/orders/1") { Headers = { { "X-Requested-With", "test" } } }, HttpStatusCode.NotFound);

        foreach (var bad in BadDates)
        {
            yield return (nodes, "from", () => Post("/api/v1/nodes", Json(new { strategy = "sma_cross", symbols = new[] { "AAPL" }, from = bad })), HttpStatusCode.BadRequest);
        }

        foreach (var cash in ExtremeNumbers.Append("-1").Append("0").Append("\"lots\""))
        {
            yield return (nodes, "initial_cash", () => Post("/api/v1/nodes", $"{{\"strategy\": \"sma_cross\", \"symbols\": [\"AAPL\"], \"initial_cash\": {cash}}}"), HttpStatusCode.BadRequest);
        }

        foreach (var bad in MalformedJson)
        {
            yield return ("POST /api/v1/nodes/{id}/halt", "body", () => Post("/api/v1/nodes/any/halt", bad), HttpStatusCode.BadRequest);
            yield return ("POST /api/v1/nodes/{id}/resume", "body", () => Post("/api/v1/nodes/any/resume", bad), HttpStatusCode.BadRequest);
        }

        foreach (var bad in OddStrings.Concat(["abc", "1-", "-1"]))
        {
            yield return ("GET /api/v1/nodes/{id}/orders/stream", "Last-Event-ID", () => WithHeader(Get("/api/v1/nodes/any/orders/stream"), "Last-Event-ID", bad), HttpStatusCode.BadRequest);
        }

        const string advance = "POST /api/v1/paper/advance";
        const string reset = "POST /api/v1/paper/reset";
        foreach (var bad in MalformedJson)
        {
            yield return (advance, "body", () => Post("/api/v1/paper/advance", bad), HttpStatusCode.BadRequest);
            yield return (reset, "body", () => Post("/api/v1/paper/reset", bad), HttpStatusCode.BadRequest);
        }

        foreach (var bad in BadDates)
        {
            yield return (advance, "to", () => Post("/api/v1/paper/advance", Json(new { to = bad })), HttpStatusCode.BadRequest);
            yield return (reset, "start_date", () => Post("/api/v1/paper/reset", Json(new { start_date = bad })), HttpStatusCode.BadRequest);
        }

        foreach (var cash in ExtremeNumbers.Append("-1").Append("\"lots\""))
        {
            yield return (reset, "cash", () => Post("/api/v1/paper/reset", $"{{\"cash\": {cash}}}"), HttpStatusCode.BadRequest);
        }

        const string backtest = "POST /api/v1/backtests";
        foreach (var bad in MalformedJson)
        {
            yield return (backtest, "body", () => Post("/api/v1/backtests", bad), HttpStatusCode.BadRequest);
        }

        foreach (var bad in OddStrings)
        {
            yield return (backtest, "strategy", () => Post("/api/v1/backtests", Json(new { strategy = bad })), HttpStatusCode.BadRequest);
            yield return (backtest, "symbols", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", symbols = new[] { bad } })), HttpStatusCode.BadRequest);
            yield return (backtest, "benchmark", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", benchmark = bad })), HttpStatusCode.BadRequest);
            yield return (backtest, "account", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", account = bad })), HttpStatusCode.BadRequest);
            yield return (backtest, "parameters", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", parameters = new Dictionary<string, int> { [bad] = 1 } })), HttpStatusCode.BadRequest);
        }

        foreach (var bad in BadDates)
        {
            yield return (backtest, "start_date", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", start_date = bad })), HttpStatusCode.BadRequest);
        }

        yield return (backtest, "strategy", () => Post("/api/v1/backtests", "{}"), HttpStatusCode.BadRequest);
        yield return (backtest, "parameters.fast", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", parameters = new { fast = "x" } })), HttpStatusCode.BadRequest);
        yield return (backtest, "parameters.fast", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", parameters = new { fast = 50, slow = 20 } })), HttpStatusCode.BadRequest);
        yield return (backtest, "initial_cash", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", initial_cash = -5 })), HttpStatusCode.BadRequest);
        yield return (backtest, "commission_rate", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", commission_rate = 2 })), HttpStatusCode.BadRequest);
        yield return (backtest, "risk_free", () => Post("/api/v1/backtests", "{\"strategy\": \"sma_cross\", \"risk_free\": 1e300}"), HttpStatusCode.BadRequest);
        yield return (backtest, "interval", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", interval = "2d" })), HttpStatusCode.BadRequest);
        yield return (backtest, "symbols", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", symbols = new[] { "UNKNOWN" } })), HttpStatusCode.NotFound);
        yield return (backtest, "benchmark", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", symbols = new[] { "AAPL" }, benchmark = "UNKNOWN" })), HttpStatusCode.NotFound);
        yield return (backtest, "benchmark", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", benchmark = "UNKNOWN" })), HttpStatusCode.NotFound);
        yield return (backtest, "benchmark", () => Post("/api/v1/backtests", Json(new { strategy = "sma_cross", symbols = new[] { "AAPL" }, benchmark = "HUGE", start_date = "2022-01-01", end_date = "2022-12-31" })), HttpStatusCode.NotFound);
        yield return (backtest, "parameters.fast", () => Post("/api/v1/backtests", "{\"strategy\": \"sma_cross\", \"parameters\": {\"fast\": \"\\ud800\"}}"), HttpStatusCode.BadRequest);
        yield return (backtest, "strategy", () => Post("/api/v1/backtests", "{\"strategy\": \"\\ud800\"}"), HttpStatusCode.BadRequest);
        yield return (backtest, "symbols", () => Post("/api/v1/backtests", "{\"strategy\": \"sma_cross\", \"symbols\": [\"AAPL\", \"\\ud800\"]}"), HttpStatusCode.BadRequest);
        foreach (var value in ExtremeNumbers)
        {
            foreach (var field in new[] { "initial_cash", "commission_rate", "slippage_bps", "leverage", "risk_free" })
            {
                yield return (backtest, field, () => Post("/api/v1/backtests", $"{{\"strategy\": \"sma_cross\", \"account\": \"margin\", \"{field}\": {value}}}"), HttpStatusCode.BadRequest);
            }

            yield return (backtest, "parameters.quantity", () => Post("/api/v1/backtests", $"{{\"strategy\": \"sma_cross\", \"parameters\": {{\"quantity\": {value}}}}}"), HttpStatusCode.BadRequest);
        }

        foreach (var bad in OddStrings.Concat(["latest", "0123456789ABCDEF0123456789ABCDEF", "1"]))
        {
            yield return ("GET /api/v1/backtests/{id}", "id", () => Get($"/api/v1/backtests/{Uri.EscapeDataString(bad)}"), HttpStatusCode.BadRequest);
            yield return ("GET /api/v1/backtests/{id}/result", "id", () => Get($"/api/v1/backtests/{Uri.EscapeDataString(bad)}/result"), HttpStatusCode.BadRequest);
            yield return ("GET /api/v1/backtests/{id}/report", "id", () => Get($"/api/v1/backtests/{Uri.EscapeDataString(bad)}/report"), HttpStatusCode.BadRequest);
        }

        yield return ("GET /api/v1/backtests/{id}/report", "id", () => Get("/api/v1/backtests/0123456789abcdef0123456789abcdef/report"), HttpStatusCode.NotFound);
        const string optimization = "POST /api/v1/optimizations";
        foreach (var bad in MalformedJson)
        {
            yield return (optimization, "body", () => Post("/api/v1/optimizations", bad), HttpStatusCode.BadRequest);
        }

        yield return (optimization, "strategy", () => Post("/api/v1/optimizations", "{}"), HttpStatusCode.BadRequest);
        yield return (optimization, "params.fast", () => Post("/api/v1/optimizations", Json(new { strategy = "sma_cross", @params = new { fast = "x" } })), HttpStatusCode.BadRequest);
        yield return (optimization, "objective", () => Post("/api/v1/optimizations", Json(new { strategy = "sma_cross", @params = new { fast = "5,10" }, objective = "luck" })), HttpStatusCode.BadRequest);
        const string zero = "0123456789abcdef0123456789abcdef";
        yield return ("GET /api/v1/optimizations/{id}", "id", () => Get("/api/v1/optimizations/NOT-AN-ID"), HttpStatusCode.BadRequest);
        yield return ("GET /api/v1/optimizations/{id}", "id", () => Get($"/api/v1/optimizations/{zero}"), HttpStatusCode.NotFound);
        yield return ("GET /api/v1/optimizations/{id}/result", "id", () => Get($"/api/v1/optimizations/{zero}/result"), HttpStatusCode.NotFound);
        yield return ("GET /api/v1/optimizations/{id}/report", "id", () => Get("/api/v1/optimizations/NOT-AN-ID/report"), HttpStatusCode.BadRequest);
        yield return ("DELETE /api/v1/optimizations/{id}", "id", () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/optimizations/{zero}") { Headers = { { "X-Requested-With", "test" } } }, HttpStatusCode.NotFound);

        // The signal request (symbols, dates, interval, market index) is shared by the signal and portfolio routes.
        foreach (var (route, url) in new[]
        {
            ("POST /api/v1/strategy/generate_signals", "/api/v1/strategy/generate_signals"),
            ("POST /api/v1/portfolio/desired", "/api/v1/portfolio/desired"),
            ("POST /api/v1/portfolio/rebalance", "/api/v1/portfolio/rebalance"),
        })
        {
            foreach (var bad in MalformedJson)
            {
                yield return (route, "body", () => Post(url, bad), HttpStatusCode.BadRequest);
            }

            foreach (var bad in OddStrings)
            {
                yield return (route, "symbols", () => Post(url, Json(new { symbols = new[] { "AAPL", bad }, start_date = "2023-01-01", end_date = "2023-12-31" })), HttpStatusCode.BadRequest);
                yield return (route, "market_index", () => Post(url, Json(new { symbols = new[] { "AAPL" }, market_index = bad })), HttpStatusCode.BadRequest);
            }

            foreach (var bad in BadDates)
            {
                yield return (route, "start_date", () => Post(url, Json(new { symbols = new[] { "AAPL" }, start_date = bad, end_date = "2023-12-31" })), HttpStatusCode.BadRequest);
                yield return (route, "end_date", () => Post(url, Json(new { symbols = new[] { "AAPL" }, start_date = "2023-01-01", end_date = bad })), HttpStatusCode.BadRequest);
            }

            foreach (var bad in BadIntervals)
            {
                yield return (route, "interval", () => Post(url, Json(new { symbols = new[] { "AAPL" }, interval = bad })), HttpStatusCode.BadRequest);
            }

            yield return (route, "symbols", () => Post(url, "{}"), HttpStatusCode.BadRequest);
            yield return (route, "symbols", () => Post(url, Json(new { symbols = Enumerable.Range(0, 1000).Select(i => $"S{i}").ToArray() })), HttpStatusCode.BadRequest);
            yield return (route, "end_date", () => Post(url, Json(new { symbols = new[] { "AAPL" }, start_date = "2023-12-31", end_date = "2023-01-01" })), HttpStatusCode.BadRequest);
            yield return (route, "market_index", () => Post(url, Json(new { symbols = new[] { "AAPL", "^GSPC" }, market_index = "^GSPC" })), HttpStatusCode.BadRequest);
            yield return (route, "UNKNOWN", () => Post(url, Json(new { symbols = new[] { "UNKNOWN" }, start_date = "2023-01-01", end_date = "2023-12-31" })), HttpStatusCode.NotFound);
        }
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static HttpRequestMessage Post(string url, string body, string contentType = "application/json") =>
        new(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Describe(HttpRequestMessage message)
    {
        var body = message.Content is null ? string.Empty : " " + message.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return Shorten($"{message.Method} {message.RequestUri}{body}");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
}
