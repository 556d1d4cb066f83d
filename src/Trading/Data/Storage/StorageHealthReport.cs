namespace Trading.Data.Storage;

/// <summary>The store's and the cache's health at one moment.</summary>
public sealed record StorageHealthReport(ComponentHealth Store, ComponentHealth Cache)
{
    /// <summary>False when the store does not answer: reads and writes fail. A cache that does not answer only makes
    /// reads slower, so it does not make the report unhealthy.</summary>
    public bool IsHealthy => Store.IsAvailable;

    /// <summary><c>ok</c>, <c>degraded</c> (the cache is unavailable) or <c>unavailable</c> (the store is).</summary>
    public string Status => !Store.IsAvailable ? "unavailable" : Cache.IsAvailable ? "ok" : "degraded";
}
