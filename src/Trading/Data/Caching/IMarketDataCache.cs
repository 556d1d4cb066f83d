namespace Trading.Data.Caching;

/// <summary>Where <see cref="CachedMarketDataStore"/> keeps what it read: in this process's memory, or in a cache
/// that several processes share (Redis).</summary>
/// <remarks>
/// <para>Invalidation is by version: each <see cref="CacheScope"/> has a current version, entries are stored under
/// the version that was current when their read began, and a write moves its scopes to new versions. An entry
/// stored under an old version is never returned, so a read that raced with a write cannot put stale data back,
/// in this process or another.</para>
/// <para>The values are the store's answers: <see cref="Domain.BarSeries"/>, a read-only list of
/// <see cref="Domain.CorporateAction"/> or of <see cref="SeriesSummary"/>, by the key's kind.</para>
/// <para>Any method may throw when the cache cannot be reached; the decorator then reads from the store.</para>
/// </remarks>
public interface IMarketDataCache
{
    /// <summary>The kind of cache, as health reports name it: <c>memory</c>, <c>redis</c>.</summary>
    string Component { get; }

    /// <summary>Where it is (this process, or host:port), never a password.</summary>
    string Location { get; }

    /// <summary>The scope's current version.</summary>
    ValueTask<long> VersionAsync(CacheScope scope, CancellationToken cancellationToken);

    /// <summary>The entry stored for <paramref name="key"/> under <paramref name="version"/>, or null.</summary>
    ValueTask<T?> GetAsync<T>(CacheKey key, long version, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Stores an entry under <paramref name="version"/>; a cache may drop it if the version is no longer
    /// current.</summary>
    ValueTask SetAsync<T>(CacheKey key, long version, T value, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Moves each scope to a new version, so that nothing cached for it before is served again.</summary>
    ValueTask InvalidateAsync(IReadOnlyCollection<CacheScope> scopes, CancellationToken cancellationToken);

    /// <summary>A round trip to the cache, for health checks; throws when it cannot be reached.</summary>
    ValueTask PingAsync(CancellationToken cancellationToken);
}
