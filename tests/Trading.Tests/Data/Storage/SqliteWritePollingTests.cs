using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>How often a cache of a SQLite file asks it for other processes' writes: at most once per poll interval,
/// so a write by another process is served within that interval, and one made through the cache at once.</summary>
public sealed class SqliteWritePollingTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteMarketDataStore _store;
    private readonly SqliteMarketDataStore _otherProcess;
    private readonly CountingMarketDataStore _counting;
    private readonly ManualClock _clock = new();

    public SqliteWritePollingTests()
    {
        var path = _directory.File("polled.db");
        _store = new SqliteMarketDataStore(new SqliteStoreOptions { DatabasePath = path, WritePollInterval = TimeSpan.FromSeconds(1) });
        _otherProcess = new SqliteMarketDataStore(path);
        _counting = new CountingMarketDataStore(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        _otherProcess.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_write_by_another_process_is_served_once_the_poll_interval_has_passed_and_not_polled_for_before()
    {
        using var cache = new CachedMarketDataStore(_counting, new MemoryMarketDataCache(), time: _clock);
        await _otherProcess.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));
        await cache.ReadBarsAsync(Aapl, Interval.Daily);

        await _otherProcess.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 120)], []));
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        var withinInterval = await cache.ReadBarsAsync(Aapl, Interval.Daily);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterInterval = await cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(100, withinInterval.Count);
        Assert.Equal(120, afterInterval.Count);
        Assert.Equal(2, _counting.BarReads);
    }

    [Fact]
    public async Task A_write_through_the_cache_is_served_at_once_and_not_retired_again_by_a_later_poll()
    {
        using var cache = new CachedMarketDataStore(_counting, new MemoryMarketDataCache(), time: _clock);
        await cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));
        await cache.ReadBarsAsync(Aapl, Interval.Daily);

        await cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 120)], []));
        var atOnce = await cache.ReadBarsAsync(Aapl, Interval.Daily);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var later = await cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(120, atOnce.Count);
        Assert.Same(atOnce, later);
        Assert.Equal(2, _counting.BarReads);
    }

    [Fact]
    public async Task Reads_go_to_the_store_while_the_write_record_cannot_be_read()
    {
        using var cache = new CachedMarketDataStore(_counting, new MemoryMarketDataCache(), time: _clock);
        await cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));
        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_store.DatabasePath}"))
        {
            // A damaged file, as far as the write record goes: the cache cannot know what others wrote.
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE symbol_versions;";
            drop.ExecuteNonQuery();
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        await cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(3, _counting.BarReads);
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _timestamp = 1_000_000;

        public override long GetTimestamp() => Volatile.Read(ref _timestamp);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _timestamp, (long)(by.TotalSeconds * TimestampFrequency));
    }
}
