using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trading.Data;
using Trading.Data.Caching;

namespace Trading.Server.Storage;

/// <summary>Healthy when the store answers a listing of its series, read past the cache so a dead database is not
/// hidden by a warm one.</summary>
internal sealed class StoreHealthCheck(IMarketDataStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var inner = store is CachedMarketDataStore cached ? cached.Inner : store;
        try
        {
            var series = await inner.ListAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(inner.ToString(), new Dictionary<string, object>
            {
                ["series"] = series.Count,
                ["bars"] = series.Sum(s => s.BarCount),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{inner} does not answer: {e.Message}");
        }
    }
}
