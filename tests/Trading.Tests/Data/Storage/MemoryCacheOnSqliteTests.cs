using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage.Sqlite;

namespace Trading.Tests.Data.Storage;

/// <summary>The cache contract with the embedded defaults: this process's memory in front of a SQLite file, which
/// the cache asks for other processes' writes before every read (a poll interval of zero: the timing of the default
/// interval is <see cref="SqliteWritePollingTests"/>' matter).</summary>
public sealed class MemoryCacheOnSqliteTests : MarketDataCacheContract
{
    private readonly TemporaryDirectory _directory = new();
    private readonly List<IDisposable> _owned = [];
    private string? _path;

    protected override IMarketDataStore CreateStore()
    {
        _path = _directory.File($"{Guid.NewGuid():N}.db");
        return Own(new SqliteMarketDataStore(new SqliteStoreOptions { DatabasePath = _path, WritePollInterval = TimeSpan.Zero }));
    }

    protected override IMarketDataStore CreateOtherWriter() =>
        new SqliteMarketDataStore(_path ?? throw new InvalidOperationException("no store yet"));

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
