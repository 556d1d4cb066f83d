namespace Trading.Data.Storage;

/// <summary>Whether the market data store and its cache answer: what an HTTP <c>/health</c> route reports (503
/// when the store is unavailable; still 200, but degraded, when only the cache is).</summary>
public interface IStorageHealth
{
    /// <summary>Asks both now; never throws for their failures.</summary>
    Task<StorageHealthReport> CheckAsync(CancellationToken cancellationToken = default);
}
