using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data;
using Trading.Domain;

namespace Trading.Feeds;

/// <summary>Bars polled from a provider (Yahoo Finance in production) and delivered as slices when complete: the
/// live feed of a trading node.</summary>
/// <remarks>
/// <para>A bar counts only once complete by the calendar (<see cref="BarSchedule"/>): an intraday bar when its period
/// ends, a daily bar at its session's close, early closes included. The slice for a time goes out as soon as every
/// symbol has answered for it, or when <see cref="PollingFeedOptions.GracePeriod"/> has passed since it completed,
/// without the symbols still missing. Each symbol is fetched from just after its latest bar, so a provider sends each
/// bar once; a bar that comes too late for its slice, again, or before a later one is dropped with one log line, and
/// so is one that breaks the <see cref="BarRule"/>. A missing expected bar is logged once, when the next one comes.</para>
/// <para>Between bars the feed sleeps until the calendar's next bar completes; while a complete bar is owed it polls
/// every <see cref="PollingFeedOptions.PollInterval"/>. A failing provider is retried with backoff, shown in
/// <see cref="Status"/>; only a provider that knows none of the symbols stops the feed.</para>
/// </remarks>
public sealed partial class PollingFeed : IBarFeed
{
    private readonly IMarketDataProvider _provider;
    private readonly TradingCalendar _calendar;
    private readonly TimeProvider _clock;
    private readonly PollingFeedOptions _options;
    private readonly ILogger _logger;
    private readonly FeedStatusTracker _status = new();

