using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trading.Cli;

namespace Trading.Server.Tests;

/// <summary>Parameters configured over HTTP are what <c>trade signals</c> and <c>trade backtest</c> run with on the same
/// database; <c>--set</c> overrides them for one run; every run says which values it used and where each came from.</summary>
public sealed class CliSharesStrategySettingsTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task Configure(string strategy, object values)
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync($"/api/v1/strategy/configure_strategy/{strategy}", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(int ExitCode, string Output, string Error)> Trade(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await TradeApp.RunAsync([.. args, "--db", _database.Path], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Signals_rank_with_the_parameters_configured_over_http_and_set_overrides_them_for_the_run()
    {
        await Configure("momentum", new { lookback_period = 120, top_percentage = 0.5 });

        var run = await Trade("signals", "--symbols", "AAPL,GOOGL,MSFT", "--index", "^GSPC", "--json", "--set", "lookback_period=60");

        Assert.True(run.ExitCode == 0, run.Error);
        var json = JsonDocument.Parse(run.Output).RootElement;
        var parameters = json.GetProperty("parameters");
        var sources = json.GetProperty("parameter_sources");
        Assert.Equal(60, parameters.GetProperty("lookback_period").GetInt32());
        Assert.Equal(0.5m, parameters.GetProperty("top_percentage").GetDecimal());
        Assert.Equal(200, parameters.GetProperty("market_regime_period").GetInt32());
        Assert.Equal("override", sources.GetProperty("lookback_period").GetString());
        Assert.Equal("stored", sources.GetProperty("top_percentage").GetString());
        Assert.Equal("default", sources.GetProperty("market_regime_period").GetString());

        // 3 symbols × 0.5 (stored) makes a top of 2; the default 0.2 would make 1.
        Assert.Equal(2, json.GetProperty("top_count").GetInt32());
    }

    [Fact]
    public async Task A_backtest_runs_with_the_configured_parameters_and_says_where_each_came_from()
    {
        await Configure("sma_cross", new { fast = 5, slow = 20 });
        var results = Path.Combine(_database.Directory, "r.json");

        var run = await Trade("backtest", "--strategy", "sma_cross", "--symbols", "AAPL", "--set", "slow=25", "--json", results);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("sma_cross (fast=5, slow=25, quantity=0, allocation=1)", run.Output, StringComparison.Ordinal);
        Assert.Contains("parameters from --set: slow=25", run.Output, StringComparison.Ordinal);
        Assert.Contains("parameters stored for this database: fast=5", run.Output, StringComparison.Ordinal);
        Assert.Contains("parameters at their defaults: quantity=0, allocation=1", run.Output, StringComparison.Ordinal);
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(results)).RootElement;
        Assert.Equal(5, json.GetProperty("parameters").GetProperty("fast").GetInt32());
        Assert.Equal(25, json.GetProperty("parameters").GetProperty("slow").GetInt32());
        Assert.Equal("stored", json.GetProperty("parameter_sources").GetProperty("fast").GetString());
        Assert.Equal("override", json.GetProperty("parameter_sources").GetProperty("slow").GetString());
    }

    [Fact]
    public async Task Signals_say_in_the_table_output_where_their_parameters_came_from()
    {
        await Configure("momentum", new { top_percentage = 0.5 });

        var run = await Trade("signals", "--symbols", "AAPL,GOOGL,MSFT");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("parameters stored for this database: top_percentage=0.5", run.Output, StringComparison.Ordinal);
        Assert.Contains("parameters at their defaults: lookback_period=90,", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("parameters from --set", run.Output, StringComparison.Ordinal);
        Assert.Contains("top 2 of 3 (50%)", run.Output, StringComparison.Ordinal);
    }
}
