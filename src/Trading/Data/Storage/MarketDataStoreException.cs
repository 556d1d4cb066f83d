namespace Trading.Data.Storage;

/// <summary>The store itself failed: its file is missing, unreadable, corrupt, locked or from a newer program.</summary>
/// <remarks>The message names the database (a file path or a server) so that the person reading it knows which one to
/// look at; the driver's own exception is kept as the inner exception.</remarks>
public class MarketDataStoreException : Exception
{
    public MarketDataStoreException(string message)
        : base(message)
    {
    }

    public MarketDataStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MarketDataStoreException()
    {
    }
}
