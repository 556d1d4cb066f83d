using Trading.Domain;

namespace Trading.Data;

/// <summary>A source of historical bars outside our store (Yahoo Finance, a broker).</summary>
public interface IMarketDataProvider
{
    /// <summary>The provider's name for messages: "Yahoo Finance".</summary>
    string Name { get; }

    /// <summary>Bars of one symbol between two UTC times (inclusive), with the splits and dividends in that range.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not be reached or does not know the symbol.</exception>
    Task<MarketDataBatch> FetchAsync(
        Symbol symbol,
        Interval interval,
        DateTime from,
        DateTime to,
        CancellationToken cancellationToken = default);
}

/// <summary>A provider could not deliver: unreachable, refused, or no such symbol. The message says which and why.</summary>
public sealed class MarketDataUnavailableException : Exception
{
    public MarketDataUnavailableException(string message)
        : base(message)
    {
    }

    public MarketDataUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MarketDataUnavailableException()
    {
    }

    /// <summary>True when the provider answered, and its answer was that it has no such symbol or no data in the range
    /// (a server reports that as 404); false when it could not be asked or its answer was unusable (503).</summary>
    public bool IsNoData { get; init; }
}
