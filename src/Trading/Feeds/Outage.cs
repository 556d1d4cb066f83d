using Trading.Data;
using Trading.Data.Storage;

namespace Trading.Feeds;

/// <summary>Which failures of a feed's source are worth waiting out.</summary>
internal static class Outage
{
    /// <summary>True for a source that could not be reached or answered badly this time (a provider or store down,
    /// a timeout, a connection lost); false for what retrying cannot mend (a corrupt store, a bug, a bad argument)
    /// and for the caller's own cancellation.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        MarketDataUnavailableException { IsNoData: false } => true,
        MarketDataStoreUnavailableException => true,
        HttpRequestException or TimeoutException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The message on one line, for a status or a log.</summary>
    public static string Describe(Exception exception) => exception.Message.ReplaceLineEndings(" ");
}
