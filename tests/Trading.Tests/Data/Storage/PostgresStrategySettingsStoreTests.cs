using Trading.Data.Storage.Postgres;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>Strategy settings in PostgreSQL: the same promises as in SQLite (a write replaces the set, another
/// instance reads it back, names ignore case), on a real server.</summary>
public sealed class PostgresStrategySettingsStoreTests : IDisposable
{
    private readonly PostgresTestSchemas _schemas = new();

    public void Dispose() => _schemas.Dispose();

    [SkippableFact]
    public async Task Values_written_are_read_back_by_another_process_and_a_write_replaces_the_set()
    {
        var connectionString = _schemas.Create();
        await using (var database = new PostgresMarketDataStore(connectionString))
        {
            var store = new PostgresStrategySettingsStore(database);
            await store.WriteAsync("Momentum", new Dictionary<string, string> { ["lookback_period"] = "120", ["top_percentage"] = "0.3" });
            await store.WriteAsync("sma_cross", new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" });
            await store.WriteAsync("sma_cross", new Dictionary<string, string> { ["slow"] = "40" });
        }

        await using var other = new PostgresMarketDataStore(connectionString);
        var reader = new PostgresStrategySettingsStore(other);
        var momentum = await reader.ReadAsync("momentum");
        var smaCross = await reader.ReadAsync("SMA_CROSS");

        Assert.Equal("120", momentum["lookback_period"]);
        Assert.Equal("0.3", momentum["top_percentage"]);
        Assert.Equal(new Dictionary<string, string> { ["slow"] = "40" }, smaCross);
        Assert.Empty(await reader.ReadAsync("rsi_reversion"));
    }
}
