using Microsoft.Extensions.Logging;
using Trading.Domain;

namespace Trading.Data.Caching;

/// <summary>Before a cached read, retires what writes by other processes (or other connections) made stale: asks the
/// store's <see cref="IMarketDataWriteWatch"/> what was written and invalidates those symbols in the cache.</summary>
/// <remarks>
/// <para>A read trusts the last poll while it is younger than the watch's poll interval and the watch has heard
/// nothing since; otherwise one caller polls while the others wait for it. A read never goes ahead of the
/// invalidation its poll asked for, so no read that starts after a poll saw a write serves what the write replaced.
/// So a write committed longer than the poll interval before a read began is never served stale (SQLite: 1 ms by
/// default); with a watch that is told of writes (PostgreSQL), a write is retired as soon as its notice arrives.</para>
/// <para>While the watch has lost track of the store, reads bypass the cache; it says what was written meanwhile once
/// it is back. Both changes are logged once.</para>
/// </remarks>
internal sealed class WriteFollower : IDisposable
{
    private readonly IMarketDataWriteWatch _watch;
    private readonly Func<IReadOnlyCollection<CacheScope>, Task> _invalidate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _pollInterval;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Poll _last = Poll.Never;

    public WriteFollower(IMarketDataWriteWatch watch, Func<IReadOnlyCollection<CacheScope>, Task> invalidate, TimeProvider time, ILogger logger)
    {
        _watch = watch;
        _invalidate = invalidate;
        _time = time;
        _logger = logger;
        _pollInterval = watch.PollInterval == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : (long)Math.Min(watch.PollInterval.TotalSeconds * time.TimestampFrequency, long.MaxValue);
    }

    public IMarketDataWriteWatch Watch => _watch;

    /// <summary>The notices the watch has heard, polled or not (tests wait on it).</summary>
    internal long NoticesHeard => _watch.Notices;

    /// <summary>Retires what other writers changed; true when the cache may serve this read, false when the store's
    /// writes cannot be followed now (read the store).</summary>
    public ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        var arrived = _time.GetTimestamp();
        var last = Volatile.Read(ref _last);
        if (IsCurrent(last, arrived))
        {
            return last.Retired.IsCompletedSuccessfully ? ValueTask.FromResult(true) : WaitAsync(last, cancellationToken);
        }

        return PollAsync(arrived, cancellationToken);
    }

    /// <summary>After a write this process made and invalidated itself: the next read polls, so the write's own record
    /// is taken before a read caches the new data, rather than by a later poll that would retire it once more.</summary>
    public void PollBeforeNextRead()
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            if (last.Due || Interlocked.CompareExchange(ref _last, last with { Due = true }, last) == last)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _watch.Dispose();
        _gate.Dispose();
    }

    /// <summary>True when <paramref name="poll"/> still answers for a read that arrived at <paramref name="arrived"/>:
    /// it is known, the watch has heard nothing since, and it started after the read arrived or less than the poll
    /// interval before.</summary>
    private bool IsCurrent(Poll poll, long arrived) =>
        poll.IsKnown &&
        !poll.Due &&
        poll.Notices == _watch.Notices &&
        (poll.StartedAt > arrived || arrived - poll.StartedAt < _pollInterval);

    private async ValueTask<bool> PollAsync(long arrived, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Poll last;
        try
        {
            last = _last;
            if (!IsCurrent(last, arrived))
            {
                var started = _time.GetTimestamp();

                // Not the caller's token: what a poll reports must be retired even if this caller gives up.
                var writes = await PollWatchAsync().ConfigureAwait(false);
                var retired = writes.Symbols.Count > 0 ? RetireAsync(last.Retired, writes.Symbols) : last.Retired;
                Report(last, writes);
                last = new Poll(started, writes.Notices, writes.IsKnown, retired);
                Volatile.Write(ref _last, last);
            }
        }
        finally
        {
            _gate.Release();
        }

        return await WaitAsync(last, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<MarketDataWrites> PollWatchAsync()
    {
        try
        {
            return await _watch.PollAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            return MarketDataWrites.Lost(e.Message, _watch.Notices);
        }
    }

    private static async ValueTask<bool> WaitAsync(Poll poll, CancellationToken cancellationToken)
    {
        await poll.Retired.WaitAsync(cancellationToken).ConfigureAwait(false);
        return poll.IsKnown;
    }

    /// <summary>Invalidates after the invalidations before it, so they complete in order.</summary>
    private async Task RetireAsync(Task before, IReadOnlyCollection<Symbol> symbols)
    {
        await before.ConfigureAwait(false);
        var scopes = new HashSet<CacheScope>(symbols.Count + 1) { CacheScope.List };
        foreach (var symbol in symbols)
        {
            scopes.Add(CacheScope.Of(symbol));
        }

        await _invalidate(scopes).ConfigureAwait(false);
    }

    private void Report(Poll last, MarketDataWrites writes)
    {
        if (!writes.IsKnown && (last.IsKnown || last.IsFirst))
        {
            _logger.LogWarning(
                "Cannot follow the writes other processes make to the market data store ({Reason}); cached reads go to the store until it can.",
                writes.LostBecause);
        }
        else if (writes.IsKnown && !last.IsKnown && !last.IsFirst)
        {
            _logger.LogInformation(
                "Following the writes to the market data store again; {Count} symbols written meanwhile were retired from the cache.",
                writes.Symbols.Count);
        }
    }

    /// <summary>What one poll said, and the invalidation it asked for.</summary>
    private sealed record Poll(long StartedAt, long Notices, bool IsKnown, Task Retired, bool Due = false)
    {
        public static Poll Never { get; } = new(long.MinValue, -1, false, Task.CompletedTask);

        /// <summary>True before the first poll.</summary>
        public bool IsFirst => StartedAt == long.MinValue;
    }
}