    public PollingFeed(
        IMarketDataProvider provider,
        TradingCalendar calendar,
        TimeProvider clock,
        PollingFeedOptions? options = null,
        ILogger<PollingFeed>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new PollingFeedOptions();
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _provider = provider;
        _calendar = calendar;
        _clock = clock;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public FeedStatus Status => _status.Snapshot;

    public IAsyncEnumerable<BarSlice> ReadAsync(FeedRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Interval.IsIntraday && request.Interval != Interval.Daily)
        {
            throw new ArgumentException(
                $"A polling feed serves intraday (1m to 1h) and daily bars; {request.Interval} bars complete too rarely to poll for.",
                nameof(request));
        }

        return PollAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<BarSlice> PollAsync(FeedRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _status.BeginRead("polling feed");
        try
        {
            var schedule = new BarSchedule(_calendar, request.Interval);
            var now = Now();
            // Just before From, so that a bar stamped at From is delivered and a gap after it is seen.
            var start = request.After ?? (_options.From is { } from ? DateTime.SpecifyKind(from, DateTimeKind.Utc).AddTicks(-1) : schedule.LatestCompleteAt(now));
            var run = new Run(this, request, schedule, start);
            Random? random = null;
            var failures = 0;
            var nextPoll = now;
            while (true)
            {
                now = Now();
                if (now >= nextPoll)
                {
                    var failure = await PollOnceAsync(run, now, cancellationToken).ConfigureAwait(false);
                    var polled = now;
                    now = Now();
                    if (failure is null)
                    {
                        if (failures > 0)
                        {
                            LogRecovered(_provider.Name, failures);
                        }

                        failures = 0;
                        _status.Live();
                        nextPoll = run.NextPoll(polled, now);
                    }
                    else
                    {
                        failures++;
                        random ??= _options.Retry.NewRandom();
                        var delay = _options.Retry.Delay(failures, random.NextDouble());
                        nextPoll = now + delay;
                        _status.Retrying(failure, failures, new DateTimeOffset(nextPoll));
                        LogRetrying(_provider.Name, failures, delay.TotalSeconds, failure);
                    }
                }

                while (run.TryTake(Now(), out var slice))
                {
                    _status.Delivered(slice.Time);
                    yield return slice;
                }

                var wake = run.EarliestDeadline is { } deadline && deadline < nextPoll ? deadline : nextPoll;
                await ClockWait.DelayAsync(_clock, wake - Now(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _status.EndRead();
        }
    }

    /// <summary>Fetches every symbol once and takes in what came. Returns null when the provider answered for every
    /// symbol, else why not (for the status); throws when retrying cannot help, and the feed is then failed.</summary>
    private async Task<string?> PollOnceAsync(Run run, DateTime now, CancellationToken cancellationToken)
    {
        try
        {
            return await PollSymbolsAsync(run, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            _status.Failed(Outage.Describe(e));
            throw;
        }
    }

    private async Task<string?> PollSymbolsAsync(Run run, DateTime now, CancellationToken cancellationToken)
    {
        var symbols = run.Symbols;
        var fetches = new Task<Fetched>[symbols.Length];
        using (var gate = new SemaphoreSlim(_options.MaxConcurrentFetches))
        {
            for (var i = 0; i < symbols.Length; i++)
            {
                fetches[i] = FetchAsync(symbols[i], run.Interval, now, gate, cancellationToken);
            }

            await Task.WhenAll(fetches).ConfigureAwait(false);
        }

        var noData = 0;
        var failed = 0;
        string? firstFailure = null;
        MarketDataUnavailableException? firstNoData = null;
        foreach (var symbol in symbols)
        {
            var (bars, error) = await fetches[symbol.Index].ConfigureAwait(false);
            if (bars is null && error is null)
            {
                continue;
            }

            if (bars is not null)
            {
                symbol.Answered();
                run.Answered = true;
                run.Ingest(symbol, bars, now);
            }
            else if (error is MarketDataUnavailableException { IsNoData: true } unknown)
            {
                noData++;
                firstNoData ??= unknown;
                if (symbol.MarkNoData())
                {
                    LogNoData(_provider.Name, symbol.Symbol, Outage.Describe(unknown));
                }
            }
            else if (error is not null && Outage.IsTransient(error, cancellationToken))
            {
                failed++;
                firstFailure ??= Outage.Describe(error);
            }
            else if (error is not null)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }

        if (noData == symbols.Length)
        {
            if (!run.Answered)
            {
                var message = $"{_provider.Name} has no {run.Interval} data for {(symbols.Length == 1 ? "the symbol" : "any of the symbols")} " +
                    $"{string.Join(", ", symbols.Select(s => s.Symbol))} ({Outage.Describe(firstNoData!)}); check the symbols: a polling feed needs one its provider knows.";
                throw new MarketDataUnavailableException(message, firstNoData!) { IsNoData = true };
            }

            // Every symbol had data before: a provider that suddenly knows none of them is having a bad moment.
            return $"{_provider.Name} answered no data for every symbol: {Outage.Describe(firstNoData!)}";
        }

        return failed switch
        {
            0 => null,
            1 => firstFailure,
            _ => $"{firstFailure} (and {failed - 1} more symbols failed)",
        };
    }

    private async Task<Fetched> FetchAsync(PolledSymbol symbol, Interval interval, DateTime now, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var from = symbol.Cursor.AddTicks(1);
        if (from > now)
        {
            // Resumed after a time still to come: nothing to ask for yet, and no answer either.
            return new Fetched(null, null);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = await _provider.FetchAsync(symbol.Symbol, interval, from, now, cancellationToken).ConfigureAwait(false);
            foreach (var series in batch.Series)
            {
                if (series.Symbol == symbol.Symbol && series.Interval == interval)
                {
                    return new Fetched(series, null);
                }
            }

            return new Fetched(BarSeries.Empty(symbol.Symbol, interval), null);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return new Fetched(null, e);
        }
        finally
        {
            gate.Release();
        }
    }

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    /// <summary>What one fetch brought: bars, or the error; neither when the symbol was not asked.</summary>
    private readonly record struct Fetched(BarSeries? Bars, Exception? Error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling: {Symbol} {Interval} bar at {Time} came after the slice for {Delivered} went out; dropped as late")]
    private partial void LogLate(Symbol symbol, Interval interval, string time, string delivered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling: {Symbol} {Interval} bar at {Time} came again; dropped as a duplicate (the first one stands)")]
    private partial void LogDuplicate(Symbol symbol, Interval interval, string time);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling: {Symbol} {Interval} bar at {Time} came after its bar at {Latest}; dropped as out of order")]
    private partial void LogOutOfOrder(Symbol symbol, Interval interval, string time, string latest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling: {Symbol} {Interval} bar at {Time} breaks the bar rule ({Problem}); dropped")]
    private partial void LogInvalid(Symbol symbol, Interval interval, string time, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling: {Symbol} {Interval} has no bar for {Count} expected time(s), {First} to {Last}; its next bar is {Next}")]
    private partial void LogGap(Symbol symbol, Interval interval, int count, string first, string last, string next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling: {Provider} has no data for {Symbol} ({Error}); it is absent from slices until it has")]
    private partial void LogNoData(string provider, Symbol symbol, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling: {Provider} failed ({Failures} polls in a row), retrying in {Seconds:0.###} s: {Error}")]
    private partial void LogRetrying(string provider, int failures, double seconds, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling: {Provider} answers again after {Failures} failed polls")]
    private partial void LogRecovered(string provider, int failures);
}
