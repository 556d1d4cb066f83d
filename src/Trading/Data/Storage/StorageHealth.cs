namespace Trading.Data.Storage;

/// <summary>Asks the store and the cache at once and reports both.</summary>
public sealed class StorageHealth(IHealthProbe store, IHealthProbe cache) : IStorageHealth
{
    public async Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var storeHealth = store.ProbeAsync(cancellationToken);
        var cacheHealth = cache.ProbeAsync(cancellationToken);
        return new StorageHealthReport(await storeHealth.ConfigureAwait(false), await cacheHealth.ConfigureAwait(false));
    }
}
