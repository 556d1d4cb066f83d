using Microsoft.Extensions.Logging;
using Trading.Data.Storage;

namespace Trading.Data.Caching;

/// <summary>Whether the cache is in use, and what must happen before it is used again after it failed.</summary>
/// <remarks>
/// <para>After a failure the cache is left alone (reads go straight to the store) until <c>retryInterval</c> has
/// passed; then one caller tries it again while the others keep reading from the store. The outage is logged once
/// when it starts and once when it ends, not on every read.</para>
/// <para>Writes made during an outage could not move their scopes to new versions, so another process sharing the
/// cache could still serve what was cached before them. Those scopes are kept, and invalidated first when the cache
/// answers again: the cache is used again only once that succeeded.</para>
/// </remarks>
internal sealed class CacheOutage(IMarketDataCache cache, ILogger logger, TimeProvider time, TimeSpan retryInterval)
{
    private readonly Lock _gate = new();
    private readonly HashSet<CacheScope> _pending = [];
    private bool _down;
    private bool _probing;
    private long _retryAt;
    private string? _reason;

    /// <summary>The cache's state now, without asking it.</summary>
    public ComponentHealth Health
    {
        get
        {
            lock (_gate)
            {
                return _down
                    ? ComponentHealth.Unavailable(cache.Component, cache.Location, $"cache unavailable, reads go to the store: {_reason}")
                    : ComponentHealth.Available(cache.Component, cache.Location);
            }
        }
    }

    /// <summary>True when the cache may be used now. During an outage, once the retry interval has passed, one caller
    /// tries to reach the cache (invalidating what writes left pending) and reopens it on success.</summary>
    public async ValueTask<bool> IsUsableAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_down)
            {
                return true;
            }

            if (_probing || time.GetTimestamp() < _retryAt)
            {
                return false;
            }

            _probing = true;
        }

        return await ProbeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the cache now (a health check does), whatever the retry interval says.</summary>
    public async ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_probing)
            {
                return Health;
            }

            _probing = true;
        }

        await ProbeAsync(cancellationToken).ConfigureAwait(false);
        return Health;
    }

    /// <summary>Records a failure of the cache; the first one of an outage is logged.</summary>
    public void Failed(Exception error)
    {
        lock (_gate)
        {
            _retryAt = time.GetTimestamp() + (long)(retryInterval.TotalSeconds * time.TimestampFrequency);
            _reason = error.Message;
            if (_down)
            {
                return;
            }

            _down = true;
        }

        logger.LogWarning(
            error,
            "The market data cache ({Component} at {Location}) is unavailable; reads go to the store until it answers again.",
            cache.Component,
            cache.Location);
    }

    /// <summary>Scopes a write could not invalidate: they are invalidated before the cache is used again.</summary>
    public void Defer(IReadOnlyCollection<CacheScope> scopes)
    {
        lock (_gate)
        {
            _pending.UnionWith(scopes);
        }
    }

    private async ValueTask<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            CacheScope[] pending;
            lock (_gate)
            {
                pending = [.. _pending];
            }

            await cache.PingAsync(cancellationToken).ConfigureAwait(false);
            if (pending.Length > 0)
            {
                await cache.InvalidateAsync(pending, cancellationToken).ConfigureAwait(false);
            }

            bool wasDown;
            lock (_gate)
            {
                _pending.ExceptWith(pending);
                if (_pending.Count > 0)
                {
                    // A write failed to invalidate while this probe ran: stay closed, and let the next caller retry.
                    _retryAt = time.GetTimestamp();
                    return false;
                }

                wasDown = _down;
                _down = false;
                _reason = null;
            }

            if (wasDown)
            {
                logger.LogInformation(
                    "The market data cache ({Component} at {Location}) answers again and is back in use.",
                    cache.Component,
                    cache.Location);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed(e);
            return false;
        }
        finally
        {
            lock (_gate)
            {
                _probing = false;
            }
        }
    }
}
