using System.Text.Json;
using Trading.Data.Storage.Sqlite;

namespace Trading.Tests.Cli;

/// <summary>The command line runs a strategy with the parameters stored for it in the database (as the HTTP API
/// configures them), <c>--set</c> on top for the run, and reports them typed with their sources.</summary>
public sealed class StoredParameterTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string TenDays() => _cli.File("abc.csv", HandMadeBars.TenDays);

    private async Task Store(string strategy, Dictionary<string, string> values)
    {
        // A write creates the database, as an import would.
        Assert.Equal(0, (await _cli.Trade("data", "import", TenDays())).ExitCode);
        await new SqliteStrategySettingsStore(_cli.DatabasePath).WriteAsync(strategy, values);
    }

    [Fact]
    public async Task A_csv_backtest_uses_the_stored_parameters_of_the_database_and_writes_them_as_numbers()
    {
        await Store("sma_cross", new() { ["fast"] = "2", ["slow"] = "3" });
        var results = Path.Combine(_cli.Directory, "r.json");

        var run = await _cli.Trade("backtest", "--strategy", "sma_cross", "--csv", TenDays(), "--set", "quantity=100", "--json", results);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("parameters stored for this database: fast=2, slow=3", run.Output, StringComparison.Ordinal);
        Assert.Contains("parameters from --set: quantity=100", run.Output, StringComparison.Ordinal);
        var json = JsonDocument.Parse(File.ReadAllText(results)).RootElement;
        var parameters = json.GetProperty("parameters");
        Assert.Equal(JsonValueKind.Number, parameters.GetProperty("fast").ValueKind);
        Assert.Equal(2, parameters.GetProperty("fast").GetInt32());
        Assert.Equal(1m, parameters.GetProperty("allocation").GetDecimal());
        Assert.Equal("default", json.GetProperty("parameter_sources").GetProperty("allocation").GetString());

        // SMA(2) over SMA(3) trades this path (two fills); the defaults 10/30 never would.
        Assert.Equal(2, json.GetProperty("fills").GetArrayLength());
    }

    [Fact]
    public async Task Stored_parameters_that_no_longer_fit_are_set_aside_with_a_warning_and_the_defaults_used()
    {
        await Store("sma_cross", new() { ["window"] = "5" });

        var run = await _cli.Trade("backtest", "--strategy", "sma_cross", "--csv", TenDays());

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("warning: the parameters stored for sma_cross no longer fit its schema (unknown parameter 'window'", run.Output, StringComparison.Ordinal);
        Assert.Contains("parameters at their defaults: fast=10, slow=30", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_database_a_csv_backtest_runs_on_the_defaults_and_creates_nothing()
    {
        var csv = TenDays();

        var run = await _cli.Trade("backtest", "--strategy", "sma_cross", "--csv", csv);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("parameters at their defaults: fast=10, slow=30, quantity=0, allocation=1", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath));
    }
}
