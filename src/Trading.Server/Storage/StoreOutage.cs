using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Data.Storage.Sqlite;

namespace Trading.Server.Storage;

/// <summary>Whether the market data store is failing, so that an outage is logged once when it starts (with the
/// store's location and the exception) and once when it ends, not once per request: a database that is down under
/// load would otherwise write a stack per 503.</summary>
/// <remarks>While it is down, later failures are logged at debug level and counted; the store is probed every
/// <see cref="ProbeInterval"/> (and by <c>/health</c>) until it answers. Clients are told only that the store is
/// unavailable and the answer's trace id: where it lives stays in this log.</remarks>
internal sealed partial class StoreOutage(IMarketDataStore store, TimeProvider time, ILogger<StoreOutage> logger) : BackgroundService
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(5);

    private readonly IMarketDataStore _inner = store is CachedMarketDataStore cached ? cached.Inner : store;
    private readonly Lock _gate = new();
    // Released once per outage; an outage that ends before the probe wakes leaves a count the probe passes through.
    private readonly SemaphoreSlim _started = new(0);
    private bool _down;
    private long _failures;

    /// <summary>The kind of store in words, for clients: no path, host or database name.</summary>
    public string Kind => _inner switch
    {
        PostgresMarketDataStore => "PostgreSQL market data store",
        SqliteMarketDataStore => "SQLite market data store",
        _ => "market data store",
    };

    /// <summary>Records a failure of the store; the first of an outage is logged as an error with its exception.</summary>
    public void Failed(Exception error, string? traceId)
    {
        bool first;
        long failures;
        lock (_gate)
        {
            first = !_down;
            _down = true;
            failures = ++_failures;
        }

        if (first)
        {
            LogOutage(logger, _inner.ToString() ?? Kind, traceId ?? "none", error);
            try
            {
                _started.Release();
            }
            catch (ObjectDisposedException)
            {
                // The server is stopping: nothing is left to probe for.
            }
        }
        else
        {
            LogStillDown(logger, failures, traceId ?? "none", error.Message);
        }
    }

    /// <summary>Records that the store answered; ends an outage and logs it.</summary>
    public void Answered()
    {
        long failures;
        lock (_gate)
        {
            if (!_down)
            {
                return;
            }

            _down = false;
            failures = _failures;
            _failures = 0;
        }

        LogRecovered(logger, _inner.ToString() ?? Kind, failures);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _started.WaitAsync(stoppingToken).ConfigureAwait(false);
            while (IsDown())
            {
                await Task.Delay(ProbeInterval, time, stoppingToken).ConfigureAwait(false);
                if (await AnswersAsync(stoppingToken).ConfigureAwait(false))
                {
                    Answered();
                }
            }
        }
    }

    public override void Dispose()
    {
        _started.Dispose();
        base.Dispose();
    }

    private bool IsDown()
    {
        lock (_gate)
        {
            return _down;
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        if (_inner is IHealthProbe probe)
        {
            return (await probe.ProbeAsync(cancellationToken).ConfigureAwait(false)).IsAvailable;
        }

        try
        {
            await _inner.ListAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Store} failed (first at trace id {TraceId}); requests that need it get 503 until it answers again, and later failures are logged at debug level")]
    private static partial void LogOutage(ILogger logger, string store, string traceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The store is still failing ({Failures} failures, trace id {TraceId}): {Reason}")]
    private static partial void LogStillDown(ILogger logger, long failures, string traceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Store} answers again after {Failures} failed requests")]
    private static partial void LogRecovered(ILogger logger, string store, long failures);
}
