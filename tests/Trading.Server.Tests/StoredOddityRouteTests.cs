using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>A bar stored past every check (an old version, another tool, a hand edit) that breaks the bar rule: every
/// route that would read it answers 422 naming the bar, never a 500 and never the bar itself.</summary>
public sealed class StoredOddityRouteTests : IDisposable
{
    private const string Named = "The stored INF 1d bar at 2023-06-01 breaks the bar rule: open Infinity is not a finite number";

    private readonly TemporaryDatabase _database = new();

    public StoredOddityRouteTests()
    {
        var good = StoredBars.Swinging(new DateOnly(2022, 1, 3), 300, 50).Where(b => b.Date < new DateOnly(2023, 6, 1));
        StoredBars.Write(_database.Path, "INF", good.Append((new DateOnly(2023, 6, 1), double.PositiveInfinity, double.PositiveInfinity, 50, 50, 1_000)));
    }

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("/api/v1/data/stock/INF?start_date=2023-01-01&end_date=2023-12-31")]
    [InlineData("/api/v1/data/indicators/INF?indicators=sma(5)&start_date=2023-01-01&end_date=2023-12-31")]
    public async Task A_read_route_over_the_bar_is_a_422_naming_it(string route)
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(route);

        var problem = await Problems.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "symbol");
        Assert.Contains(Named, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_route_over_a_range_without_the_bar_still_serves_it()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/data/stock/INF?start_date=2023-01-01&end_date=2023-05-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_names_the_bar_under_its_symbol_and_serves_the_others()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/data/batch", new { symbols = new[] { "AAPL", "INF" }, start_date = "2023-01-01", end_date = "2023-12-31" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("stock_data").TryGetProperty("AAPL", out _));
        Assert.StartsWith(Named, body.GetProperty("errors").GetProperty("INF").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/strategy/generate_signals")]
    [InlineData("/api/v1/portfolio/desired")]
    public async Task A_ranking_names_the_bar_under_its_symbol_and_ranks_the_others(string route)
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(route, new { symbols = new[] { "AAPL", "INF" }, start_date = "2022-01-01", end_date = "2023-12-31" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith(Named, body.GetProperty("errors").GetProperty("INF").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backtest_over_the_bar_alone_is_refused_when_submitted()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "buy_and_hold", symbols = new[] { "INF" } });

        var problem = await Problems.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "symbol");
        Assert.Contains(Named, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backtest_over_the_bar_among_others_fails_naming_it_as_a_refusal_not_a_crash()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();

        using var submitted = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "buy_and_hold", symbols = new[] { "AAPL", "INF" } });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        JsonElement job;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(10);
            job = JsonDocument.Parse(await client.GetStringAsync(submitted.Headers.Location)).RootElement.Clone();
        }
        while (job.GetProperty("status").GetString() is "queued" or "running" && DateTime.UtcNow < deadline);

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.StartsWith(Named, job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }
}
