using Trading.Data;
using Trading.Data.Storage.Postgres;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>The store contract on a real PostgreSQL (<c>TRADE_TEST_POSTGRES</c>), each store in a throwaway schema.</summary>
public sealed class PostgresMarketDataStoreTests : MarketDataStoreContract
{
    private readonly PostgresTestSchemas _schemas = new();

    protected override IMarketDataStore CreateStore() => new PostgresMarketDataStore(_schemas.Create());

    protected override void DisposeResources() => _schemas.Dispose();
}
