using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

public sealed class BacktestRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ServerFactory _factory;
    private readonly HttpClient _client;

    public BacktestRouteTests()
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
    public async Task A_backtest_over_stored_symbols_is_accepted_runs_in_the_background_and_serves_its_reports()
    {
        using var submitted = await _client.PostAsJsonAsync("/api/v1/backtests", new
        {
            strategy = "sma_cross",
            parameters = new { fast = 5, slow = 20 },
            symbols = new[] { "AAPL", "MSFT" },
            start_date = "2022-01-01",
            end_date = "2023-12-31",
            commission_rate = 0.001,
        });

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var location = submitted.Headers.Location!;
        Assert.StartsWith("/api/v1/backtests/", location.ToString(), StringComparison.Ordinal);
        var job = await Polling.BacktestDoneAsync(_client, location);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(1.0, job.GetProperty("progress").GetDouble());
        Assert.Equal(5, job.GetProperty("parameters").GetProperty("fast").GetInt32());

        var result = JsonDocument.Parse(await _client.GetStringAsync(job.GetProperty("links").GetProperty("result").GetString())).RootElement;
        Assert.Equal(["AAPL", "MSFT"], result.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(job.GetProperty("final_equity").GetDecimal(), result.GetProperty("final_equity").GetDecimal());
        Assert.True(result.GetProperty("fills").GetArrayLength() > 0);

        using var report = await _client.GetAsync(job.GetProperty("links").GetProperty("report").GetString());
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_symbols_a_backtest_runs_over_the_synthetic_market()
    {
        using var submitted = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "buy_and_hold", start_date = "2024-01-01", end_date = "2024-03-31" });

        var job = await Polling.BacktestDoneAsync(_client, submitted.Headers.Location!);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var result = JsonDocument.Parse(await _client.GetStringAsync(job.GetProperty("links").GetProperty("result").GetString())).RootElement;
        Assert.Equal(50, result.GetProperty("symbols").GetArrayLength());
    }

    [Fact]
    public async Task The_result_of_a_backtest_still_running_or_unknown_is_a_problem()
    {
        using var unknown = await _client.GetAsync("/api/v1/backtests/0123456789abcdef0123456789abcdef/result");
        await Problems.AssertProblem(unknown, HttpStatusCode.NotFound, "id");
        using var notAnId = await _client.GetAsync("/api/v1/backtests/latest");
        await Problems.AssertProblem(notAnId, HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task Backtests_of_symbols_without_stored_bars_are_refused_before_they_are_queued()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "sma_cross", symbols = new[] { "IBM" } });

        await Problems.AssertProblem(response, HttpStatusCode.NotFound, "symbols");
    }

    [Fact]
    public async Task A_leverage_without_a_margin_account_is_refused_rather_than_ignored()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "buy_and_hold", symbols = new[] { "AAPL" }, leverage = 3 });

        var problem = await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "leverage");
        Assert.Contains("margin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leverage_with_a_margin_account_is_accepted()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "buy_and_hold", symbols = new[] { "AAPL" }, account = "margin", leverage = 3 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_backtest_submitted_before_a_restart_is_a_404_saying_the_server_restarted_since()
    {
        using var submitted = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "buy_and_hold", symbols = new[] { "AAPL" } });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        using var restarted = new ServerFactory(_database.Path);
        using var client = restarted.CreateClient();
        using var response = await client.GetAsync(submitted.Headers.Location);

        var problem = await Problems.AssertProblem(response, HttpStatusCode.NotFound, "id");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("restart", detail, StringComparison.Ordinal);
        Assert.Contains("started at", detail, StringComparison.Ordinal);
    }
}
