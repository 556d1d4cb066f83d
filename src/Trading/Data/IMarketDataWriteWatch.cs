namespace Trading.Data;

/// <summary>One reader's view of the writes committed to a store by every process: what a cache of the store needs
/// to retire what those writes made stale.</summary>
/// <remarks>
/// A watch either asks the store (SQLite: a query, at most every <see cref="PollInterval"/>) or is told by it
/// (PostgreSQL: notifications, counted by <see cref="Notices"/>). A reader may trust what its last poll said while the
/// poll is younger than <see cref="PollInterval"/> and <see cref="Notices"/> has not moved; otherwise it polls again.
/// </remarks>
public interface IMarketDataWriteWatch : IDisposable
{
    /// <summary>How long a poll's answer may be trusted without news: the longest a write by another process can go
    /// unseen. <see cref="TimeSpan.Zero"/> means poll before every read; <see cref="Timeout.InfiniteTimeSpan"/> means
    /// the store tells the watch of every write (and <see cref="Notices"/> moves).</summary>
    TimeSpan PollInterval { get; }

    /// <summary>A count that moves whenever the watch hears, without being polled, that something was written, or
    /// that it lost or regained track of the store. Reading it does no I/O.</summary>
    long Notices { get; }

    /// <summary>The symbols written since the previous poll (for the first poll: none, it sets the starting point).
    /// Never throws for a store that cannot be reached: the answer then says the watch lost track.</summary>
    ValueTask<MarketDataWrites> PollAsync(CancellationToken cancellationToken);
}
