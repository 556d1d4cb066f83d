namespace Trading.Data.Storage.Sqlite;

/// <summary>Where the embedded SQLite store keeps its file, and how long it waits for another writer.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; its directory is created if missing. Relative paths resolve against the working
    /// directory.</summary>
    public string DatabasePath { get; set; } = Path.Combine(".trade", "trading.db");

    /// <summary>How long an operation waits for a lock held by another connection or process before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often at most a cache of this file (a server's) asks it which symbols other processes wrote: the
    /// longest such a write can go unseen by the cache. Each ask is one indexed read; zero asks before every cached
    /// read.</summary>
    public TimeSpan WritePollInterval { get; set; } = TimeSpan.FromMilliseconds(1);
}
