namespace Trading.Data;

/// <summary>The store has no bars for what was asked (and nothing was fetched): an HTTP layer answers 404 with this
/// message, which names the symbols and the range. Distinct from <see cref="MarketDataUnavailableException"/>
/// (the provider could not be reached: 503).</summary>
public sealed class MarketDataNotFoundException : Exception
{
    public MarketDataNotFoundException(string message)
        : base(message)
    {
    }

    public MarketDataNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MarketDataNotFoundException()
    {
    }
}
