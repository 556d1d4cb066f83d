using Trading.Data;
using Trading.Data.Storage.Sqlite;

namespace Trading.Tests.Data.Storage;

/// <summary>The store contract on a SQLite file in a temporary directory.</summary>
public sealed class SqliteMarketDataStoreTests : MarketDataStoreContract
{
    private readonly TemporaryDirectory _directory = new();

    protected override IMarketDataStore CreateStore() =>
        new SqliteMarketDataStore(_directory.File($"{Guid.NewGuid():N}.db"));

    protected override void DisposeResources() => _directory.Dispose();
}
