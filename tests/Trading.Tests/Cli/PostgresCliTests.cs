using System.Text.Json;
using Trading.Data.Storage.Postgres;
using Trading.Tests.Services;

namespace Trading.Tests.Cli;

/// <summary>With <c>Store:Provider=postgres</c> the commands work on PostgreSQL: a team loads its server's database
/// with the same <c>trade data</c> commands.</summary>
public sealed class PostgresCliTests : IDisposable
{
    private readonly PostgresTestSchemas _schemas = new();
    private readonly CliRun _cli = new();

    public void Dispose()
    {
        _cli.Dispose();
        _schemas.Dispose();
    }

    [SkippableFact]
    public async Task Synth_list_and_signals_run_against_postgres()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = "postgres",
            ["Store:PostgresConnectionString"] = _schemas.Create(),
        };

        var synth = await _cli.TradeConfigured(settings, "data", "synth", "--symbols", "3", "--from", "2020-01-01", "--to", "2021-12-31");
        var list = await _cli.TradeConfigured(settings, "data", "list");
        var signals = await _cli.TradeConfigured(settings, "signals", "--symbols", "SYN001,SYN002,SYN003", "--index", "^SYN");

        Assert.Equal(0, synth.ExitCode);
        Assert.Contains("PostgreSQL", synth.Output, StringComparison.Ordinal);
        Assert.Contains("4 series", list.Output, StringComparison.Ordinal);
        Assert.True(signals.ExitCode == 0, signals.Error);
        Assert.Contains("momentum as of 2021-12-31", signals.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Signals_on_postgres_rank_with_the_parameters_stored_there()
    {
        var connection = _schemas.Create();
        var settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = "postgres",
            ["Store:PostgresConnectionString"] = connection,
        };
        var synth = await _cli.TradeConfigured(settings, "data", "synth", "--symbols", "3", "--from", "2020-01-01", "--to", "2021-12-31");
        Assert.Equal(0, synth.ExitCode);
        await using (var store = new PostgresMarketDataStore(connection))
        {
            await new PostgresStrategySettingsStore(store).WriteAsync("momentum", new Dictionary<string, string> { ["top_percentage"] = "0.5" });
        }

        var signals = await _cli.TradeConfigured(settings, "signals", "--symbols", "SYN001,SYN002,SYN003", "--json");

        Assert.True(signals.ExitCode == 0, signals.Error);
        var json = JsonDocument.Parse(signals.Output).RootElement;
        Assert.Equal(0.5m, json.GetProperty("parameters").GetProperty("top_percentage").GetDecimal());
        Assert.Equal("stored", json.GetProperty("parameter_sources").GetProperty("top_percentage").GetString());
        Assert.Equal(2, json.GetProperty("top_count").GetInt32());
    }
}
