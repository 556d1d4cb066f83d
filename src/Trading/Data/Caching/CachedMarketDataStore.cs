using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Trading.Domain;

namespace Trading.Data.Caching;

/// <summary>Keeps recent reads of any <see cref="IMarketDataStore"/> in memory; a write evicts what it touched.</summary>
/// <remarks>
/// <para>Entries of one symbol hang on that symbol's change token, and the list on a token of its own; a write
/// cancels the tokens of the symbols in its batch and the list's, so stale entries leave the cache at once instead
/// of waiting for the size bound. A read captures the token before it asks the store, so a result that raced with a
/// write is stored already expired and never served.</para>
/// <para>Concurrent misses for the same key share one read of the store. A caller that cancels stops waiting but does
/// not cancel the shared read, whose result still fills the cache for the others.</para>
/// <para>Cached series and lists are shared between callers: <see cref="BarSeries"/> is immutable and lists are
/// handed out read-only.</para>
/// </remarks>
public sealed class CachedMarketDataStore : IMarketDataStore, IDisposable
{
    // Rough bytes per cached item, for the size bound: a bar is six 8-byte columns; the rest is object overhead.
    private const long BytesPerBar = 48;
    private const long BytesPerAction = 96;
    private const long BytesPerSummary = 96;
    private const long BytesPerEntry = 256;

    private readonly IMarketDataStore _inner;
    private readonly IMemoryCache _cache;
    private readonly bool _ownsCache;
    private readonly TimeSpan? _slidingExpiration;
    private readonly ConcurrentDictionary<Symbol, Generation> _symbolGenerations = new();
    private readonly ConcurrentDictionary<(object Key, Generation Generation), Lazy<Task>> _loads = new();
    private Generation _listGeneration = new();

    /// <summary>Caches in a <see cref="MemoryCache"/> of its own, bounded by <see cref="MarketDataCacheOptions.SizeLimitBytes"/>.</summary>
    public CachedMarketDataStore(IMarketDataStore inner, MarketDataCacheOptions? options = null)
        : this(inner, CreateCache(options ?? new MarketDataCacheOptions()), options ?? new MarketDataCacheOptions(), ownsCache: true)
    {
    }

    /// <summary>Caches in a shared <paramref name="cache"/>; entries carry a size (approximate bytes), so the cache may
    /// set a <c>SizeLimit</c>. Keys are private to this instance, so several stores can share one cache.</summary>
    public CachedMarketDataStore(IMarketDataStore inner, IMemoryCache cache, MarketDataCacheOptions? options = null)
        : this(inner, cache, options ?? new MarketDataCacheOptions(), ownsCache: false)
    {
    }

    private CachedMarketDataStore(IMarketDataStore inner, IMemoryCache cache, MarketDataCacheOptions options, bool ownsCache)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(cache);
        _inner = inner;
        _cache = cache;
        _ownsCache = ownsCache;
        _slidingExpiration = options.SlidingExpiration;
    }

    /// <summary>The store this cache reads through to.</summary>
    public IMarketDataStore Inner => _inner;

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
            Invalidate(batch);
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
            new BarsKey(this, symbol, interval, from, to),
            GenerationOf(symbol),
            () => _inner.ReadBarsAsync(symbol, interval, from, to, CancellationToken.None),
            static series => BytesPerEntry + (series.Count * BytesPerBar),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(
        Symbol symbol,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(
            new ActionsKey(this, symbol, from, to),
            GenerationOf(symbol),
            async () => ReadOnly(await _inner.ReadActionsAsync(symbol, from, to, CancellationToken.None).ConfigureAwait(false)),
            static actions => BytesPerEntry + (actions.Count * BytesPerAction),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        GetOrLoadAsync(
            new ListKey(this),
            Volatile.Read(ref _listGeneration),
            async () => ReadOnly(await _inner.ListAsync(CancellationToken.None).ConfigureAwait(false)),
            static list => BytesPerEntry + (list.Count * BytesPerSummary),
            cancellationToken);

    /// <summary>Disposes the cache if this store created it; the inner store belongs to the caller.</summary>
    public void Dispose()
    {
        if (_ownsCache)
        {
            _cache.Dispose();
        }
    }

    private async Task<T> GetOrLoadAsync<T>(
        object key,
        Generation generation,
        Func<Task<T>> load,
        Func<T, long> sizeOf,
        CancellationToken cancellationToken)
        where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        // The generation is part of the flight's key: a read that starts after a write must not join a load that
        // started before it and may return the old data.
        var flight = (key, generation);
        var shared = _loads.GetOrAdd(flight, f => new Lazy<Task>(() => LoadAsync(f, load, sizeOf)));
        return await ((Task<T>)shared.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> LoadAsync<T>((object Key, Generation Generation) flight, Func<Task<T>> load, Func<T, long> sizeOf)
    {
        try
        {
            var value = await load().ConfigureAwait(false);
            using (var entry = _cache.CreateEntry(flight.Key))
            {
                entry.Value = value;
                entry.Size = sizeOf(value);
                entry.SlidingExpiration = _slidingExpiration;
                entry.AddExpirationToken(new CancellationChangeToken(flight.Generation.Token));
            }

            return value;
        }
        finally
        {
            _loads.TryRemove(flight, out _);
        }
    }

    private Generation GenerationOf(Symbol symbol) => _symbolGenerations.GetOrAdd(symbol, static _ => new Generation());

    private void Invalidate(MarketDataBatch batch)
    {
        var symbols = new HashSet<Symbol>();
        foreach (var series in batch.Series)
        {
            symbols.Add(series.Symbol);
        }

        foreach (var action in batch.Actions)
        {
            symbols.Add(action.Symbol);
        }

        foreach (var symbol in symbols)
        {
            // Removing first means the next read starts a new generation, whatever entries are still being added
            // under the old one.
            if (_symbolGenerations.TryRemove(symbol, out var old))
            {
                old.Expire();
            }
        }

        Interlocked.Exchange(ref _listGeneration, new Generation()).Expire();
    }

    private static MemoryCache CreateCache(MarketDataCacheOptions options) =>
        new(new MemoryCacheOptions { SizeLimit = options.SizeLimitBytes });

    private static IReadOnlyList<T> ReadOnly<T>(IReadOnlyList<T> list) =>
        list as ReadOnlyCollection<T> ?? new List<T>(list).AsReadOnly();

    private sealed record BarsKey(CachedMarketDataStore Owner, Symbol Symbol, Interval Interval, DateTime? From, DateTime? To);

    private sealed record ActionsKey(CachedMarketDataStore Owner, Symbol Symbol, DateOnly? From, DateOnly? To);

    private sealed record ListKey(CachedMarketDataStore Owner);

    /// <summary>The entries of one symbol (or of the list) between two writes; expiring it evicts them all.</summary>
    /// <remarks>The source is never disposed: entries created after a write may still register on its token, and a
    /// token source without timers holds nothing that needs releasing.</remarks>
    private sealed class Generation
    {
        private readonly CancellationTokenSource _source = new();

        public CancellationToken Token => _source.Token;

        public void Expire() => _source.Cancel();
    }
}
