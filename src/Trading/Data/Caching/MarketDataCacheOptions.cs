namespace Trading.Data.Caching;

/// <summary>How much the in-process market data cache may hold, and for how long.</summary>
public sealed class MarketDataCacheOptions
{
    /// <summary>The cache's bound in approximate bytes of cached data (a daily bar costs about 48 bytes); 256 MB by
    /// default. Only used when the cache creates its own <c>MemoryCache</c>.</summary>
    public long SizeLimitBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Drops an entry not read for this long, so a server does not keep a one-off query forever; null keeps
    /// entries until a write or the size bound evicts them.</summary>
    public TimeSpan? SlidingExpiration { get; set; } = TimeSpan.FromMinutes(30);
}
