using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trading.Data.Caching;

namespace Trading.Server.Storage;

/// <summary>Reports the market data cache: whether it answers (Redis can be down: reads then go to the store, so the
/// server is degraded, not down), and for the in-process cache its entries, hits, misses and how full it is.</summary>
/// <remarks>Degraded as well when the in-process cache is over 90% full: reads work, but entries leave early. Where the
/// cache lives (a Redis host and port) and why it failed stay in the log (the outage is logged once there).</remarks>
internal sealed class CacheHealthCheck(CachedMarketDataStore store, IMarketDataCache cache, MarketDataCacheOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await store.ProbeAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["component"] = health.Component };
        if (!health.IsAvailable)
        {
            return HealthCheckResult.Degraded($"{health.Component} cache unavailable, reads go to the store (the server's log has the reason)", data: data);
        }

        if (cache is not MemoryMarketDataCache { Statistics: { } statistics })
        {
            return HealthCheckResult.Healthy($"{health.Component} market data cache", data);
        }

        data["entries"] = statistics.CurrentEntryCount;
        data["hits"] = statistics.TotalHits;
        data["misses"] = statistics.TotalMisses;
        data["size_bytes"] = statistics.CurrentEstimatedSize ?? 0;
        data["size_limit_bytes"] = options.SizeLimitBytes;
        return statistics.CurrentEstimatedSize > options.SizeLimitBytes * 9 / 10
            ? HealthCheckResult.Degraded("in-process market data cache is over 90% full", data: data)
            : HealthCheckResult.Healthy("in-process market data cache", data);
    }
}
