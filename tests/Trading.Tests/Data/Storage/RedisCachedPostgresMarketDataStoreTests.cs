using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Caching.Redis;
using Trading.Data.Storage.Postgres;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>The store contract on Redis in front of PostgreSQL: a shared cache must not change what a store answers,
/// to the last bit of a double and the scale of a decimal.</summary>
public sealed class RedisCachedPostgresMarketDataStoreTests : MarketDataStoreContract
{
    private readonly PostgresTestSchemas _schemas = new();
    private readonly RedisTestConnections _redis = new();
    private readonly List<IDisposable> _inner = [];

    protected override IMarketDataStore CreateStore()
    {
        var postgres = new PostgresMarketDataStore(_schemas.Create());
        _inner.Add(postgres);

        // Each store its own prefix, as each database would have: the contract expects every store to start empty.
        var options = new MarketDataCacheOptions { RedisKeyPrefix = $"{_redis.Prefix}{Guid.NewGuid():N}:" };
        return new CachedMarketDataStore(postgres, new RedisMarketDataCache(_redis.Connect(), options));
    }

    protected override void DisposeResources()
    {
        foreach (var store in _inner)
        {
            store.Dispose();
        }

        _schemas.Dispose();
        _redis.Dispose();
    }
}
