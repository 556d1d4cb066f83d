using Microsoft.Extensions.Logging;
using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Caching.Redis;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Domain;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>Redis going away and coming back under a running program: reads keep being served from the store, the
/// outage is logged once and reported, the cache is used again once Redis answers; and a cache shared by two
/// processes never serves one of them data the other has overwritten.</summary>
public sealed class RedisCacheOutageTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly PostgresTestSchemas _schemas = new();
    private readonly RedisTestConnections _redis = new();

    public void Dispose()
    {
        _schemas.Dispose();
        _redis.Dispose();
    }

    [SkippableFact]
    public async Task Reads_are_served_from_the_store_while_redis_is_down_and_from_redis_again_once_it_is_back()
    {
        var redisEndPoint = _redis.Configuration.Split(',')[0];
        var separator = redisEndPoint.LastIndexOf(':');
        await using var relay = new TcpRelay(redisEndPoint[..separator], int.Parse(redisEndPoint[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        await using var postgres = new PostgresMarketDataStore(_schemas.Create());
        var counting = new CountingMarketDataStore(postgres);
        var log = new RecordingLogger();
        var options = new MarketDataCacheOptions { RedisKeyPrefix = _redis.Prefix, RetryInterval = TimeSpan.FromMilliseconds(200) };
        var connection = _redis.Connect($"127.0.0.1:{relay.Port}");
        using var cache = new CachedMarketDataStore(counting, new RedisMarketDataCache(connection, options), options, log);
        await cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));
        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        Assert.Equal(1, counting.BarReads);

        relay.Cut();
        var whileDown = new List<BarSeries>();
        for (var i = 0; i < 5; i++)
        {
            whileDown.Add(await cache.ReadBarsAsync(Aapl, Interval.Daily));
        }

        var health = await cache.ProbeAsync();

        Assert.All(whileDown, series => Assert.Equal(100, series.Count));
        Assert.Equal(6, counting.BarReads);
        Assert.Equal(ComponentStatus.Unavailable, health.Status);
        Assert.Equal("redis", health.Component);
        Assert.Contains("cache unavailable", health.Detail, StringComparison.Ordinal);
        Assert.Equal(1, log.Count(LogLevel.Warning));

        relay.Restore();
        await Eventually(async () => (await cache.ProbeAsync()).IsAvailable);
        var readsBefore = counting.BarReads;
        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        await cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.True(cache.CacheHealth.IsAvailable);
        Assert.Equal(readsBefore, counting.BarReads);
        Assert.Equal(1, log.Count(LogLevel.Warning));
        Assert.Equal(1, log.Count(LogLevel.Information));
    }

    [SkippableFact]
    public async Task A_write_made_while_redis_is_down_is_not_hidden_by_entries_cached_before_it()
    {
        var redisEndPoint = _redis.Configuration.Split(',')[0];
        var separator = redisEndPoint.LastIndexOf(':');
        await using var relay = new TcpRelay(redisEndPoint[..separator], int.Parse(redisEndPoint[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var database = _schemas.Create();
        await using var postgres = new PostgresMarketDataStore(database);
        var options = new MarketDataCacheOptions { RedisKeyPrefix = _redis.Prefix, RetryInterval = TimeSpan.FromMilliseconds(200) };

        // The writer reaches Redis through the relay; the other process keeps its own connection throughout.
        using var writer = new CachedMarketDataStore(postgres, new RedisMarketDataCache(_redis.Connect($"127.0.0.1:{relay.Port}"), options), options);
        using var reader = new CachedMarketDataStore(postgres, new RedisMarketDataCache(_redis.Connect(), options), options);
        await writer.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));
        Assert.Equal(100, (await reader.ReadBarsAsync(Aapl, Interval.Daily)).Count);

        relay.Cut();
        await writer.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 150)], []));
        relay.Restore();
        await Eventually(async () => (await writer.ProbeAsync()).IsAvailable);

        Assert.Equal(150, (await reader.ReadBarsAsync(Aapl, Interval.Daily)).Count);
    }

    [SkippableFact]
    public async Task A_write_in_one_process_makes_the_others_read_the_new_bars()
    {
        var database = _schemas.Create();
        await using var postgresOne = new PostgresMarketDataStore(database);
        await using var postgresOther = new PostgresMarketDataStore(database);
        var options = new MarketDataCacheOptions { RedisKeyPrefix = _redis.Prefix };
        var countingOther = new CountingMarketDataStore(postgresOther);
        using var one = new CachedMarketDataStore(postgresOne, new RedisMarketDataCache(_redis.Connect(), options));
        using var other = new CachedMarketDataStore(countingOther, new RedisMarketDataCache(_redis.Connect(), options));
        await one.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));

        // Filled by the first process, served to the second from Redis.
        await one.ReadBarsAsync(Aapl, Interval.Daily);
        await one.ListAsync();
        Assert.Equal(100, (await other.ReadBarsAsync(Aapl, Interval.Daily)).Count);
        Assert.Equal(0, countingOther.BarReads);

        await one.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 120)], []));

        Assert.Equal(120, (await other.ReadBarsAsync(Aapl, Interval.Daily)).Count);
        Assert.Equal(120, Assert.Single(await other.ListAsync()).BarCount);
        Assert.Equal(1, countingOther.BarReads);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Redis did not answer again within {Patience.TotalSeconds} s of coming back.");
            await Task.Delay(100);
        }
    }

    /// <summary>Counts what the cache logs, by level.</summary>
    private sealed class RecordingLogger : ILogger<CachedMarketDataStore>
    {
        private readonly List<LogLevel> _levels = [];

        public int Count(LogLevel level)
        {
            lock (_levels)
            {
                return _levels.Count(l => l == level);
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_levels)
            {
                _levels.Add(logLevel);
            }
        }
    }
}
