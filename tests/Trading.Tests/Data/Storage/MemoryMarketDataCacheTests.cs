using Microsoft.Extensions.Caching.Memory;
using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>What only the in-process cache does: hand out the very object it cached, and live in a bounded,
/// possibly shared, memory cache.</summary>
public sealed class MemoryMarketDataCacheTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteMarketDataStore _sqlite;
    private readonly CountingMarketDataStore _counting;

    public MemoryMarketDataCacheTests()
    {
        _sqlite = new SqliteMarketDataStore(_directory.File("cache.db"));
        _counting = new CountingMarketDataStore(_sqlite);
    }

    public void Dispose()
    {
        _sqlite.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_repeated_read_returns_the_cached_object_itself()
    {
        using var cache = new CachedMarketDataStore(_counting);
        await cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));

        var first = await cache.ReadBarsAsync(Aapl, Interval.Daily);
        var second = await cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Same(first, second);
        Assert.Equal("memory", cache.CacheHealth.Component);
        Assert.True(cache.CacheHealth.IsAvailable);
    }

    [Fact]
    public async Task Entries_carry_a_size_so_a_bounded_shared_cache_accepts_them()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1_000_000, TrackStatistics = true });
        using var cache = new CachedMarketDataStore(_counting, memory);
        await cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));

        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        await cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(1, _counting.BarReads);
        Assert.InRange(memory.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0, 100 * 48, 100_000);
    }

    [Fact]
    public async Task Two_caches_sharing_one_memory_cache_do_not_see_each_others_entries()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        using var otherDirectory = new TemporaryDirectory();
        using var otherSqlite = new SqliteMarketDataStore(otherDirectory.File("other.db"));
        using var one = new CachedMarketDataStore(_sqlite, memory);
        using var other = new CachedMarketDataStore(otherSqlite, memory);
        await one.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));

        Assert.Equal(100, (await one.ReadBarsAsync(Aapl, Interval.Daily)).Count);
        Assert.True((await other.ReadBarsAsync(Aapl, Interval.Daily)).IsEmpty);
    }
}
