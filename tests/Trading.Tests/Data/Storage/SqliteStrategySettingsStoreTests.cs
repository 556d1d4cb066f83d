using Microsoft.Data.Sqlite;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Data.Storage.Sqlite;

namespace Trading.Tests.Data.Storage;

public sealed class SqliteStrategySettingsStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Values_written_are_read_back_by_another_instance_and_names_ignore_case()
    {
        var path = _directory.File("trading.db");
        await new SqliteStrategySettingsStore(path).WriteAsync("Momentum", new Dictionary<string, string> { ["lookback_period"] = "120", ["top_percentage"] = "0.3" });

        var read = await new SqliteStrategySettingsStore(path).ReadAsync("momentum");

        Assert.Equal("120", read["lookback_period"]);
        Assert.Equal("0.3", read["top_percentage"]);
        Assert.Empty(await new SqliteStrategySettingsStore(path).ReadAsync("sma_cross"));
    }

    [Fact]
    public async Task A_write_replaces_the_whole_set()
    {
        var store = new SqliteStrategySettingsStore(_directory.File("trading.db"));
        await store.WriteAsync("sma_cross", new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" });
        await store.WriteAsync("sma_cross", new Dictionary<string, string> { ["slow"] = "40" });

        var read = await store.ReadAsync("sma_cross");

        Assert.Equal(new Dictionary<string, string> { ["slow"] = "40" }, read);
    }

    [Fact]
    public async Task It_shares_the_file_with_the_market_data_store_without_touching_its_schema_version()
    {
        var path = _directory.File("trading.db");
        using (var bars = new SqliteMarketDataStore(path))
        {
            await bars.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 3)], []));
        }

        await new SqliteStrategySettingsStore(path).WriteAsync("sma_cross", new Dictionary<string, string> { ["fast"] = "7" });
        using (var again = new SqliteMarketDataStore(path))
        {
            Assert.Equal(3, (await again.ReadBarsAsync(Trading.Domain.Symbol.Parse("AAPL"), Trading.Domain.Interval.Daily)).Count);
        }

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_versions WHERE component = 'strategy_settings';";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task A_file_whose_settings_come_from_a_newer_program_is_refused_with_its_path()
    {
        var path = _directory.File("trading.db");
        await new SqliteStrategySettingsStore(path).WriteAsync("sma_cross", new Dictionary<string, string> { ["fast"] = "7" });
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_versions SET version = 99 WHERE component = 'strategy_settings';";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var error = Assert.Throws<MarketDataStoreException>(() => new SqliteStrategySettingsStore(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reading_takes_no_write_lock_so_another_process_writing_does_not_block_it(bool settingsStored)
    {
        var path = _directory.File("trading.db");
        using (var bars = new SqliteMarketDataStore(path))
        {
            await bars.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 3)], []));
        }

        if (settingsStored)
        {
            await new SqliteStrategySettingsStore(path).WriteAsync("sma_cross", new Dictionary<string, string> { ["fast"] = "7" });
        }

        SqliteConnection.ClearAllPools();

        // Another process in the middle of a long write (an import) holds the write lock.
        using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);

        var read = await new SqliteStrategySettingsStore(path).ReadAsync("sma_cross");

        Assert.Equal(settingsStored ? new Dictionary<string, string> { ["fast"] = "7" } : [], read);
    }

    [Fact]
    public async Task Reading_a_file_that_never_stored_settings_leaves_it_without_the_table()
    {
        var path = _directory.File("trading.db");
        using (var bars = new SqliteMarketDataStore(path))
        {
            await bars.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 3)], []));
        }

        Assert.Empty(await new SqliteStrategySettingsStore(path).ReadAsync("momentum"));

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('strategy_settings', 'schema_versions');";
        Assert.Equal(0L, command.ExecuteScalar());
    }
}
