using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>How bar times sit in SQLite: whole Unix seconds, UTC, which sort as integers and read back with
/// <c>datetime(time, 'unixepoch')</c> in any SQLite shell.</summary>
internal static class StoredTime
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>The stored value of a bar time; refuses fractions of a second, which no bar has and which would not
    /// survive the round trip.</summary>
    public static long FromBarTime(DateTime time, Symbol symbol, Interval interval)
    {
        var ticks = time.Ticks - EpochTicks;
        if (ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException(
                $"Bar times are stored to the second; the {symbol} {interval} bar at {time:O} has a fraction of a second.");
        }

        return ticks / TimeSpan.TicksPerSecond;
    }

    public static DateTime ToBarTime(long seconds) =>
        new(EpochTicks + (seconds * TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    /// <summary>The smallest stored value at or after <paramref name="time"/> (an inclusive lower bound).</summary>
    public static long LowerBound(DateTime? time)
    {
        if (time is not { } t)
        {
            return long.MinValue;
        }

        var ticks = AsUtc(t).Ticks - EpochTicks;
        return (ticks / TimeSpan.TicksPerSecond) + (ticks > 0 && ticks % TimeSpan.TicksPerSecond != 0 ? 1 : 0);
    }

    /// <summary>The largest stored value at or before <paramref name="time"/> (an inclusive upper bound).</summary>
    public static long UpperBound(DateTime? time)
    {
        if (time is not { } t)
        {
            return long.MaxValue;
        }

        var ticks = AsUtc(t).Ticks - EpochTicks;
        return (ticks / TimeSpan.TicksPerSecond) - (ticks < 0 && ticks % TimeSpan.TicksPerSecond != 0 ? 1 : 0);
    }

    // Query bounds may come from a user's date; an unspecified kind is taken as UTC, as every time in this system is.
    private static DateTime AsUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
}
