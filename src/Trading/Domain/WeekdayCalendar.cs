namespace Trading.Domain;

/// <summary>Every weekday a session, no holidays, New York hours: the stand-in for a market whose holiday rules this
/// program does not know (NYSE before <see cref="NyseCalendar.FirstSupportedYear"/>). Schedules on it fall on
/// weekdays; a strategy that rebalances on the first bar at or after the scheduled day still meets a holiday
/// correctly, a day late.</summary>
public sealed class WeekdayCalendar : TradingCalendar
{
    private WeekdayCalendar()
    {
    }

    public static WeekdayCalendar Instance { get; } = new();

    public override TimeZoneInfo TimeZone => NyseCalendar.Instance.TimeZone;

    public override TimeOnly RegularOpen => NyseCalendar.Instance.RegularOpen;

    public override TimeOnly RegularClose => NyseCalendar.Instance.RegularClose;

    public override string? HolidayName(DateOnly day) => null;

    public override TimeOnly? EarlyClose(DateOnly day) => null;
}
