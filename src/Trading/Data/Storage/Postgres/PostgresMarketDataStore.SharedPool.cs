using Npgsql;

namespace Trading.Data.Storage.Postgres;

/// <summary>The pool and failure reporting, shared with stores whose tables live in the same database but migrate on
/// their own (the journal): one pool per database, and the same messages for the same failures.</summary>
public sealed partial class PostgresMarketDataStore
{
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Whether <paramref name="e"/> is the driver's or the network's failure, which
    /// <see cref="SharedFailure"/> turns into the store's.</summary>
    internal static bool IsSharedFailure(Exception e) => IsDriverFailure(e);

    /// <summary>The failure as <paramref name="store"/> reports it ("the journal store (PostgreSQL at ...) ..."), told
    /// apart into refused and unavailable as the market data store does.</summary>
    internal MarketDataStoreException SharedFailure(string store, string what, Exception e) => Failure(what, e, store);
}
