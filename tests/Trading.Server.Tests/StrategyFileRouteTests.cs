using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trading.Tests.Strategies.Files;

namespace Trading.Server.Tests;

/// <summary>Strategy files under <c>Strategies:Paths</c>: listed beside the built-ins and backtested by name; a file
/// that does not compile is logged and listed with its errors, and the server runs on.</summary>
public sealed class StrategyFileRouteTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();
    private readonly string _folder;
    private readonly ServerFactory _factory;
    private readonly HttpClient _client;

    public StrategyFileRouteTests()
    {
        _folder = Path.Combine(_database.Directory, "strategies");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "broken.cs"), "public class Broken { int x = ; }\n");
        File.WriteAllText(Path.Combine(_folder, "timed_trade.cs"), StrategySources.TimedTrade);
        File.WriteAllText(Path.Combine(_folder, "thrower.cs"), StrategySources.Thrower);
        _factory = new ServerFactory(_database.Path, new Dictionary<string, string?>
        {
            ["Strategies:Paths:0"] = _folder,
            ["Strategies:CachePath"] = Path.Combine(_database.Directory, "cache"),
        });
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_good_file_is_listed_beside_the_built_ins_and_a_broken_one_with_its_errors()
    {
        var body = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/strategy/strategies")).RootElement;

        var sma = body.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "sma_cross");
        Assert.Equal("built_in", sma.GetProperty("source").GetString());
        Assert.Equal("ok", sma.GetProperty("status").GetString());
        var timed = body.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "timed_trade");
        Assert.Equal(Path.Combine(_folder, "timed_trade.cs"), timed.GetProperty("source").GetString());
        Assert.Equal("ok", timed.GetProperty("status").GetString());
        Assert.Equal(64, timed.GetProperty("content_hash").GetString()!.Length);
        var entry = timed.GetProperty("parameters").EnumerateArray().First();
        Assert.Equal("entry_bar", entry.GetProperty("name").GetString());
        Assert.Equal("integer", entry.GetProperty("type").GetString());
        Assert.Equal(3, entry.GetProperty("default").GetInt32());
        Assert.Equal(100, entry.GetProperty("maximum").GetInt32());
        Assert.Equal(["entry_bar must be before exit_bar"], timed.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));

        var broken = body.EnumerateArray().Single(s => s.GetProperty("status").GetString() == "error");
        Assert.Equal("broken.cs", broken.GetProperty("name").GetString());
        Assert.Equal(Path.Combine(_folder, "broken.cs"), broken.GetProperty("source").GetString());
        Assert.Equal(0, broken.GetProperty("parameters").GetArrayLength());
        Assert.Equal(
            [$"{Path.Combine(_folder, "broken.cs")}(1,31): error CS1525: Invalid expression term ';'"],
            broken.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(_factory.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("error CS1525: Invalid expression term ';'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_strategy_is_backtested_by_name_with_its_parameters_checked_against_its_schema()
    {
        using var submitted = await _client.PostAsJsonAsync("/api/v1/backtests", new
        {
            strategy = "timed_trade",
            parameters = new { quantity = 7 },
            symbols = new[] { "AAPL" },
            start_date = "2022-01-01",
            end_date = "2022-03-31",
        });
        using var bad = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "timed_trade", parameters = new { entry_bar = 0 }, symbols = new[] { "AAPL" } });
        using var configured = await _client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/timed_trade", new { exit_bar = 9 });

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var job = await Polling.BacktestDoneAsync(_client, submitted.Headers.Location!);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var result = JsonDocument.Parse(await _client.GetStringAsync(job.GetProperty("links").GetProperty("result").GetString())).RootElement;
        var fills = result.GetProperty("fills").EnumerateArray().ToList();
        Assert.Equal(2, fills.Count);
        Assert.All(fills, f => Assert.Equal(7m, f.GetProperty("quantity").GetDecimal()));
        var problem = await Problems.AssertProblem(bad, HttpStatusCode.BadRequest, "parameters.entry_bar");
        Assert.Contains("entry_bar must be between 1 and 100; got 0", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        Assert.Equal(9, JsonDocument.Parse(await _client.GetStringAsync("/api/v1/strategy/strategy_parameters/timed_trade")).RootElement.GetProperty("exit_bar").GetInt32());
    }

    [Fact]
    public async Task A_file_strategy_that_throws_fails_its_backtest_with_the_file_and_the_server_serves_on()
    {
        using var submitted = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "thrower", symbols = new[] { "AAPL" } });

        var job = await Polling.BacktestDoneAsync(_client, submitted.Headers.Location!);
        using var next = await _client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "sma_cross", symbols = new[] { "AAPL" } });

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.StartsWith(
            $"the strategy failed: InvalidOperationException in Thrower.OnBar ({Path.Combine(_folder, "thrower.cs")}, near line ",
            job.GetProperty("error").GetString(),
            StringComparison.Ordinal);
        Assert.Equal("succeeded", (await Polling.BacktestDoneAsync(_client, next.Headers.Location!)).GetProperty("status").GetString());
    }
}
