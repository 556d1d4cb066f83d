using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Caching.Redis;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Execution;
using Trading.Execution.Redis;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>Configuration chooses the store and the cache (SQLite and memory by default, PostgreSQL and Redis when
/// set), and the health report says what answers.</summary>
public sealed class StorageCompositionTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private readonly TemporaryDirectory _directory = new();
    private readonly PostgresTestSchemas _schemas = new();
    private readonly RedisTestConnections _redis = new();

    public void Dispose()
    {
        _schemas.Dispose();
        _redis.Dispose();
        _directory.Dispose();
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddMarketDataStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task By_default_the_store_is_the_sqlite_file_behind_the_in_process_cache()
    {
        var path = _directory.File("configured.db");
        await using var services = Build(new() { ["Store:SqlitePath"] = path });

        var store = services.GetRequiredService<IMarketDataStore>();
        await store.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 10)], []));
        var health = await services.GetRequiredService<IStorageHealth>().CheckAsync();

        var cached = Assert.IsType<CachedMarketDataStore>(store);
        Assert.Equal(path, Assert.IsType<SqliteMarketDataStore>(cached.Inner).DatabasePath);
        Assert.IsType<MemoryMarketDataCache>(services.GetRequiredService<IMarketDataCache>());
        Assert.IsType<InProcessOrderEventPublisher>(services.GetRequiredService<IOrderEventPublisher>());
        Assert.Equal(10, (await store.ReadBarsAsync(Aapl, Interval.Daily)).Count);
        Assert.Equal("ok", health.Status);
        Assert.Equal(ComponentHealth.Available("sqlite", path), health.Store);
        Assert.Equal("memory", health.Cache.Component);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_naming_the_setting()
    {
        using var services = Build(new() { ["Store:Provider"] = "postgres" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IMarketDataStore>());

        Assert.Contains("Store:PostgresConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sqlite_write_poll_interval_comes_from_configuration_and_a_negative_one_is_refused_naming_the_setting()
    {
        using var configured = Build(new() { ["Store:SqlitePath"] = _directory.File("polled.db"), ["Store:SqliteWritePollInterval"] = "00:00:00.250" });
        using var negative = Build(new() { ["Store:SqlitePath"] = _directory.File("never.db"), ["Store:SqliteWritePollInterval"] = "-00:00:01" });

        var sqlite = Assert.IsType<SqliteMarketDataStore>(Assert.IsType<CachedMarketDataStore>(configured.GetRequiredService<IMarketDataStore>()).Inner);
        using var watch = sqlite.WatchWrites();
        var error = Assert.Throws<OptionsValidationException>(() => negative.GetRequiredService<IMarketDataStore>());

        Assert.Equal(TimeSpan.FromMilliseconds(250), watch.PollInterval);
        Assert.Contains("Store:SqliteWritePollInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_choices()
    {
        using var services = Build(new() { ["Store:Provider"] = "oracle" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IMarketDataStore>());

        Assert.Contains("'sqlite' or 'postgres'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgres_server_that_does_not_answer_makes_the_health_report_unavailable()
    {
        await using var services = Build(new()
        {
            ["Store:Provider"] = "postgres",
            ["Store:PostgresConnectionString"] = $"Host=127.0.0.1;Port={UnusedPort()};Username=trading;Timeout=5",
        });

        var health = await services.GetRequiredService<IStorageHealth>().CheckAsync();

        Assert.False(health.IsHealthy);
        Assert.Equal("unavailable", health.Status);
        Assert.Equal("postgres", health.Store.Component);
        Assert.Contains("unavailable", health.Store.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_redis_down_reads_come_from_the_store_and_the_health_report_says_the_cache_is_unavailable()
    {
        await using var services = Build(new()
        {
            ["Store:SqlitePath"] = _directory.File("degraded.db"),
            ["Cache:RedisConnectionString"] = $"127.0.0.1:{UnusedPort()},connectTimeout=500",
        });
        var store = services.GetRequiredService<IMarketDataStore>();

        await store.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 10)], []));
        var bars = await store.ReadBarsAsync(Aapl, Interval.Daily);
        await services.GetRequiredService<IOrderEventPublisher>().PublishAsync(new OrderEvent(1, SampleBars.Day(2020, 1, 2), OrderStatus.Accepted));
        var health = await services.GetRequiredService<IStorageHealth>().CheckAsync();

        Assert.Equal(10, bars.Count);
        Assert.True(health.IsHealthy);
        Assert.Equal("degraded", health.Status);
        Assert.Equal("redis", health.Cache.Component);
        Assert.Contains("cache unavailable", health.Cache.Detail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Postgres_and_redis_are_chosen_by_configuration()
    {
        var connectionString = _schemas.Create();
        await using var services = Build(new()
        {
            ["Store:Provider"] = "postgres",
            ["Store:PostgresConnectionString"] = connectionString,
            ["Cache:RedisConnectionString"] = _redis.Configuration,
            ["Cache:RedisKeyPrefix"] = _redis.Prefix,
            ["OrderEvents:Channel"] = _redis.Prefix + "orders",
        });

        var store = services.GetRequiredService<IMarketDataStore>();
        await store.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 10)], []));
        var health = await services.GetRequiredService<IStorageHealth>().CheckAsync();

        Assert.IsType<PostgresMarketDataStore>(Assert.IsType<CachedMarketDataStore>(store).Inner);
        Assert.IsType<RedisMarketDataCache>(services.GetRequiredService<IMarketDataCache>());
        Assert.Equal(_redis.Prefix + "orders", Assert.IsType<RedisOrderEventPublisher>(services.GetRequiredService<IOrderEventPublisher>()).Channel);
        Assert.Equal(10, (await store.ReadBarsAsync(Aapl, Interval.Daily)).Count);
        Assert.Equal("ok", health.Status);
        Assert.Equal(("postgres", "redis"), (health.Store.Component, health.Cache.Component));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
