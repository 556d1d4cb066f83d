namespace Trading.Data.Caching;

/// <summary>The market data cache: how much the in-process cache may hold, how long entries live, and the shared
/// Redis cache when one is configured (the "Cache" configuration section).</summary>
public sealed class MarketDataCacheOptions
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string SectionName = "Cache";

    /// <summary>The cache's bound in approximate bytes of cached data (a daily bar costs about 48 bytes); 256 MB by
    /// default. Only used when the cache creates its own <c>MemoryCache</c>.</summary>
    public long SizeLimitBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Drops an entry not read for this long, so a server does not keep a one-off query forever; null keeps
    /// entries until a write or the size bound evicts them.</summary>
    public TimeSpan? SlidingExpiration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A StackExchange.Redis configuration (<c>host:port,password=...</c>); when set, the cache is Redis,
    /// shared by every process that uses the same server and <see cref="RedisKeyPrefix"/>, instead of this process's
    /// memory.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>The start of every key the cache writes in Redis, so that several databases (or tests) can share one
    /// Redis without seeing each other's entries.</summary>
    public string RedisKeyPrefix { get; set; } = "trading:cache:";

    /// <summary>After the cache fails, how long reads go straight to the store before the cache is tried again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What is wrong with these settings, naming the setting, or null; a host checks them at start so that a
    /// bad value stops it at once rather than failing every read that would be cached.</summary>
    public string? Problem()
    {
        if (SizeLimitBytes < 0)
        {
            return $"Cache:SizeLimitBytes must be at least 0 (0 caches nothing); got {SizeLimitBytes}.";
        }

        if (SlidingExpiration is { } sliding && sliding <= TimeSpan.Zero)
        {
            return $"Cache:SlidingExpiration must be a positive duration, or empty to keep entries until evicted; got {sliding}.";
        }

        if (RetryInterval < TimeSpan.Zero)
        {
            return $"Cache:RetryInterval must not be negative; got {RetryInterval}.";
        }

        return string.IsNullOrWhiteSpace(RedisKeyPrefix) ? "Cache:RedisKeyPrefix must not be empty." : null;
    }
}
