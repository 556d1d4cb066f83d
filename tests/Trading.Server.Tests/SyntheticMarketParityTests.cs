using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trading.Cli;

namespace Trading.Server.Tests;

/// <summary>A backtest over the built-in synthetic market is the same run over HTTP as on the command line: the same
/// bars, the same index and the same exchange calendar for the strategy's schedules (the synthetic market trades on
/// days the NYSE does not, such as Good Friday).</summary>
public sealed class SyntheticMarketParityTests : IDisposable
{
    private readonly TemporaryDatabase _database = new(seeded: false);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_momentum_backtest_of_the_synthetic_market_over_http_matches_the_command_line_fill_for_fill()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var submitted = await client.PostAsJsonAsync("/api/v1/backtests", new { strategy = "momentum", start_date = "2016-01-01", end_date = "2018-12-31", index = "^SYN" });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var job = await Polling.BacktestDoneAsync(client, submitted.Headers.Location!);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var served = JsonDocument.Parse(await client.GetStringAsync(job.GetProperty("links").GetProperty("result").GetString())).RootElement;
        var json = Path.Combine(_database.Directory, "cli.json");

        var run = await TradeApp.RunAsync(["backtest", "--strategy", "momentum", "--from", "2016-01-01", "--to", "2018-12-31", "--index", "^SYN", "--json", json, "--db", Path.Combine(_database.Directory, "none.db")], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, run);
        var command = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal(command.GetProperty("rebalances").EnumerateArray().Select(r => r.GetProperty("date").GetString()), served.GetProperty("rebalances").EnumerateArray().Select(r => r.GetProperty("date").GetString()));
        Assert.Equal(JsonSerializer.Serialize(command.GetProperty("fills")), JsonSerializer.Serialize(served.GetProperty("fills")));
        Assert.Equal(command.GetProperty("final_equity").GetDecimal(), served.GetProperty("final_equity").GetDecimal());
    }
}
