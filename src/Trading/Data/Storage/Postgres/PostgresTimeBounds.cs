namespace Trading.Data.Storage.Postgres;

/// <summary>Read bounds as the PostgreSQL store queries them: UTC, on whole seconds, null for an open end.</summary>
/// <remarks>Bars are stamped on whole seconds, so rounding an inclusive lower bound up (and an upper bound down) to
/// the second selects exactly the same bars, and keeps fractions below PostgreSQL's microsecond out of the
/// comparison, where rounding could let in a bar that lies outside the range.</remarks>
internal static class PostgresTimeBounds
{
    public static DateTime? Lower(DateTime? time)
    {
        if (time is not { } t)
        {
            return null;
        }

        var utc = AsUtc(t);
        var remainder = utc.Ticks % TimeSpan.TicksPerSecond;
        if (remainder == 0)
        {
            return utc;
        }

        // Within the last second of DateTime's range no whole second lies at or after the bound.
        return utc.Ticks > DateTime.MaxValue.Ticks - TimeSpan.TicksPerSecond
            ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)
            : utc.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }

    public static DateTime? Upper(DateTime? time)
    {
        if (time is not { } t)
        {
            return null;
        }

        var utc = AsUtc(t);
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    // Query bounds may come from a user's date; an unspecified kind is taken as UTC, as every time in this system is.
    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
