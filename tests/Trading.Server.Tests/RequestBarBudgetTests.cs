using System.Net;
using System.Net.Http.Json;

namespace Trading.Server.Tests;

/// <summary>Server:MaxBarsPerRequest bounds the bars one request reads in all, not each symbol's range: a batch of 20
/// symbols of a million minute bars each answered 500 (its buffer's size overflowed), and 100 such would have taken
/// gigabytes before answering.</summary>
public sealed class RequestBarBudgetTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ServerFactory _factory;
    private readonly HttpClient _client;

    public RequestBarBudgetTests()
    {
        // About 187 daily bars each from January to September 2023: each symbol's range is within the limit, the three
        // together are not.
        _factory = new ServerFactory(_database.Path, new Dictionary<string, string?> { ["Server:MaxBarsPerRequest"] = "300" });
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_batch_whose_symbols_hold_more_bars_together_than_one_request_may_read_is_refused_naming_the_limit()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/data/batch", new { symbols = TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = "2023-10-01" });

        var problem = await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "symbols");
        Assert.Contains("Server:MaxBarsPerRequest", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_within_the_limit_together_is_served()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/data/batch", new { symbols = TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = "2023-03-01" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/strategy/generate_signals")]
    [InlineData("/api/v1/portfolio/desired")]
    public async Task Ranking_symbols_that_hold_more_bars_together_than_one_request_may_read_is_refused(string route)
    {
        using var response = await _client.PostAsJsonAsync(route, new { symbols = TemporaryDatabase.Tickers, start_date = "2023-01-01", end_date = "2023-10-01" });

        var problem = await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "symbols");
        Assert.Contains("Server:MaxBarsPerRequest", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
