using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trading.Data.Caching;

namespace Trading.Server.Storage;

/// <summary>Reports the market data cache: entries, hits and misses, and how full it is against its bound.</summary>
/// <remarks>Degraded when it is over 90% full: reads still work, but entries are being evicted early.</remarks>
internal sealed class CacheHealthCheck([FromKeyedServices(ServerStorage.CacheKey)] MemoryCache cache, MarketDataCacheOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = cache.GetCurrentStatistics();
        var data = new Dictionary<string, object>
        {
            ["entries"] = statistics?.CurrentEntryCount ?? cache.Count,
            ["hits"] = statistics?.TotalHits ?? 0,
            ["misses"] = statistics?.TotalMisses ?? 0,
            ["size_bytes"] = statistics?.CurrentEstimatedSize ?? 0,
        };
        var limit = options.SizeLimitBytes;
        data["size_limit_bytes"] = limit;
        var full = statistics?.CurrentEstimatedSize > limit * 9 / 10;
        return Task.FromResult(full
            ? HealthCheckResult.Degraded("in-process market data cache is over 90% full", data: data)
            : HealthCheckResult.Healthy("in-process market data cache", data));
    }
}
