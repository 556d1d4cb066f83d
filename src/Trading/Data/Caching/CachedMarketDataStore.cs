using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Data.Storage;
using Trading.Domain;

namespace Trading.Data.Caching;

/// <summary>Keeps recent reads of any <see cref="IMarketDataStore"/> in a cache (this process's memory, or Redis
/// shared between processes); a write makes what it touched stale for every process that shares the cache, and a
/// write by any other process is retired too when the store keeps a write log.</summary>
/// <remarks>
/// <para>A read takes its scope's version before it asks the store, and its answer is stored under that version; a
/// write moves the versions of its symbols and of the list after it is committed (see <see cref="IMarketDataCache"/>).
/// So a result that raced with a write is never served after it.</para>
/// <para>Writes this instance does not make (a command-line import, another server, a program that knows nothing of
/// the cache) are found through the store's <see cref="IMarketDataWriteLog"/>, before each read, and their symbols
/// invalidated the same way (<see cref="WriteFollower"/>): on SQLite a write is seen within
/// <see cref="Storage.Sqlite.SqliteStoreOptions.WritePollInterval"/>, on PostgreSQL when its notice arrives.</para>
/// <para>Concurrent misses for the same key and version share one read of the store. A caller that cancels stops
/// waiting but does not cancel the shared read, whose result still fills the cache for the others.</para>
/// <para>The cache is an optimisation, never a dependency: when it fails, reads go straight to the store and no
/// caller sees the cache's exception; the outage is logged once and <see cref="ProbeAsync"/> reports it; once the
/// cache answers again it is used again (<see cref="CacheOutage"/>).</para>
/// <para>A universe read (<see cref="ReadUniverseAsync"/>) passes through to the store, which reads it as one
/// snapshot; it neither reads nor fills the cache.</para>
/// <para>Cached series and lists may be shared between callers: <see cref="BarSeries"/> is immutable and lists are
/// handed out read-only.</para>
/// </remarks>
public sealed class CachedMarketDataStore : IMarketDataStore, IHealthProbe, IDisposable
{
    private readonly IMarketDataStore _inner;
    private readonly IMarketDataCache _cache;
    private readonly bool _ownsCache;
    private readonly CacheOutage _outage;
    private readonly WriteFollower? _follower;
    private readonly ConcurrentDictionary<(CacheKey Key, long Version), Lazy<Task>> _loads = new();

    /// <summary>Caches in this process's memory, in a <see cref="MemoryCache"/> of its own.</summary>
    public CachedMarketDataStore(IMarketDataStore inner, MarketDataCacheOptions? options = null)
        : this(inner, new MemoryMarketDataCache(options), options, logger: null, time: null, ownsCache: true)
    {
    }

    /// <summary>Caches in this process's memory, in a shared <paramref name="cache"/> (keys private to this instance).</summary>
    public CachedMarketDataStore(IMarketDataStore inner, IMemoryCache cache, MarketDataCacheOptions? options = null)
        : this(inner, new MemoryMarketDataCache(cache, options), options, logger: null, time: null, ownsCache: true)
    {
    }

    /// <summary>Caches in <paramref name="cache"/>, which the caller owns.</summary>
    public CachedMarketDataStore(
        IMarketDataStore inner,
        IMarketDataCache cache,
        MarketDataCacheOptions? options = null,
        ILogger<CachedMarketDataStore>? logger = null,
        TimeProvider? time = null)
        : this(inner, cache, options, logger, time, ownsCache: false)
    {
    }

    private CachedMarketDataStore(
        IMarketDataStore inner,
        IMarketDataCache cache,
        MarketDataCacheOptions? options,
        ILogger? logger,
        TimeProvider? time,
        bool ownsCache)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(cache);
        _inner = inner;
        _cache = cache;
        _ownsCache = ownsCache;
        _outage = new CacheOutage(
            cache,
            logger ?? NullLogger.Instance,
            time ?? TimeProvider.System,
            (options ?? new MarketDataCacheOptions()).RetryInterval);
        if (inner is IMarketDataWriteLog log)
        {
            _follower = new WriteFollower(log.WatchWrites(), InvalidateAsync, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
        }
    }

    /// <summary>The store this cache reads through to.</summary>
    public IMarketDataStore Inner => _inner;

    /// <summary>The cache's state as last seen, without asking it.</summary>
    public ComponentHealth CacheHealth => _outage.Health;

    /// <summary>The notices of writes the store's write log has given (tests wait on it); 0 without one.</summary>
    internal long WriteNoticesHeard => _follower?.NoticesHeard ?? 0;

    /// <summary>How this cache follows the store's writes (tests cut it); null without a write log.</summary>
    internal IMarketDataWriteWatch? WriteWatch => _follower?.Watch;

