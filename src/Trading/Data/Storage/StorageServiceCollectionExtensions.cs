using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Trading.Data.Caching;
using Trading.Data.Caching.Redis;
using Trading.Data.Storage.Postgres;
using Trading.Data.Storage.Sqlite;
using Trading.Execution;
using Trading.Execution.Redis;

namespace Trading.Data.Storage;

/// <summary>The one place where configuration chooses the storage: the store, its cache, their health, and where
/// order events go.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The key under which the store itself, without its cache, is registered.</summary>
    public const string UncachedStoreKey = "uncached";

    /// <summary>
    /// Registers, from <paramref name="configuration"/>'s "Store", "Cache" and "OrderEvents" sections:
    /// <list type="bullet">
    /// <item><see cref="IMarketDataStore"/>: the store behind its cache. The store is SQLite at <c>Store:SqlitePath</c>
    /// (default <c>.trade/trading.db</c>), or PostgreSQL at <c>Store:PostgresConnectionString</c> when
    /// <c>Store:Provider</c> is <c>postgres</c>. The cache is this process's memory, or Redis when
    /// <c>Cache:RedisConnectionString</c> is set; either follows the writes other processes make to the store
    /// (<c>Store:SqliteWritePollInterval</c>). The store alone is the keyed service <see cref="UncachedStoreKey"/>.</item>
    /// <item><see cref="IStorageHealth"/>: what a /health route reports.</item>
    /// <item><see cref="IOrderEventPublisher"/>: Redis pub/sub on <c>OrderEvents:Channel</c> (default
    /// <c>trading:orders</c>) when Redis is configured, else in-process.</item>
    /// </list>
    /// Settings are checked when the first of these is resolved: an unknown provider, or postgres without a connection
    /// string, fails with a message naming the setting. No service connects to a server before it is used.
    /// </summary>
    public static IServiceCollection AddMarketDataStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(
                static o => o.Provider.Equals(StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase) ||
                    o.Provider.Equals(StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase),
                $"Store:Provider must be '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}'.")
            .Validate(
                static o => !o.Provider.Equals(StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase) ||
                    !string.IsNullOrWhiteSpace(o.PostgresConnectionString),
                "Store:Provider is 'postgres' but Store:PostgresConnectionString is not set (TRADE_Store__PostgresConnectionString).")
            .Validate(
                static o => !o.Provider.Equals(StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase) ||
                    !string.IsNullOrWhiteSpace(o.SqlitePath),
                "Store:SqlitePath must not be empty.")
            .Validate(
                static o => o.SqliteWritePollInterval >= TimeSpan.Zero,
                "Store:SqliteWritePollInterval must not be negative (00:00:00.001 is a millisecond, 0 polls before every cached read).");
        services.AddOptions<MarketDataCacheOptions>().Bind(configuration.GetSection("Cache"));
        services.AddOptions<OrderEventOptions>().Bind(configuration.GetSection(OrderEventOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<IMarketDataStore>(UncachedStoreKey, static (sp, _) => CreateStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value));

        // Redis or not is decided when the services are first resolved, from the configuration as it stands then
        // (a host may add sources after this call). One connection serves the cache and the order events; it
        // connects in the background and never throws because Redis is down (RedisConnectionSettings).
        services.TryAddSingleton<IConnectionMultiplexer>(static sp => ConnectionMultiplexer.Connect(
            RedisConnectionSettings.Parse(RedisConnectionString(sp) ?? throw new InvalidOperationException("Cache:RedisConnectionString is not set."))));
        services.TryAddSingleton<IMarketDataCache>(static sp => RedisConnectionString(sp) is null
            ? new MemoryMarketDataCache(sp.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value)
            : new RedisMarketDataCache(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value));
        services.TryAddSingleton<IOrderEventPublisher>(static sp => RedisConnectionString(sp) is null
            ? new InProcessOrderEventPublisher()
            : new RedisOrderEventPublisher(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<IOptions<OrderEventOptions>>().Value.Channel,
                sp.GetService<ILogger<RedisOrderEventPublisher>>()));

        services.TryAddSingleton(static sp => new CachedMarketDataStore(
            sp.GetRequiredKeyedService<IMarketDataStore>(UncachedStoreKey),
            sp.GetRequiredService<IMarketDataCache>(),
            sp.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value,
            sp.GetService<ILogger<CachedMarketDataStore>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IMarketDataStore>(static sp => sp.GetRequiredService<CachedMarketDataStore>());
        services.TryAddSingleton<IStorageHealth>(static sp => new StorageHealth(
            (IHealthProbe)sp.GetRequiredKeyedService<IMarketDataStore>(UncachedStoreKey),
            sp.GetRequiredService<CachedMarketDataStore>()));
        return services;
    }

    private static string? RedisConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value.RedisConnectionString is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static IMarketDataStore CreateStore(StorageOptions options) =>
        options.Provider.Equals(StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase)
            ? new PostgresMarketDataStore(options.PostgresConnectionString!)
            : new SqliteMarketDataStore(new SqliteStoreOptions { DatabasePath = options.SqlitePath, WritePollInterval = options.SqliteWritePollInterval });
}
