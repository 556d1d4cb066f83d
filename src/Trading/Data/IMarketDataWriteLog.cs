namespace Trading.Data;

/// <summary>A store that records which symbols each write touched, so that a reader in any process (a server's cache)
/// can ask what other processes wrote since it last looked.</summary>
/// <remarks>The record is kept by the store in the write's own transaction, so no writer can skip it: a command-line
/// import, a fetch, another server, a program that knows nothing of caches.</remarks>
public interface IMarketDataWriteLog
{
    /// <summary>Starts following the store's writes for one reader, which owns and disposes what it returns. No I/O
    /// happens here; the first poll sets the starting point.</summary>
    IMarketDataWriteWatch WatchWrites();
}
