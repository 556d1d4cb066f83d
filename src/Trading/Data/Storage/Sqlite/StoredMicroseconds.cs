namespace Trading.Data.Storage.Sqlite;

/// <summary>How journal and node times sit in SQLite: whole microseconds since the Unix epoch, UTC, the precision
/// PostgreSQL keeps, so both stores read back the same time.</summary>
internal static class StoredMicroseconds
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>The stored value; a finer fraction is dropped (callers check times that must read back equal).</summary>
    public static long From(DateTime utc) => (utc.Ticks - EpochTicks) / 10;

    public static DateTime ToTime(long microseconds) => new(EpochTicks + (microseconds * 10), DateTimeKind.Utc);
}
