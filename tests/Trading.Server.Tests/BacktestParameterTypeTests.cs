using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>A backtest's parameters are numbers in its status and its results, as they are in
/// <c>strategy_parameters</c>: <c>"lookback_period": 120</c>, not <c>"120"</c>.</summary>
public sealed class BacktestParameterTypeTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly ServerFactory _factory;
    private readonly HttpClient _client;

    public BacktestParameterTypeTests()
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
    public async Task Status_and_result_write_parameters_as_the_schema_types_them()
    {
        using var submitted = await _client.PostAsJsonAsync("/api/v1/backtests", new
        {
            strategy = "momentum",
            parameters = new { lookback_period = 120, top_percentage = 0.5 },
            symbols = TemporaryDatabase.Tickers,
            start_date = "2023-01-01",
            end_date = "2023-12-31",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        JsonElement job;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(50);
            job = JsonDocument.Parse(await _client.GetStringAsync(submitted.Headers.Location)).RootElement.Clone();
        }
        while (job.GetProperty("status").GetString() is not ("succeeded" or "failed") && DateTime.UtcNow < deadline);

        var expected = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/strategy/strategy_parameters/momentum")).RootElement;
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var result = JsonDocument.Parse(await _client.GetStringAsync(job.GetProperty("links").GetProperty("result").GetString())).RootElement;
        foreach (var parameters in new[] { job.GetProperty("parameters"), result.GetProperty("parameters") })
        {
            Assert.Equal(JsonValueKind.Number, parameters.GetProperty("lookback_period").ValueKind);
            Assert.Equal(120, parameters.GetProperty("lookback_period").GetInt32());
            Assert.Equal(0.5m, parameters.GetProperty("top_percentage").GetDecimal());
            Assert.Equal("weekly", parameters.GetProperty("rebalance").GetString());

            // Every parameter has the JSON type strategy_parameters gives it.
            foreach (var property in expected.EnumerateObject())
            {
                Assert.Equal(property.Value.ValueKind, parameters.GetProperty(property.Name).ValueKind);
            }
        }
    }

    [Fact]
    public async Task Status_and_result_say_where_each_parameter_came_from()
    {
        using var configured = await _client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/sma_cross", new { fast = 7 });
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        using var submitted = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "sma_cross", parameters = new { slow = 40 }, symbols = TemporaryDatabase.Tickers });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        JsonElement job;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(50);
            job = JsonDocument.Parse(await _client.GetStringAsync(submitted.Headers.Location)).RootElement.Clone();
        }
        while (job.GetProperty("status").GetString() is not ("succeeded" or "failed") && DateTime.UtcNow < deadline);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var result = JsonDocument.Parse(await _client.GetStringAsync(job.GetProperty("links").GetProperty("result").GetString())).RootElement;
        foreach (var document in new[] { job, result })
        {
            Assert.Equal(7, document.GetProperty("parameters").GetProperty("fast").GetInt32());
            Assert.Equal(40, document.GetProperty("parameters").GetProperty("slow").GetInt32());
            var sources = document.GetProperty("parameter_sources");
            Assert.Equal("stored", sources.GetProperty("fast").GetString());
            Assert.Equal("override", sources.GetProperty("slow").GetString());
            Assert.Equal("default", sources.GetProperty("quantity").GetString());
        }
    }
}
