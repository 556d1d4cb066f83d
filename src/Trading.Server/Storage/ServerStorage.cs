using Microsoft.Extensions.Caching.Memory;
using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage.Sqlite;

namespace Trading.Server.Storage;

/// <summary>The one place the server chooses where bars and settings live.</summary>
/// <remarks>
/// Today: the SQLite file of <c>Store:SqlitePath</c> (default <c>.trade/trading.db</c>, as for the CLI) behind the
/// in-process cache. When <c>AddMarketDataStorage(IConfiguration)</c> (PostgreSQL/Redis by configuration) lands, the
/// market data lines below become that one call; the endpoints only ever see <see cref="IMarketDataStore"/>.
/// Everything is a singleton: the cache must outlive requests for repeated reads to be served from memory.
/// </remarks>
internal static class ServerStorage
{
    /// <summary>The memory cache of market data reads, kept apart so that health can report its statistics.</summary>
    public const string CacheKey = "market-data";

    public static IServiceCollection AddServerStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = new MarketDataCacheOptions();
            sp.GetRequiredService<IConfiguration>().GetSection("Cache").Bind(options);
            return options;
        });
        services.AddKeyedSingleton(CacheKey, (sp, _) => new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = sp.GetRequiredService<MarketDataCacheOptions>().SizeLimitBytes,
            TrackStatistics = true,
        }));
        services.AddSingleton(sp => new SqliteMarketDataStore(new SqliteStoreOptions { DatabasePath = DatabasePath(sp) }));
        services.AddSingleton<IMarketDataStore>(sp => new CachedMarketDataStore(
            sp.GetRequiredService<SqliteMarketDataStore>(),
            sp.GetRequiredKeyedService<MemoryCache>(CacheKey),
            sp.GetRequiredService<MarketDataCacheOptions>()));
        services.AddSingleton<IStrategySettingsStore>(sp => new SqliteStrategySettingsStore(DatabasePath(sp), sp.GetService<TimeProvider>()));
        services.AddHostedService<StorageStartup>();
        return services;
    }

    /// <summary><c>Store:SqlitePath</c>, else the CLI's default under the working directory.</summary>
    public static string DatabasePath(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>()["Store:SqlitePath"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(".trade", "trading.db") : configured);
    }
}
