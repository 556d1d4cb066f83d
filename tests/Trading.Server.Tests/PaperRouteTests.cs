using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

public sealed class PaperRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ServerFactory _factory;
    private readonly HttpClient _client;

    public PaperRouteTests()
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

    private async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_market_order_fills_at_the_open_of_the_first_stored_bar_after_the_clock_when_the_account_advances()
    {
        await Json(await _client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 50_000, start_date = "2023-03-01" }), HttpStatusCode.OK);

        using var submitted = await _client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 10 });
        var order = await Json(submitted, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/paper/orders/{order.GetProperty("id").GetInt64()}", submitted.Headers.Location?.ToString());
        Assert.Equal("accepted", order.GetProperty("status").GetString());

        var advance = await Json(await _client.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-03-10" }), HttpStatusCode.OK);

        var bars = TemporaryDatabase.Seed().Series[0];
        var next = bars.IndexAtOrBefore(new DateTime(2023, 3, 1, 23, 0, 0, DateTimeKind.Utc)) + 1;
        var fill = Assert.Single(advance.GetProperty("fills").EnumerateArray());
        Assert.Equal((decimal)bars.Open[next], fill.GetProperty("price").GetDecimal());
        Assert.Equal(bars.Time[next], fill.GetProperty("time").GetDateTime().ToUniversalTime());

        var after = await Json(await _client.GetAsync($"/api/v1/paper/orders/{order.GetProperty("id").GetInt64()}"), HttpStatusCode.OK);
        Assert.Equal("filled", after.GetProperty("status").GetString());
        Assert.Equal(["accepted", "filled"], after.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()));

        var account = await Json(await _client.GetAsync("/api/v1/paper/account"), HttpStatusCode.OK);
        Assert.Equal(50_000m - (10 * (decimal)bars.Open[next]), account.GetProperty("cash").GetDecimal());
        var position = Assert.Single(account.GetProperty("positions").EnumerateArray());
        Assert.Equal(10m, position.GetProperty("quantity").GetDecimal());
        var lastClose = bars.Close[bars.IndexAtOrBefore(new DateTime(2023, 3, 10, 0, 0, 0, DateTimeKind.Utc))];
        Assert.Equal(lastClose, position.GetProperty("last_price").GetDouble());
        Assert.Equal(account.GetProperty("cash").GetDecimal() + position.GetProperty("market_value").GetDecimal(), account.GetProperty("equity").GetDecimal());

        var transactions = await Json(await _client.GetAsync("/api/v1/paper/transactions"), HttpStatusCode.OK);
        Assert.Equal(["deposit", "buy"], transactions.EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        var performance = await Json(await _client.GetAsync("/api/v1/paper/performance"), HttpStatusCode.OK);
        Assert.Equal(advance.GetProperty("bar_times").GetInt32(), performance.GetProperty("equity_curve").GetArrayLength());
        var metrics = performance.GetProperty("metrics");
        Assert.Equal(JsonValueKind.Number, metrics.GetProperty("total_return").ValueKind);
        Assert.True(metrics.TryGetProperty("sharpe_ratio", out _) || metrics.TryGetProperty("sharpe", out _), metrics.ToString());
        var positions = await Json(await _client.GetAsync("/api/v1/paper/positions"), HttpStatusCode.OK);
        Assert.Equal("AAPL", Assert.Single(positions.EnumerateArray()).GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task A_working_limit_order_can_be_listed_and_cancelled_once()
    {
        await Json(await _client.PostAsJsonAsync("/api/v1/paper/reset", new { start_date = "2023-03-01" }), HttpStatusCode.OK);
        var order = await Json(await _client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "MSFT", side = "buy", quantity = 5, type = "limit", limit_price = 0.01 }), HttpStatusCode.Created);
        var id = order.GetProperty("id").GetInt64();
        await Json(await _client.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-03-31" }), HttpStatusCode.OK);

        var working = await Json(await _client.GetAsync("/api/v1/paper/orders?status=working"), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(working.EnumerateArray()).GetProperty("id").GetInt64());

        // A request that changes state carries a header a web page cannot send to another origin unasked.
        _client.DefaultRequestHeaders.Add("X-Requested-With", "test");
        var cancelled = await Json(await _client.DeleteAsync($"/api/v1/paper/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        using var again = await _client.DeleteAsync($"/api/v1/paper/orders/{id}");
        await Problems.AssertProblem(again, HttpStatusCode.Conflict, "id");
        using var missing = await _client.GetAsync("/api/v1/paper/orders/999");
        await Problems.AssertProblem(missing, HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task An_order_the_cash_account_cannot_pay_for_is_created_rejected_with_the_reason()
    {
        await Json(await _client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 100, start_date = "2023-03-01" }), HttpStatusCode.OK);

        var order = await Json(await _client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 1000 }), HttpStatusCode.Created);

        Assert.Equal("rejected", order.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(order.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_order_for_a_symbol_without_stored_bars_is_a_404_problem()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "IBM", side = "buy", quantity = 1 });

        await Problems.AssertProblem(response, HttpStatusCode.NotFound, "symbol");
    }
}
