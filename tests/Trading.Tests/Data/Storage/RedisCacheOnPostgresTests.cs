using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Caching.Redis;
using Trading.Data.Storage.Postgres;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>The cache contract with the team setup: Redis (<c>TRADE_TEST_REDIS</c>) in front of PostgreSQL
/// (<c>TRADE_TEST_POSTGRES</c>), in a throwaway schema and key prefix.</summary>
public sealed class RedisCacheOnPostgresTests : MarketDataCacheContract
{
    private readonly PostgresTestSchemas _schemas = new();
    private readonly RedisTestConnections _redis = new();
    private readonly List<PostgresMarketDataStore> _stores = [];
    private string? _schema;

    protected override bool WritesAreNotified => true;

    protected override IMarketDataStore CreateStore()
    {
        _schema = _schemas.Create();
        var store = new PostgresMarketDataStore(_schema);
        _stores.Add(store);
        return store;
    }

    protected override IMarketDataStore CreateOtherWriter() =>
        new PostgresMarketDataStore(_schema ?? throw new InvalidOperationException("no store yet"));

    protected override IMarketDataCache CreateCache() =>
        new RedisMarketDataCache(_redis.Connect(), new MarketDataCacheOptions { RedisKeyPrefix = _redis.Prefix });

    protected override void DisposeResources()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _schemas.Dispose();
        _redis.Dispose();
    }
}
