using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data;
using Trading.Domain;

namespace Trading.Feeds;

/// <summary>Stored bars delivered as slices in time order, as fast as they are read or paced against a clock: the
/// offline feed for demos, tests and paper runs over history.</summary>
/// <remarks>
/// Bars are read a chunk of market time at a time (<see cref="ReplayFeedOptions.ChunkLength"/>) for all symbols,
/// so memory holds one chunk, not the whole history. Paced replays anchor the first slice to the clock's time when it
/// is delivered and deliver slice t at anchor + (t - first) / speed, so waits do not drift; gaps (nights, weekends)
/// are paced like any other market time. A store outage is retried with backoff; the pacing starts afresh after it.
/// </remarks>
public sealed partial class ReplayFeed : IBarFeed
{
    private readonly IMarketDataStore _store;
    private readonly TimeProvider _clock;
    private readonly ReplayFeedOptions _options;
    private readonly ILogger _logger;
    private readonly FeedStatusTracker _status = new();

    public ReplayFeed(IMarketDataStore store, TimeProvider clock, ReplayFeedOptions? options = null, ILogger<ReplayFeed>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new ReplayFeedOptions();
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _store = store;
        _clock = clock;
        _options = options with
        {
            From = options.From is { } from ? DateTime.SpecifyKind(from, DateTimeKind.Utc) : null,
            To = options.To is { } to ? DateTime.SpecifyKind(to, DateTimeKind.Utc) : null,
        };
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public FeedStatus Status => _status.Snapshot;

    public IAsyncEnumerable<BarSlice> ReadAsync(FeedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ReplayAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<BarSlice> ReplayAsync(FeedRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _status.BeginRead("replay feed");
        try
        {
            var symbols = request.Symbols.ToArray();
            var ((range, stored), _) = await AttemptAsync(ct => RangeAsync(request, ct), cancellationToken).ConfigureAwait(false);
            _status.Live();
            if (range is not { } bounds)
            {
                yield break;
            }

            var (first, last) = bounds;

            var chunk = _options.ChunkFor(request.Interval);
            var pace = new Pace(_clock, _options.Speed);
            for (var start = first; start <= last;)
            {
                var end = last - start < chunk ? last : start + chunk - TimeSpan.FromTicks(1);
                var chunkStart = start;
                var (series, retried) = await AttemptAsync(ct => ReadChunkAsync(symbols, stored, request.Interval, chunkStart, end, ct), cancellationToken)
                    .ConfigureAwait(false);
                if (retried)
                {
                    _status.Live();
                    pace.Restart();
                }

                var merge = new SliceMerge(symbols, series);
                while (merge.TryNext(out var slice))
                {
                    if (pace.Paced)
                    {
                        await pace.WaitForAsync(slice.Time, cancellationToken).ConfigureAwait(false);
                    }

                    _status.Delivered(slice.Time);
                    yield return slice;
                }

                if (end == last)
                {
                    break;
                }

                start = end + TimeSpan.FromTicks(1);
            }
        }
        finally
        {
            _status.EndRead();
        }
    }

    /// <summary>The first and last bar time to replay (null when the range holds nothing) and which symbols the store
    /// has; logs the symbols it lacks and refuses a request for which it has none.</summary>
    private async Task<((DateTime First, DateTime Last)? Range, bool[] Stored)> RangeAsync(FeedRequest request, CancellationToken cancellationToken)
    {
        var stored = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        var wanted = request.Symbols.ToHashSet();
        var found = new HashSet<Symbol>();
        DateTime? first = null;
        DateTime? last = null;
        foreach (var series in stored)
        {
            if (series.Interval != request.Interval || !wanted.Contains(series.Symbol) || series.BarCount == 0)
            {
                continue;
            }

            found.Add(series.Symbol);
            first = first is { } f && f <= series.First ? f : series.First;
            last = last is { } l && l >= series.Last ? l : series.Last;
        }

        if (found.Count == 0)
        {
            throw new MarketDataNotFoundException(
                $"The store has no {request.Interval} bars of {string.Join(", ", request.Symbols)} to replay; store them first (trade data fetch or trade data import).");
        }

        foreach (var symbol in request.Symbols)
        {
            if (!found.Contains(symbol))
            {
                LogNotStored(symbol, request.Interval);
            }
        }

        var from = Later(Later(first!.Value, _options.From), request.After?.AddTicks(1));
        var to = _options.To is { } t && t < last!.Value ? t : last!.Value;
        return (from <= to ? (from, to) : null, [.. request.Symbols.Select(found.Contains)]);
    }

    private async Task<BarSeries[]> ReadChunkAsync(Symbol[] symbols, bool[] stored, Interval interval, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var series = new BarSeries[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            series[i] = stored[i]
                ? await _store.ReadBarsAsync(symbols[i], interval, from, to, cancellationToken).ConfigureAwait(false)
                : BarSeries.Empty(symbols[i], interval);
        }

        return series;
    }

    /// <summary>Runs one read, waiting out transient failures with backoff; says whether it had to retry. A failure
    /// retrying cannot mend marks the feed failed and is thrown.</summary>
    private async Task<(T Value, bool Retried)> AttemptAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        Random? random = null;
        for (var failures = 0; ; failures++)
        {
            try
            {
                return (await read(cancellationToken).ConfigureAwait(false), failures > 0);
            }
            catch (Exception e) when (Outage.IsTransient(e, cancellationToken))
            {
                random ??= _options.Retry.NewRandom();
                var delay = _options.Retry.Delay(failures + 1, random.NextDouble());
                var error = Outage.Describe(e);
                _status.Retrying(error, failures + 1, _clock.GetUtcNow() + delay);
                LogRetrying(failures + 1, delay.TotalSeconds, error);
                await ClockWait.DelayAsync(_clock, delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _status.Failed(Outage.Describe(e));
                throw;
            }
        }
    }

    private static DateTime Later(DateTime time, DateTime? other) => other is { } o && o > time ? o : time;

    /// <summary>Maps market time to the clock's time: slice t is due at anchor + (t - first) / speed.</summary>
    private sealed class Pace(TimeProvider clock, double speed)
    {
        private DateTimeOffset _anchorClock;
        private DateTime _anchorMarket;
        private bool _anchored;

        public bool Paced => speed > 0;

        public void Restart() => _anchored = false;

        public async Task WaitForAsync(DateTime marketTime, CancellationToken cancellationToken)
        {
            if (!_anchored)
            {
                _anchorClock = clock.GetUtcNow();
                _anchorMarket = marketTime;
                _anchored = true;
                return;
            }

            var due = _anchorClock + ((marketTime - _anchorMarket) / speed);
            for (var wait = due - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = due - clock.GetUtcNow())
            {
                await ClockWait.DelayAsync(clock, wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay: the store has no {Interval} bars of {Symbol}; it is absent from every slice")]
    private partial void LogNotStored(Symbol symbol, Interval interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay: reading the store failed ({Failures} in a row), retrying in {Seconds:0.###} s: {Error}")]
    private partial void LogRetrying(int failures, double seconds, string error);
}
