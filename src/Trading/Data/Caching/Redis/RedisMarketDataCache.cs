using StackExchange.Redis;

namespace Trading.Data.Caching.Redis;

/// <summary>The shared cache: entries in Redis, seen by every process that uses the same server and key prefix.</summary>
/// <remarks>
/// <para>Keys: <c>{prefix}version:{scope}</c> holds a scope's current version, <c>{prefix}v1:{key}@{version}</c> an
/// entry (<c>v1</c> is the entry format's version). A write sets its scopes' versions to new random numbers: entries
/// under the old versions are never asked for again and expire on their own. Random rather than counted versions
/// mean that a version key Redis evicted under memory pressure, then made anew, cannot name old entries.</para>
/// <para>Entries expire when not read for <see cref="MarketDataCacheOptions.SlidingExpiration"/> (each hit renews
/// it, with GETEX), so Redis holds what is in use, not every read ever made.</para>
/// </remarks>
public sealed class RedisMarketDataCache : IMarketDataCache
{
    private const string EntryFormat = "v1";

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly TimeSpan? _expiry;

    /// <summary>A cache on <paramref name="redis"/>, whose connection the caller owns.</summary>
    public RedisMarketDataCache(IConnectionMultiplexer redis, MarketDataCacheOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        options ??= new MarketDataCacheOptions();
        _redis = redis;
        _prefix = options.RedisKeyPrefix;
        _expiry = options.SlidingExpiration;
        Location = RedisConnectionSettings.Describe(redis.GetEndPoints());
    }

    public string Component => "redis";

    public string Location { get; }

    private IDatabase Database => _redis.GetDatabase();

    public async ValueTask<long> VersionAsync(CacheScope scope, CancellationToken cancellationToken)
    {
        var key = VersionKey(scope);
        var stored = await Database.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (stored.IsNull)
        {
            // First read of this scope anywhere: the first process to set a version wins, the others read it.
            await Database.StringSetAsync(key, NewVersion(), when: When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
            stored = await Database.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return (long)stored;
    }

    public async ValueTask<T?> GetAsync<T>(CacheKey key, long version, CancellationToken cancellationToken)
        where T : class
    {
        var entryKey = EntryKey(key, version);
        var bytes = _expiry is { } expiry
            ? await Database.StringGetSetExpiryAsync(entryKey, expiry).WaitAsync(cancellationToken).ConfigureAwait(false)
            : await Database.StringGetAsync(entryKey).WaitAsync(cancellationToken).ConfigureAwait(false);
        return bytes.IsNull ? null : (T)CacheEntryCodec.Decode(key, (byte[])bytes!);
    }

    public async ValueTask SetAsync<T>(CacheKey key, long version, T value, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = CacheEntryCodec.Encode(value);
        var set = _expiry is { } expiry
            ? Database.StringSetAsync(EntryKey(key, version), bytes, expiry)
            : Database.StringSetAsync(EntryKey(key, version), bytes);
        await set.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask InvalidateAsync(IReadOnlyCollection<CacheScope> scopes, CancellationToken cancellationToken)
    {
        // One round trip for all the scopes of a write.
        var batch = Database.CreateBatch();
        var sets = scopes.Select(scope => batch.StringSetAsync(VersionKey(scope), NewVersion())).ToArray();
        batch.Execute();
        await Task.WhenAll(sets).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask PingAsync(CancellationToken cancellationToken) =>
        await Database.PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

    private static long NewVersion() => Random.Shared.NextInt64(1, long.MaxValue);

    private RedisKey VersionKey(CacheScope scope) => $"{_prefix}version:{scope}";

    private RedisKey EntryKey(CacheKey key, long version) => $"{_prefix}{EntryFormat}:{key.Text}@{version}";
}
