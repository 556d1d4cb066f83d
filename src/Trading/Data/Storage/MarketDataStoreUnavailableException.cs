namespace Trading.Data.Storage;

/// <summary>The store's server cannot be reached (refused, timed out, connection lost): nothing is wrong with the
/// request, and the same call may succeed once the server is back. An HTTP layer answers 503 for it.</summary>
/// <remarks>A write that fails this way stored all of its batch or none of it, never a part: its transaction either
/// committed before the connection was lost or is rolled back by the server. Writing the batch again is safe (upsert).</remarks>
public sealed class MarketDataStoreUnavailableException : MarketDataStoreException
{
    public MarketDataStoreUnavailableException(string message)
        : base(message)
    {
    }

    public MarketDataStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MarketDataStoreUnavailableException()
    {
    }
}
