namespace Trading.Data.Yahoo;

/// <summary>Turns Yahoo's Unix timestamps into the exchange-local session date.</summary>
/// <remarks>
/// Yahoo stamps a daily bar at the session's open (09:30 New York is 14:30 UTC in winter, 13:30 in summer) and a
/// weekly or monthly bar at local midnight. <c>meta.gmtoffset</c> is the offset in force when the response was made,
/// not at each bar, so a summer month stamped at 00:00 EDT would land on the previous day if shifted by winter's
/// offset. The exchange's time zone (<c>meta.exchangeTimezoneName</c>) gets every date right; the fixed offset is
/// the fallback when the zone is unknown to this machine.
/// </remarks>
internal sealed class ExchangeClock
{
    private readonly TimeZoneInfo? _zone;
    private readonly TimeSpan _fixedOffset;

    private ExchangeClock(TimeZoneInfo? zone, TimeSpan fixedOffset)
    {
        _zone = zone;
        _fixedOffset = fixedOffset;
    }

    public static ExchangeClock Utc { get; } = new(null, TimeSpan.Zero);

    /// <summary>The exchange's zone when this machine knows it, else the fixed offset in seconds.</summary>
    public static ExchangeClock From(string? timeZoneName, int gmtOffsetSeconds)
    {
        if (!string.IsNullOrWhiteSpace(timeZoneName) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneName, out var zone))
        {
            return new ExchangeClock(zone, TimeSpan.Zero);
        }

        return new ExchangeClock(null, TimeSpan.FromSeconds(gmtOffsetSeconds));
    }

    public DateTime LocalTime(DateTime utc) => _zone is null
        ? DateTime.SpecifyKind(utc + _fixedOffset, DateTimeKind.Unspecified)
        : TimeZoneInfo.ConvertTimeFromUtc(utc, _zone);

    public DateOnly SessionDate(DateTime utc) => DateOnly.FromDateTime(LocalTime(utc));
}
