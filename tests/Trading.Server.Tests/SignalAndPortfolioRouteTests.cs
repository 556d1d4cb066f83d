using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>The original's signal route and the portfolio routes, over the seeded AAPL, GOOGL, MSFT and ^GSPC bars.</summary>
public sealed class SignalAndPortfolioRouteTests : IDisposable
{
    private static readonly object Request = new { symbols = TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = "2023-12-31", interval = "1d", market_index = TemporaryDatabase.Index };

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Signals_rank_the_universe_in_the_original_shape_with_the_regime_and_every_reason()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/strategy/generate_signals", Request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var signals = body.GetProperty("signals").EnumerateArray().ToArray();
        Assert.Equal(3, signals.Length);
        Assert.Equal(
            ["symbol", "signal", "risk_unit", "momentum_score", "current_price", "rank", "reason"],
            signals[0].EnumerateObject().Select(p => p.Name));
        // Default top_percentage 0.2 of three symbols, rounded up: one.
        Assert.Equal(1, body.GetProperty("top_count").GetInt32());
        Assert.Equal("2023-12-29", body.GetProperty("as_of").GetString());
        Assert.Contains("^GSPC closed at", body.GetProperty("market_regime").GetString(), StringComparison.Ordinal);
        Assert.All(signals.Where(s => s.GetProperty("signal").GetString() != "BUY"), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("reason").GetString())));
        Assert.Empty(body.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Without_a_market_index_the_regime_filter_is_off_and_the_answer_says_so()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/strategy/generate_signals", new { symbols = TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = "2023-12-31" });

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("regime filter off", body.GetProperty("market_regime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbol_without_bars_is_listed_under_errors_and_none_at_all_is_a_404_naming_them()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var partly = await client.PostAsJsonAsync("/api/v1/strategy/generate_signals", new { symbols = new[] { "AAPL", "NOPE" }, start_date = "2023-01-01", end_date = "2023-12-31" });
        var body = JsonDocument.Parse(await partly.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, partly.StatusCode);
        Assert.Single(body.GetProperty("signals").EnumerateArray());
        Assert.Contains("NOPE", body.GetProperty("errors").GetProperty("NOPE").GetString(), StringComparison.Ordinal);

        using var none = await client.PostAsJsonAsync("/api/v1/strategy/generate_signals", new { symbols = new[] { "NOPE" }, start_date = "2023-01-01", end_date = "2023-12-31" });
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        var problem = await none.Content.ReadAsStringAsync();
        Assert.Contains("NOPE", problem, StringComparison.Ordinal);
        Assert.Contains("2023-01-01", problem, StringComparison.Ordinal);

        using var index = await client.PostAsJsonAsync("/api/v1/strategy/generate_signals", new { symbols = TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = "2023-12-31", market_index = "^NOPE" });
        Assert.Equal(HttpStatusCode.NotFound, index.StatusCode);
        Assert.True(JsonDocument.Parse(await index.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("market_index", out _));
    }

    [Fact]
    public async Task Signals_use_the_configured_parameters()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var configured = await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/momentum", new { top_percentage = 1.0 });
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);

        using var response = await client.PostAsJsonAsync("/api/v1/strategy/generate_signals", Request);

        Assert.Equal(3, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("top_count").GetInt32());
    }

    [Fact]
    public async Task The_desired_portfolio_sizes_the_picks_and_plans_the_orders_without_changing_the_account()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        // Every symbol qualifies for the top, and no regime filter, so that the picks do not depend on the market.
        await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/momentum", new { top_percentage = 1.0, trend_filter_period = 1, max_gap = 1.0 });

        using var response = await client.PostAsJsonAsync("/api/v1/portfolio/desired", new { symbols = TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = "2023-12-31" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var equity = body.GetProperty("equity").GetDecimal();
        Assert.Equal("atr_risk_parity", body.GetProperty("construction").GetString());
        var targets = body.GetProperty("targets").EnumerateArray().ToArray();
        Assert.NotEmpty(targets);
        foreach (var target in targets)
        {
            // shares = floor(weight × equity / price): risk parity's weight is risk_factor × price / ATR.
            var expected = decimal.Truncate((decimal)target.GetProperty("weight").GetDouble() * equity / (decimal)target.GetProperty("price").GetDouble());
            Assert.Equal(expected, target.GetProperty("shares").GetDecimal());
        }

        var orders = body.GetProperty("orders").EnumerateArray().ToArray();
        Assert.All(orders.Where(o => o.GetProperty("side").GetString() is not null), o => Assert.Equal("buy", o.GetProperty("side").GetString()));
        var cost = orders.Sum(o => o.GetProperty("quantity").GetDecimal() * (decimal)o.GetProperty("price").GetDouble());
        Assert.True(cost <= body.GetProperty("cash").GetDecimal(), $"orders cost {cost}, more than the cash");
        var working = JsonDocument.Parse(await client.GetStringAsync("/api/v1/paper/orders")).RootElement;
        Assert.Equal(0, working.GetArrayLength());
    }

    [Fact]
    public async Task A_rebalance_submits_the_planned_orders_to_the_paper_account_and_they_fill_on_advance()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/momentum", new { top_percentage = 1.0, trend_filter_period = 1, max_gap = 1.0 });
        using var reset = await client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 100_000, start_date = "2023-12-15" });
        Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());

        using var response = await client.PostAsJsonAsync("/api/v1/portfolio/rebalance", new { symbols = TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = "2023-12-15" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var submitted = body.GetProperty("submitted").EnumerateArray().ToArray();
        Assert.NotEmpty(submitted);
        var planned = body.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("side").GetString() == "buy").ToArray();
        Assert.Equal(planned.Select(o => o.GetProperty("symbol").GetString()), submitted.Select(o => o.GetProperty("symbol").GetString()));

        using var advance = await client.PostAsJsonAsync("/api/v1/paper/advance", new { to = "2023-12-20" });
        Assert.True(advance.IsSuccessStatusCode, await advance.Content.ReadAsStringAsync());
        var positions = JsonDocument.Parse(await client.GetStringAsync("/api/v1/paper/positions")).RootElement;
        Assert.Equal(submitted.Length, positions.GetArrayLength());
    }
}
