using Microsoft.Extensions.Options;
using Trading.Data;
using Trading.Domain;
using Trading.Server.Hosting;

namespace Trading.Server.Data;

/// <summary>Bars for the data routes: from the store (through its cache), and when the store has none in the range
/// and a provider is configured, fetched, stored, then read back, so the next request is a cache hit.</summary>
/// <remarks>Only an empty range is fetched: a range the store holds in part is served as stored (fill the gaps with
/// <c>trade data fetch</c>). Concurrent misses of one symbol may fetch twice; the store's upsert makes that harmless.</remarks>
internal sealed partial class BarSource(
    IMarketDataStore store,
    IServiceProvider services,
    IOptions<ServerOptions> options,
    TimeProvider clock,
    ILogger<BarSource> logger)
{
    private readonly bool _fetch = options.Value.ProviderEnabled;

    public IMarketDataStore Store => store;

    public async Task<BarLookup> GetAsync(Symbol symbol, BarRange range, CancellationToken cancellationToken)
    {
        try
        {
            return await LookUpAsync(symbol, range, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidStoredBarException e)
        {
            return BarLookup.Unusable(e.Message);
        }
    }

    private async Task<BarLookup> LookUpAsync(Symbol symbol, BarRange range, CancellationToken cancellationToken)
    {
        var series = await store.ReadBarsAsync(symbol, range.Interval, range.From, range.To, cancellationToken).ConfigureAwait(false);
        if (!series.IsEmpty)
        {
            return BarLookup.Found(series);
        }

        if (!_fetch)
        {
            return BarLookup.NotFound($"no {range.Interval} bars of {symbol} {range.Describe()} in the store, and no provider is configured to fetch them (Server:Provider is 'none'; import them with 'trade data import' or 'trade data fetch')");
        }

        var provider = services.GetRequiredKeyedService<IMarketDataProvider>("yahoo");
        var to = range.To ?? clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddTicks(-1);
        var from = range.From ?? to.Date.AddYears(-1);
        try
        {
            var batch = await provider.FetchAsync(symbol, range.Interval, from, to, cancellationToken).ConfigureAwait(false);
            var written = await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            LogFetched(logger, symbol.Value, range.Interval.Code, written.BarsWritten, provider.Name);
        }
        catch (MarketDataUnavailableException e)
        {
            LogProviderFailed(logger, symbol.Value, e.Message);
            var why = $"no {range.Interval} bars of {symbol} {range.Describe()} in the store, and {provider.Name} could not provide them: {e.Message}";
            return e.IsNoData ? BarLookup.NotFound(why) : BarLookup.Unavailable(why);
        }
        catch (InvalidBarException e)
        {
            // A provider that does not drop what the bar rule refuses: the store kept nothing, and says which bar.
            LogProviderFailed(logger, symbol.Value, e.Message);
            return BarLookup.Unavailable($"no {range.Interval} bars of {symbol} {range.Describe()} in the store, and {provider.Name} sent a bar that cannot be stored: {e.Problem}");
        }

        series = await store.ReadBarsAsync(symbol, range.Interval, range.From, range.To, cancellationToken).ConfigureAwait(false);
        return series.IsEmpty
            ? BarLookup.NotFound($"no {range.Interval} bars of {symbol} {range.Describe()}: neither the store nor {provider.Name} has any")
            : BarLookup.Found(series);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Symbol} {Interval}: {Bars} bars from {Provider}")]
    private static partial void LogFetched(ILogger logger, string symbol, string interval, long bars, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch {Symbol}: {Reason}")]
    private static partial void LogProviderFailed(ILogger logger, string symbol, string reason);
}
