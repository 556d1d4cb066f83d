using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Trading.Domain;

namespace Trading.Data.Caching;

/// <summary>The in-process cache: entries in a <see cref="IMemoryCache"/>, bounded by approximate bytes.</summary>
/// <remarks>
/// Each scope's version carries a change token, and entries hang on the token of the version they were stored
/// under: invalidating a scope cancels its token, so its entries leave the cache at once instead of waiting for the
/// size bound. An entry stored under a version that is no longer current is stored already expired. Versions come
/// from one counter, so a scope that is invalidated and read again never reuses a version.
/// </remarks>
public sealed class MemoryMarketDataCache : IMarketDataCache, IDisposable
{
    // Rough bytes per cached item, for the size bound: a bar is six 8-byte columns; the rest is object overhead.
    private const long BytesPerBar = 48;
    private const long BytesPerAction = 96;
    private const long BytesPerSummary = 96;
    private const long BytesPerEntry = 256;

    private readonly IMemoryCache _cache;
    private readonly bool _ownsCache;
    private readonly TimeSpan? _slidingExpiration;
    private readonly ConcurrentDictionary<CacheScope, Generation> _generations = new();
    private long _lastVersion;

    /// <summary>Caches in a <see cref="MemoryCache"/> of its own, bounded by <see cref="MarketDataCacheOptions.SizeLimitBytes"/>.</summary>
    public MemoryMarketDataCache(MarketDataCacheOptions? options = null)
        : this(CreateCache(options ?? new MarketDataCacheOptions()), options, ownsCache: true)
    {
    }

    /// <summary>Caches in a shared <paramref name="cache"/>; entries carry a size (approximate bytes), so the cache may
    /// set a <c>SizeLimit</c>. Keys are private to this instance, so several caches can share one.</summary>
    public MemoryMarketDataCache(IMemoryCache cache, MarketDataCacheOptions? options = null)
        : this(cache, options, ownsCache: false)
    {
    }

    private MemoryMarketDataCache(IMemoryCache cache, MarketDataCacheOptions? options, bool ownsCache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _ownsCache = ownsCache;
        _slidingExpiration = (options ?? new MarketDataCacheOptions()).SlidingExpiration;
    }

    public string Component => "memory";

    public string Location => "in process";

    public ValueTask<long> VersionAsync(CacheScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GenerationOf(scope).Version);

    public ValueTask<T?> GetAsync<T>(CacheKey key, long version, CancellationToken cancellationToken)
        where T : class =>
        ValueTask.FromResult(
            _cache.TryGetValue(new EntryKey(this, key), out Entry? entry) && entry!.Version == version ? entry.Value as T : null);

    public ValueTask SetAsync<T>(CacheKey key, long version, T value, CancellationToken cancellationToken)
        where T : class
    {
        var generation = GenerationOf(key.Scope);
        if (generation.Version != version)
        {
            return ValueTask.CompletedTask;
        }

        // An invalidation between the check above and here cancels this token first: the entry is born expired.
        using var entry = _cache.CreateEntry(new EntryKey(this, key));
        entry.Value = new Entry(version, value);
        entry.Size = SizeOf(value);
        entry.SlidingExpiration = _slidingExpiration;
        entry.AddExpirationToken(new CancellationChangeToken(generation.Token));
        return ValueTask.CompletedTask;
    }

    public ValueTask InvalidateAsync(IReadOnlyCollection<CacheScope> scopes, CancellationToken cancellationToken)
    {
        foreach (var scope in scopes)
        {
            // Removing first means the next read starts a new version, whatever entries are still being added under
            // the old one.
            if (_generations.TryRemove(scope, out var old))
            {
                old.Expire();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PingAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Disposes the memory cache if this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsCache)
        {
            _cache.Dispose();
        }
    }

    private Generation GenerationOf(CacheScope scope) =>
        _generations.GetOrAdd(scope, static (_, self) => new Generation(Interlocked.Increment(ref self._lastVersion)), this);

    private static long SizeOf(object value) => BytesPerEntry + value switch
    {
        BarSeries series => series.Count * BytesPerBar,
        IReadOnlyCollection<CorporateAction> actions => actions.Count * BytesPerAction,
        IReadOnlyCollection<SeriesSummary> list => list.Count * BytesPerSummary,
        _ => 0,
    };

    /// <summary>Entries, hits, misses and estimated size of the cache this instance made for itself; null for a
    /// shared cache given to it (whose owner has its statistics).</summary>
    public MemoryCacheStatistics? Statistics => _ownsCache && _cache is MemoryCache own ? own.GetCurrentStatistics() : null;

    private static MemoryCache CreateCache(MarketDataCacheOptions options) =>
        new(new MemoryCacheOptions { SizeLimit = options.SizeLimitBytes, TrackStatistics = true });

    private sealed record EntryKey(MemoryMarketDataCache Owner, CacheKey Key);

    private sealed record Entry(long Version, object Value);

    /// <summary>One version of a scope; expiring it evicts the entries stored under it.</summary>
    /// <remarks>The source is never disposed: entries created after an invalidation may still register on its token,
    /// and a token source without timers holds nothing that needs releasing.</remarks>
    private sealed class Generation(long version)
    {
        private readonly CancellationTokenSource _source = new();

        public long Version { get; } = version;

        public CancellationToken Token => _source.Token;

        public void Expire() => _source.Cancel();
    }
}
