using System.Globalization;
using Microsoft.Extensions.Logging;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Domain;
using Trading.Feeds;
using Trading.Journal;

namespace Trading.Nodes;

/// <summary>Writes: bars and journal entries stored with retries through an outage.</summary>
public sealed partial class TradingNode
{
    private async Task StoreAsync(BarSlice slice, CancellationToken cancellationToken)
    {
        var series = new List<BarSeries>(slice.Count);
        foreach (var (symbol, bar) in slice.Bars)
        {
            var builder = new BarSeriesBuilder(1);
            builder.Add(bar);
            series.Add(builder.ToSeries(symbol, _interval));
        }

        await RetryAsync(ct => _services.Store.WriteAsync(new MarketDataBatch(series, []), ct), "storing the bars of " + slice.Time.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends one step's entries in one transaction, retrying a store outage until it is stored: the node
    /// does not step on meanwhile, and a lease lost to another process ends it.</summary>
    private async Task AppendAsync(List<JournalRecordDraft> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            await RetryAsync(ct => _services.Journal.AppendAsync(_definition.Id, _services.Owner, _nextSequence, entries, Now(), ct), "journaling a step", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The engine has moved on and the journal has not: only a replay of the journal can say where it stands.
            _stale = e.Message;
            throw;
        }

        _nextSequence += entries.Count;
        _leaseRenewedAt = Now();
    }

    private async Task RetryAsync(Func<CancellationToken, Task> write, string what, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(cancellationToken).ConfigureAwait(false);
                if (attempt > 1)
                {
                    _state = "running";
                    _reason = null;
                    LogStoreBack(_logger, _definition.Id, what, attempt);
                }

                return;
            }
            catch (MarketDataStoreException e)
            {
                _state = "paused";
                _reason = $"the store failed while {what}: {e.Message}; retrying";
                if (attempt == 1)
                {
                    LogStorePaused(_logger, _definition.Id, what, e.Message);
                }

                await Task.Delay(delay, _services.Clock, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: the store failed while {What}: {Error}; the node waits and retries")]
    private static partial void LogStorePaused(ILogger logger, string node, string what, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: the store is back ({What} succeeded at attempt {Attempt}); the node goes on")]
    private static partial void LogStoreBack(ILogger logger, string node, string what, int attempt);
}
