using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trading.Data;
using Trading.Data.Caching;

namespace Trading.Server.Storage;

/// <summary>Healthy when the store answers a listing of its series, read past the cache so a dead database is not
/// hidden by a warm one. The report names the kind of store, never its path, host or database: a failure goes to
/// the log through <see cref="StoreOutage"/>.</summary>
internal sealed class StoreHealthCheck(IMarketDataStore store, StoreOutage outage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var inner = store is CachedMarketDataStore cached ? cached.Inner : store;
        try
        {
            var series = await inner.ListAsync(cancellationToken).ConfigureAwait(false);
            outage.Answered();
            return HealthCheckResult.Healthy(outage.Kind, new Dictionary<string, object>
            {
                ["series"] = series.Count,
                ["bars"] = series.Sum(s => s.BarCount),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outage.Failed(e, traceId: null);
            return HealthCheckResult.Unhealthy($"{outage.Kind} does not answer (the server's log has the reason)");
        }
    }
}
