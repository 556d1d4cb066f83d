using Microsoft.Extensions.Options;
using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Data.Storage.Sqlite;
using Trading.Journal;

namespace Trading.Server.Storage;

/// <summary>The one place the server chooses where bars and settings live.</summary>
/// <remarks>
/// Market data comes from <see cref="StorageServiceCollectionExtensions.AddMarketDataStorage"/>: SQLite at
/// <c>Store:SqlitePath</c> (default <c>.trade/trading.db</c>, as for the CLI) or PostgreSQL when <c>Store:Provider</c>
/// is <c>postgres</c>; an in-process cache, or Redis when <c>Cache:RedisConnectionString</c> is set, which follows the
/// writes other processes make to the store (a CLI import needs no cache setting of its own). Strategy settings live
/// in the same database. Everything is a singleton: the cache must outlive requests.
/// </remarks>
internal static class ServerStorage
{
    public static IServiceCollection AddServerStorage(this IServiceCollection services, IConfiguration configuration)
    {
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
        services.AddSingleton<SqliteOrPostgresJournal>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteOrPostgresJournal(options.Provider.Equals(StorageOptions.Postgres, StringComparison.OrdinalIgnoreCase)
                ? new PostgresJournalStore((PostgresMarketDataStore)sp.GetRequiredKeyedService<IMarketDataStore>(StorageServiceCollectionExtensions.UncachedStoreKey))
                : new SqliteJournalStore(Path.GetFullPath(options.SqlitePath)));
        });
        services.AddSingleton<IJournalStore>(sp => sp.GetRequiredService<SqliteOrPostgresJournal>().Journal);
        services.AddSingleton<INodeRegistry>(sp => (INodeRegistry)sp.GetRequiredService<SqliteOrPostgresJournal>().Journal);
        services.AddHostedService<StorageStartup>();
        return services;
    }
}

/// <summary>The nodes' journal of the configured database; disposed with the server.</summary>
internal sealed class SqliteOrPostgresJournal(IJournalStore journal) : IDisposable
{
    public IJournalStore Journal { get; } = journal;

    public void Dispose() => (Journal as IDisposable)?.Dispose();
}
