using Trading.Data.Storage.Sqlite;

namespace Trading.Data.Storage;

/// <summary>Which market data store to use: the "Store" configuration section (<c>TRADE_Store__Provider</c>, ...).</summary>
public sealed class StorageOptions
{
    public const string Section = "Store";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (the default: one file, nothing to install) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The SQLite file, for the sqlite provider; relative paths resolve against the working directory.</summary>
    public string SqlitePath { get; set; } = Path.Combine(".trade", "trading.db");

    /// <summary>For the sqlite provider: how often at most the cache asks the file which symbols other processes wrote,
    /// the longest such a write can be served stale (1 ms by default; zero asks before every cached read, at the cost
    /// of a query each).</summary>
    public TimeSpan SqliteWritePollInterval { get; set; } = new SqliteStoreOptions().WritePollInterval;

    /// <summary>An Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>), for the postgres
    /// provider.</summary>
    public string? PostgresConnectionString { get; set; }
}
