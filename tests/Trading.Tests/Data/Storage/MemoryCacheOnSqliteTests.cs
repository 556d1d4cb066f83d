using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage.Sqlite;

namespace Trading.Tests.Data.Storage;

/// <summary>The cache contract with the embedded defaults: this process's memory in front of a SQLite file.</summary>
public sealed class MemoryCacheOnSqliteTests : MarketDataCacheContract
{
    private readonly TemporaryDirectory _directory = new();
    private readonly List<IDisposable> _owned = [];

    protected override IMarketDataStore CreateStore() => Own(new SqliteMarketDataStore(_directory.File($"{Guid.NewGuid():N}.db")));

    protected override IMarketDataCache CreateCache() => Own(new MemoryMarketDataCache());

    protected override void DisposeResources()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _directory.Dispose();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
