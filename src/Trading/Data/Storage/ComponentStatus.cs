namespace Trading.Data.Storage;

/// <summary>Whether a storage component (the store, the cache) answers now.</summary>
public enum ComponentStatus
{
    Available = 0,

    /// <summary>It does not answer. For the store, reads and writes fail; for the cache, reads go to the store.</summary>
    Unavailable = 1,
}
