using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage.Sqlite;

namespace Trading.Tests.Data.Storage;

/// <summary>The store contract on the cache in front of SQLite: caching must not change what a store answers.</summary>
public sealed class CachedSqliteMarketDataStoreTests : MarketDataStoreContract
{
    private readonly TemporaryDirectory _directory = new();
    private readonly List<IDisposable> _inner = [];

    protected override IMarketDataStore CreateStore()
    {
        var sqlite = new SqliteMarketDataStore(_directory.File($"{Guid.NewGuid():N}.db"));
        _inner.Add(sqlite);
        return new CachedMarketDataStore(sqlite);
    }

    protected override void DisposeResources()
    {
        foreach (var store in _inner)
        {
            store.Dispose();
        }

        _directory.Dispose();
    }
}