    /// <inheritdoc />
    public async Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            return await _inner.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also after a failure: a store that fails after committing (a lost connection) may have stored the batch.
            await InvalidateAsync(ScopesOf(batch)).ConfigureAwait(false);
            _follower?.PollBeforeNextRead();
        }
    }

    /// <inheritdoc />
    public Task<BarSeries> ReadBarsAsync(
        Symbol symbol,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(
            new BarsCacheKey(symbol, interval, from, to),
            token => _inner.ReadBarsAsync(symbol, interval, from, to, token),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(
        Symbol symbol,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(
            new ActionsCacheKey(symbol, from, to),
            async token => ReadOnly(await _inner.ReadActionsAsync(symbol, from, to, token).ConfigureAwait(false)),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(
            ListCacheKey.Instance,
            async token => ReadOnly(await _inner.ListAsync(token).ConfigureAwait(false)),
            cancellationToken);

    /// <summary>Read from the store every time, never from the cache: a universe is one state of the store, and
    /// symbols cached at different times would mix versions that never stood together.</summary>
    public Task<StoredUniverse> ReadUniverseAsync(
        IReadOnlyList<Symbol> symbols,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default) =>
        _inner.ReadUniverseAsync(symbols, interval, from, to, cancellationToken);

    /// <summary>The cache's health: asks it now (and, during an outage, reopens it if it answers).</summary>
    public async Task<ComponentHealth> ProbeAsync(CancellationToken cancellationToken = default) =>
        await _outage.CheckAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Stops following the store's writes, and disposes the cache if this store created it; the inner store
    /// belongs to the caller.</summary>
    public void Dispose()
    {
        _follower?.Dispose();
        if (_ownsCache)
        {
            (_cache as IDisposable)?.Dispose();
        }
    }

    private async Task<T> GetOrLoadAsync<T>(CacheKey key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
        where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_follower is not null && !await _follower.CatchUpAsync(cancellationToken).ConfigureAwait(false))
        {
            // Other processes' writes cannot be followed now: what is cached may be stale.
            return await load(cancellationToken).ConfigureAwait(false);
        }

        if (!await _outage.IsUsableAsync(cancellationToken).ConfigureAwait(false))
        {
            return await load(cancellationToken).ConfigureAwait(false);
        }

        long version;
        try
        {
            version = await _cache.VersionAsync(key.Scope, cancellationToken).ConfigureAwait(false);
            if (await _cache.GetAsync<T>(key, version, cancellationToken).ConfigureAwait(false) is { } cached)
            {
                return cached;
            }
        }
        catch (Exception e) when (IsCacheFailure(e, cancellationToken))
        {
            _outage.Failed(e);
            return await load(cancellationToken).ConfigureAwait(false);
        }

        // The version is part of the flight's key: a read that starts after a write must not join a load that
        // started before it and may return the old data.
        var flight = (key, version);
        var shared = _loads.GetOrAdd(flight, f => new Lazy<Task>(() => LoadAsync(f, load)));
        return await ((Task<T>)shared.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> LoadAsync<T>((CacheKey Key, long Version) flight, Func<CancellationToken, Task<T>> load)
        where T : class
    {
        try
        {
            var value = await load(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await _cache.SetAsync(flight.Key, flight.Version, value, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (IsCacheFailure(e, CancellationToken.None))
            {
                _outage.Failed(e);
            }

            return value;
        }
        finally
        {
            _loads.TryRemove(flight, out _);
        }
    }

    private async Task InvalidateAsync(IReadOnlyCollection<CacheScope> scopes)
    {
        // Not the caller's token: once the store has the batch, the cache must hear of it even if the caller gave up.
        if (!await _outage.IsUsableAsync(CancellationToken.None).ConfigureAwait(false))
        {
            _outage.Defer(scopes);
            return;
        }

        try
        {
            await _cache.InvalidateAsync(scopes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (IsCacheFailure(e, CancellationToken.None))
        {
            _outage.Defer(scopes);
            _outage.Failed(e);
        }
    }

    private static HashSet<CacheScope> ScopesOf(MarketDataBatch batch)
    {
        var scopes = new HashSet<CacheScope> { CacheScope.List };
        foreach (var series in batch.Series)
        {
            scopes.Add(CacheScope.Of(series.Symbol));
        }

        foreach (var action in batch.Actions)
        {
            scopes.Add(CacheScope.Of(action.Symbol));
        }

        return scopes;
    }

    /// <summary>Any exception from the cache means "read from the store instead", except the caller's own
    /// cancellation, which must reach the caller.</summary>
    private static bool IsCacheFailure(Exception e, CancellationToken cancellationToken) =>
        e is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static IReadOnlyList<T> ReadOnly<T>(IReadOnlyList<T> list) =>
        list as ReadOnlyCollection<T> ?? new List<T>(list).AsReadOnly();
}
