using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Trading.Data;
using Trading.Data.Storage.Sqlite;
using Trading.Data.Yahoo;
using Trading.Domain;
using Trading.Tests.Data.Storage;

namespace Trading.Tests.Data.Yahoo;

public sealed class YahooFinanceProviderTests
{
    /// <summary>The fake "now" of every test: after the last bar of the split fixture.</summary>
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Symbol Splt = Symbol.Parse("SPLT");

    private static DateTime Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A provider pointed at the fake server, with waits short enough for tests.</summary>
    private static YahooFinanceHost Connect(Uri baseAddress, Action<YahooFinanceOptions>? tweak = null) =>
        YahooFinanceHost.Create(
            o =>
            {
                o.BaseAddress = baseAddress;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                o.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.TotalTimeout = TimeSpan.FromSeconds(20);
                tweak?.Invoke(o);
            },
            new ShiftedClock(Now));

    private static Task<YahooChart> FetchSplitWindow(YahooFinanceHost yahoo) =>
        yahoo.Provider.FetchChartAsync(Splt, Interval.Daily, Day(2024, 6, 3), Day(2024, 6, 11));

    [Fact]
    public async Task Fetch_returns_bars_as_traded_within_the_window_with_the_splits_and_dividends_of_the_window()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("split-daily.json"));
        using var yahoo = Connect(server.BaseAddress);

        var batch = await yahoo.Provider.FetchAsync(Splt, Interval.Daily, Day(2024, 6, 3), Day(2024, 6, 11));

        var bars = Assert.Single(batch.Series);
        Assert.Equal(Splt, bars.Symbol);
        Assert.Equal(Interval.Daily, bars.Interval);
        Assert.Equal(
            [Day(2024, 6, 3), Day(2024, 6, 4), Day(2024, 6, 5), Day(2024, 6, 6), Day(2024, 6, 7), Day(2024, 6, 10), Day(2024, 6, 11)],
            bars.Time.ToArray());

        // Before the 4:1 split Yahoo's prices are divided by 8 (that split and the 2:1 after the window), between
        // the two by 2: as traded, the series jumps down 4x at the split the ledger applies, and not at the later one.
        Assert.Equal([800.0, 808, 816, 824, 832, 210, 212], bars.Close.ToArray());
        Assert.Equal([1_000_000.0, 1_100_000, 1_200_000, 1_300_000, 1_400_000, 1_000_000, 1_100_000], bars.Volume.ToArray());
        Assert.Equal(
            [
                CorporateAction.CashDividend(Splt, new DateOnly(2024, 6, 5), 2.00m),
                CorporateAction.Split(Splt, new DateOnly(2024, 6, 10), 4m),
            ],
            batch.Actions);
    }

    [Fact]
    public async Task The_request_asks_from_a_day_before_the_window_until_now_for_dividends_and_splits()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("split-daily.json"));
        using var yahoo = Connect(server.BaseAddress);

        await FetchSplitWindow(yahoo);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v8/finance/chart/SPLT", request.Path);
        var query = request.Query;
        Assert.Equal(Seconds(Day(2024, 6, 2)), query["period1"]);
        var period2 = long.Parse(query["period2"], CultureInfo.InvariantCulture);
        Assert.InRange(period2, Now.ToUnixTimeSeconds(), Now.ToUnixTimeSeconds() + 60);
        Assert.Equal("1d", query["interval"]);
        Assert.Equal("div,split", query["events"]);
        Assert.Equal("false", query["includePrePost"]);
        Assert.StartsWith("Mozilla/5.0", request.Headers["User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intraday_requests_start_at_from_and_an_hour_is_asked_for_as_60m()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("empty-range.json"));
        using var yahoo = Connect(server.BaseAddress);
        var from = new DateTime(2024, 6, 14, 13, 30, 0, DateTimeKind.Utc);

        await yahoo.Provider.FetchAsync(Symbol.Parse("^GSPC"), Interval.OneHour, from, from.AddHours(6));

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v8/finance/chart/%5EGSPC", request.Path);
        Assert.Equal(Seconds(from), request.Query["period1"]);
        Assert.Equal("60m", request.Query["interval"]);
    }

    [Fact]
    public async Task Intraday_bars_come_back_with_their_UTC_start_times_and_nulls_left_out()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("intraday-5m.json"));
        using var yahoo = Connect(server.BaseAddress);
        var open = new DateTime(2024, 3, 15, 13, 30, 0, DateTimeKind.Utc);

        var chart = await yahoo.Provider.FetchChartAsync(Symbol.Parse("INTR"), Interval.FiveMinutes, open, open.AddMinutes(20));

        Assert.Equal([open, open.AddMinutes(5), open.AddMinutes(15), open.AddMinutes(20)], chart.Bars.Time.ToArray());
        Assert.Equal(1, chart.SkippedNullBars);
    }

    [Fact]
    public async Task Bars_that_break_the_bar_rule_are_dropped_and_named_and_the_rest_is_stored()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("invalid-daily.json"));
        using var yahoo = Connect(server.BaseAddress);
        var badb = Symbol.Parse("BADB");

        var chart = await yahoo.Provider.FetchChartAsync(badb, Interval.Daily, Day(2024, 6, 3), Day(2024, 6, 7));
        using var folder = new TemporaryDirectory();
        using var store = new SqliteMarketDataStore(folder.File("bars.db"));
        var written = await store.WriteAsync(chart.ToBatch());

        Assert.Equal([Day(2024, 6, 3), Day(2024, 6, 5), Day(2024, 6, 7)], chart.Bars.Time.ToArray());
        Assert.Equal([10.5, 11.0, 11.5], chart.AdjustedClose.ToArray());
        Assert.Equal(
            [new DroppedBar(Day(2024, 6, 4), "open 12 is above high 11.5"), new DroppedBar(Day(2024, 6, 6), "open 0 is not a positive price")],
            chart.DroppedBars);
        Assert.Equal(3, written.BarsWritten);
        Assert.Null(BarRule.FirstProblem(chart.Bars));
    }

    [Fact]
    public async Task Retries_after_429_and_503_then_returns_the_data()
    {
        await using var server = FakeYahooServer.InTurn(
            FakeResponse.Error(429),
            FakeResponse.Error(503),
            FakeResponse.Fixture("split-daily.json"));
        using var yahoo = Connect(server.BaseAddress);

        var chart = await FetchSplitWindow(yahoo);

        Assert.Equal(7, chart.Bars.Count);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task A_Retry_After_header_sets_the_wait_before_the_next_attempt()
    {
        await using var server = FakeYahooServer.InTurn(
            new FakeResponse(429, string.Empty, Headers: new Dictionary<string, string> { ["Retry-After"] = "1" }),
            FakeResponse.Fixture("split-daily.json"));
        using var yahoo = Connect(server.BaseAddress);

        await FetchSplitWindow(yahoo);

        var requests = server.Requests.OrderBy(r => r.Number).ToArray();
        Assert.Equal(2, requests.Length);
        var wait = requests[1].ArrivedUtc - requests[0].ArrivedUtc;
        Assert.True(wait >= TimeSpan.FromMilliseconds(900), $"waited {wait.TotalMilliseconds} ms, not the 1 s asked for");
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries_and_says_what_Yahoo_answered()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Error(503));
        using var yahoo = Connect(server.BaseAddress, o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.Equal(3, server.RequestCount);
        Assert.Equal("Yahoo Finance failed for SPLT: HTTP 503 Service Unavailable (3 attempts)", error.Message);
    }

    [Fact]
    public async Task Rate_limiting_that_outlasts_the_retries_is_reported_as_such()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Error(429));
        using var yahoo = Connect(server.BaseAddress, o => o.MaxRetries = 1);

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.Equal(2, server.RequestCount);
        Assert.Contains("SPLT: rate limited (HTTP 429", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_later_calls_fail_without_a_request()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Error(500));
        using var yahoo = Connect(server.BaseAddress, o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerMinimumThroughput = 2;
            o.CircuitBreakerFailureRatio = 0.5;
            o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
            o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        });

        var first = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));
        await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));
        var third = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.Contains("HTTP 500", first.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.RequestCount);
        Assert.Contains("circuit breaker", third.Message, StringComparison.Ordinal);
        Assert.Contains("SPLT", third.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_abandoned_and_retried()
    {
        await using var server = FakeYahooServer.InTurn(
            FakeResponse.Fixture("split-daily.json") with { Delay = TimeSpan.FromSeconds(10) },
            FakeResponse.Fixture("split-daily.json"));
        using var yahoo = Connect(server.BaseAddress, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var chart = await FetchSplitWindow(yahoo);

        Assert.Equal(7, chart.Bars.Count);
        Assert.Equal(2, server.RequestCount);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_total_timeout_ends_the_fetch_with_a_clear_error()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("split-daily.json") with { Delay = TimeSpan.FromSeconds(10) });
        using var yahoo = Connect(server.BaseAddress, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.TotalTimeout = TimeSpan.FromMilliseconds(700);
            o.MaxRetries = 10;
        });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        Assert.Equal("Yahoo Finance did not answer for SPLT in time: gave up after 0.7 s in all", error.Message);
    }

    [Fact]
    public async Task Attempts_that_all_hang_end_the_fetch_once_the_retries_are_spent()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("split-daily.json") with { Delay = TimeSpan.FromSeconds(10) });
        using var yahoo = Connect(server.BaseAddress, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(100);
            o.MaxRetries = 2;
        });

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.Equal(3, server.RequestCount);
        Assert.Equal("Yahoo Finance did not answer for SPLT in time: no answer within 0.1 s in any of 3 attempts", error.Message);
    }

    [Fact]
    public async Task An_answer_beyond_the_size_cap_is_refused_once_without_retries_and_says_so()
    {
        await using var server = FakeYahooServer.Always(new FakeResponse(200, "{\"chart\": {\"result\": [" + new string(' ', 100_000) + "]}}"));
        using var yahoo = Connect(server.BaseAddress, o => o.MaxChartBytes = 10_000);

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.Equal("Yahoo Finance sent more than 10,000 bytes for SPLT (Yahoo:MaxChartBytes; a chart is a few MB at most): refused", error.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task An_unknown_symbol_is_reported_with_Yahoos_reason()
    {
        var notFound = FakeResponse.Fixture("not-found.json") with { Status = 404 };
        await using var server = FakeYahooServer.Always(notFound);
        using var yahoo = Connect(server.BaseAddress);

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(
            () => yahoo.Provider.FetchAsync(Symbol.Parse("NOSUCH"), Interval.Daily, Day(2024, 6, 3), Day(2024, 6, 11)));

        Assert.Equal(
            "Yahoo Finance has no data for NOSUCH: No data found, symbol may be delisted [Not Found] (HTTP 404 Not Found)",
            error.Message);
        Assert.True(error.IsNoData);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_404_without_a_chart_body_still_names_the_symbol()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Error(404, "<html>gone</html>"));
        using var yahoo = Connect(server.BaseAddress);

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(
            () => yahoo.Provider.FetchAsync(Symbol.Parse("NOSUCH"), Interval.Daily, Day(2024, 6, 3), Day(2024, 6, 11)));

        Assert.Equal("Yahoo Finance does not know the symbol NOSUCH (HTTP 404 Not Found)", error.Message);
        Assert.True(error.IsNoData);
    }

    [Fact]
    public async Task A_chart_error_in_a_200_answer_is_reported_too()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("not-found.json"));
        using var yahoo = Connect(server.BaseAddress);

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.Contains("no data for SPLT: No data found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chart_error_with_an_authorisation_status_says_Yahoo_refused_rather_than_no_data()
    {
        const string body = "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Unauthorized\",\"description\":\"Invalid Crumb\"}}}";
        await using var server = FakeYahooServer.Always(new FakeResponse(401, body));
        using var yahoo = Connect(server.BaseAddress);

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.StartsWith("Yahoo Finance refused SPLT: HTTP 401", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(": Invalid Crumb [Unauthorized]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"chart\":{\"result\":[{\"meta\":")]
    [InlineData("<html>Will be right back</html>")]
    [InlineData("{\"chart\":{\"result\":[{\"meta\":{},\"timestamp\":[1717421400],\"indicators\":{\"quote\":[{\"open\":[\"x\"]}]}}]}}")]
    public async Task An_unreadable_body_is_reported_as_unavailable_data_not_a_parser_exception(string body)
    {
        await using var server = FakeYahooServer.Always(new FakeResponse(200, body));
        using var yahoo = Connect(server.BaseAddress);

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.StartsWith("Yahoo Finance sent an unreadable chart for SPLT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_fails_fast_without_retries()
    {
        var closedPort = ClosedLocalPort();
        using var yahoo = YahooFinanceHost.Create(
            o => o.BaseAddress = new Uri($"http://127.0.0.1:{closedPort}"), new ShiftedClock(Now));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        // With the default 1 s base delay and 3 retries, a single retry would already take about a second.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(
            $"Yahoo Finance could not be reached for SPLT: cannot reach 127.0.0.1:{closedPort}: connection refused (nothing listens on that port)",
            error.Message); Assert.False(error.IsNoData);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_fails_fast_and_says_so()
    {
        using var yahoo = YahooFinanceHost.Create(o => o.BaseAddress = new Uri("https://query2.finance.yahoo.invalid"), new ShiftedClock(Now));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MarketDataUnavailableException>(() => FetchSplitWindow(yahoo));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal(
            "Yahoo Finance could not be reached for SPLT: cannot reach query2.finance.yahoo.invalid: name resolution failed (no network?)",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_a_data_error()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("split-daily.json") with { Delay = TimeSpan.FromSeconds(10) });
        using var yahoo = Connect(server.BaseAddress);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => yahoo.Provider.FetchAsync(Splt, Interval.Daily, Day(2024, 6, 3), Day(2024, 6, 11), cancel.Token));
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_setting_named()
    {
        using var yahoo = YahooFinanceHost.Create(o => o.MaxRetries = 1);
        var options = new YahooFinanceOptions { CircuitBreakerMinimumThroughput = 1 };

        Assert.Equal("Yahoo:CircuitBreakerMinimumThroughput must be at least 2; got 1.", options.Problem());
        Assert.Null(new YahooFinanceOptions().Problem());
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => YahooFinanceHost.Create(o => o.TotalTimeout = TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task AddYahooFinance_registers_the_provider_as_a_typed_client_and_as_the_keyed_yahoo_provider()
    {
        await using var server = FakeYahooServer.Always(FakeResponse.Fixture("split-daily.json"));
        var services = new ServiceCollection();
        services.AddYahooFinance(o => o.BaseAddress = server.BaseAddress);
        await using var provider = services.BuildServiceProvider();

        var keyed = provider.GetRequiredKeyedService<IMarketDataProvider>("yahoo");

        Assert.IsType<YahooFinanceProvider>(keyed);
        Assert.Equal("Yahoo Finance", keyed.Name);
        var batch = await keyed.FetchAsync(Splt, Interval.Daily, Day(2024, 6, 3), Day(2024, 6, 11));
        Assert.NotEmpty(batch.Series[0].Time.ToArray());
    }

    private static string Seconds(DateTime utc) =>
        new DateTimeOffset(utc).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static int ClosedLocalPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
