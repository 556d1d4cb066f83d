using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Data.Storage.Sqlite;

namespace Trading.Server.Storage;

/// <summary>The one place the server chooses where bars and settings live.</summary>
/// <remarks>
/// Market data comes from <see cref="StorageServiceCollectionExtensions.AddMarketDataStorage"/>: SQLite at
/// <c>Store:SqlitePath</c> (default <c>.trade/trading.db</c>, as for the CLI) or PostgreSQL when <c>Store:Provider</c>
/// is <c>postgres</c>; an in-process cache, or Redis when <c>Cache:RedisConnectionString</c> is set. Strategy settings
/// live in the same database. The in-process cache is registered here over a memory cache that keeps statistics, so
/// that /health can report its hits and size. Everything is a singleton: the cache must outlive requests.
/// </remarks>
internal static class ServerStorage
{
    /// <summary>The memory cache of market data reads, kept apart so that health can report its statistics.</summary>
    public const string CacheKey = "market-data";

    public static IServiceCollection AddServerStorage(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["Cache:RedisConnectionString"]))
        {
            services.AddKeyedSingleton(CacheKey, (sp, _) => new MemoryCache(new MemoryCacheOptions
            {
                SizeLimit = sp.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value.SizeLimitBytes,
                TrackStatistics = true,
            }));
            services.AddSingleton<IMarketDataCache>(sp => new MemoryMarketDataCache(
                sp.GetRequiredKeyedService<MemoryCache>(CacheKey),
                sp.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value));
        }

        services.AddMarketDataStorage(configuration);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MarketDataCacheOptions>>().Value);
        services.AddSingleton<IStrategySettingsStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider.Equals(StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase)
                ? new PostgresStrategySettingsStore(
                    (PostgresMarketDataStore)sp.GetRequiredKeyedService<IMarketDataStore>(StorageServiceCollectionExtensions.UncachedStoreKey),
                    sp.GetService<TimeProvider>())
                : new SqliteStrategySettingsStore(Path.GetFullPath(options.SqlitePath), sp.GetService<TimeProvider>());
        });
        services.AddHostedService<StorageStartup>();
        return services;
    }
}
