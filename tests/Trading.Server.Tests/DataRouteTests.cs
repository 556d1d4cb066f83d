using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trading.Data;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Tests.Data.Yahoo;

namespace Trading.Server.Tests;

public sealed class DataRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Stock_route_answers_the_original_shape_with_the_stored_bars_of_the_range()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/data/stock/AAPL?start_date=2023-01-02&end_date=2023-04-09&interval=1d");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["symbol", "data_points"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("AAPL", body.GetProperty("symbol").GetString());
        var points = body.GetProperty("data_points").EnumerateArray().ToArray();
        var stored = TemporaryDatabase.Seed().Series[0].Between(new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 4, 9, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(stored.Count, points.Length);
        Assert.Equal("2023-01-03", points[0].GetProperty("date").GetString());
        Assert.Equal(["date", "open", "high", "low", "close", "volume"], points[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(stored.Close[0], points[0].GetProperty("close").GetDouble());
        Assert.Equal(stored.Volume[^1], points[^1].GetProperty("volume").GetDouble());
    }

    [Fact]
    public async Task A_repeated_request_is_served_from_the_cache_and_a_write_is_seen_at_once()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        const string url = "/api/v1/data/stock/MSFT?start_date=2023-06-01&end_date=2023-06-30";
        var first = await client.GetStringAsync(url);
        var second = await client.GetStringAsync(url);
        Assert.Equal(first, second);
        Assert.Contains("cache", await client.GetStringAsync("/health"), StringComparison.Ordinal);
        var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement.GetProperty("checks").GetProperty("cache");
        Assert.True(health.GetProperty("hits").GetInt64() >= 1, health.ToString());

        // A write through the server's own store replaces the cached answer.
        var store = (Trading.Data.IMarketDataStore)factory.Services.GetService(typeof(Trading.Data.IMarketDataStore))!;
        var day = new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        await store.WriteAsync(new Trading.Data.MarketDataBatch([new BarSeries(Symbol.Parse("MSFT"), Interval.Daily, [day], [1], [2], [0.5], [1.5], [42])], []));
        var third = JsonDocument.Parse(await client.GetStringAsync(url)).RootElement;
        Assert.Equal(1.5, third.GetProperty("data_points")[0].GetProperty("close").GetDouble());
    }

    [Fact]
    public async Task Batch_answers_stock_data_for_the_symbols_it_has_and_errors_for_the_others()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/data/batch", new { symbols = new[] { "AAPL", "GOOGL", "MSFT", "NOPE" }, start_date = "2023-01-01", end_date = "2023-12-30", interval = "1d" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["stock_data", "errors"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["AAPL", "GOOGL", "MSFT"], body.GetProperty("stock_data").EnumerateObject().Select(p => p.Name));
        var googl = TemporaryDatabase.Seed().Series[1].Between(new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2023, 12, 30, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(googl.Count, body.GetProperty("stock_data").GetProperty("GOOGL").GetProperty("data_points").GetArrayLength());
        Assert.Contains("no 1d bars of NOPE", body.GetProperty("errors").GetProperty("NOPE").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_data_offline_is_a_404_problem_naming_the_symbol_and_range_never_an_empty_200()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var stock = await client.GetAsync("/api/v1/data/stock/AAPL?start_date=2021-01-01&end_date=2021-03-01");
        using var batch = await client.PostAsJsonAsync("/api/v1/data/batch", new { symbols = new[] { "IBM", "ORCL" }, start_date = "2023-01-01", end_date = "2023-02-01" });

        var body = await Problems.AssertProblem(stock, HttpStatusCode.NotFound, "symbol");
        Assert.Contains("AAPL", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("2021-01-01", body.GetProperty("start_date").GetString());
        Assert.Equal("2021-03-01", body.GetProperty("end_date").GetString());
        await Problems.AssertProblem(batch, HttpStatusCode.NotFound, "IBM");
    }

    [Fact]
    public async Task Missing_data_with_the_provider_unreachable_is_a_503_problem()
    {
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?>
        {
            ["Server:Provider"] = "yahoo",
            ["Yahoo:BaseAddress"] = "http://127.0.0.1:9",
            ["Yahoo:MaxRetries"] = "0",
            ["Yahoo:ConnectTimeout"] = "00:00:02",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/data/stock/IBM?start_date=2023-01-01&end_date=2023-02-01");

        var body = await Problems.AssertProblem(response, HttpStatusCode.ServiceUnavailable, "symbol");
        Assert.Contains("IBM", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Yahoo Finance", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbol_the_provider_does_not_know_is_a_404_problem_not_a_503()
    {
        await using var yahoo = FakeYahooServer.Always(FakeResponse.Fixture("not-found.json") with { Status = 404 });
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?>
        {
            ["Server:Provider"] = "yahoo",
            ["Yahoo:BaseAddress"] = yahoo.BaseAddress.ToString(),
            ["Yahoo:MaxRetries"] = "0",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/data/stock/NOSUCH?start_date=2023-01-01&end_date=2023-02-01");

        var body = await Problems.AssertProblem(response, HttpStatusCode.NotFound, "symbol");
        Assert.Contains("has no data for NOSUCH", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_bars_are_fetched_from_the_provider_stored_and_served()
    {
        await using var yahoo = FakeYahooServer.Always(FakeResponse.Fixture("split-daily.json"));
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?>
        {
            ["Server:Provider"] = "yahoo",
            ["Yahoo:BaseAddress"] = yahoo.BaseAddress.ToString(),
            ["Yahoo:MaxRetries"] = "0",
        });
        using var client = factory.CreateClient();

        var first = JsonDocument.Parse(await client.GetStringAsync("/api/v1/data/stock/SPLT?start_date=2024-06-01&end_date=2024-06-30")).RootElement;
        var second = JsonDocument.Parse(await client.GetStringAsync("/api/v1/data/stock/SPLT?start_date=2024-06-01&end_date=2024-06-30")).RootElement;

        Assert.Equal(10, first.GetProperty("data_points").GetArrayLength());
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal(1, yahoo.RequestCount);
        using var stored = new SqliteMarketDataStore(_database.Path);
        Assert.Equal(10, (await stored.ReadBarsAsync(Symbol.Parse("SPLT"), Interval.Daily)).Count);
    }

    [Fact]
    public async Task Fetched_bars_that_break_the_bar_rule_are_dropped_and_the_rest_is_stored_and_served()
    {
        await using var yahoo = FakeYahooServer.Always(FakeResponse.Fixture("invalid-daily.json"));
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?>
        {
            ["Server:Provider"] = "yahoo",
            ["Yahoo:BaseAddress"] = yahoo.BaseAddress.ToString(),
            ["Yahoo:MaxRetries"] = "0",
        });
        using var client = factory.CreateClient();

        var body = JsonDocument.Parse(await client.GetStringAsync("/api/v1/data/stock/BADB?start_date=2024-06-01&end_date=2024-06-30")).RootElement;

        Assert.Equal(["2024-06-03", "2024-06-05", "2024-06-07"], body.GetProperty("data_points").EnumerateArray().Select(p => p.GetProperty("date").GetString()));
        using var stored = new SqliteMarketDataStore(_database.Path);
        Assert.Equal(3, (await stored.ReadBarsAsync(Symbol.Parse("BADB"), Interval.Daily)).Count);
        Assert.Contains(factory.Logs.Lines, m => m.Contains("BADB 1d bar at 2024-06-04 that breaks the bar rule (open 12 is above high 11.5)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provider_bar_the_store_refuses_is_a_503_problem_that_names_it_and_stores_nothing()
    {
        using var factory = new ServerFactory(
            _database.Path,
            new Dictionary<string, string?> { ["Server:Provider"] = "yahoo" },
            services => services.AddKeyedSingleton<IMarketDataProvider>("yahoo", new HugePriceProvider()));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/data/stock/HUGE?start_date=2020-01-01&end_date=2020-01-31");

        var body = await Problems.AssertProblem(response, HttpStatusCode.ServiceUnavailable, "symbol");
        Assert.Contains("high 1E+30 is outside the price range 1e-6 to 1e9", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var stored = new SqliteMarketDataStore(_database.Path);
        Assert.True((await stored.ReadBarsAsync(Symbol.Parse("HUGE"), Interval.Daily)).IsEmpty);
    }

    /// <summary>A provider that sends what the bar rule refuses, as one that does not check it might.</summary>
    private sealed class HugePriceProvider : IMarketDataProvider
    {
        public string Name => "Huge";

        public Task<MarketDataBatch> FetchAsync(Symbol symbol, Interval interval, DateTime from, DateTime to, CancellationToken cancellationToken = default) =>
            Task.FromResult(new MarketDataBatch(
                [BarSeries.FromBars(symbol, interval, [new Bar(new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc), 1, 1e30, 1, 1e30, 1)])],
                []));
    }

    [Fact]
    public async Task Indicators_are_computed_with_warm_up_before_the_start_date()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        var body = JsonDocument.Parse(await client.GetStringAsync("/api/v1/data/indicators/AAPL?indicators=sma(20),macd(12,26,9)&start_date=2023-01-01&end_date=2023-01-31")).RootElement;

        Assert.Equal(["sma(20)", "macd(12,26,9).macd", "macd(12,26,9).signal", "macd(12,26,9).hist"], body.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var rows = body.GetProperty("data_points").EnumerateArray().ToArray();
        Assert.Equal("2023-01-03", rows[0].GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Number, rows[0].GetProperty("macd(12,26,9).signal").ValueKind);
        var closes = TemporaryDatabase.Seed().Series[0];
        var end = closes.IndexAtOrBefore(new DateTime(2023, 1, 3, 0, 0, 0, DateTimeKind.Utc));
        var sma = 0.0;
        for (var i = end - 19; i <= end; i++)
        {
            sma += closes.Close[i];
        }

        Assert.Equal(sma / 20, rows[0].GetProperty("sma(20)").GetDouble(), 9);
    }
}
