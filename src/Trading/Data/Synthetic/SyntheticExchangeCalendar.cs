using Trading.Domain;

namespace Trading.Data.Synthetic;

/// <summary>The synthetic market's sessions as a <see cref="TradingCalendar"/>, so schedules ("every Wednesday, or
/// the next trading day") fall on days that have bars: weekdays, New Year's Day, Independence Day and Christmas shut,
/// New York hours.</summary>
public sealed class SyntheticExchangeCalendar : TradingCalendar
{
    private SyntheticExchangeCalendar()
    {
    }

    public static SyntheticExchangeCalendar Instance { get; } = new();

    public override TimeZoneInfo TimeZone => NyseCalendar.Instance.TimeZone;

    public override TimeOnly RegularOpen => NyseCalendar.Instance.RegularOpen;

    public override TimeOnly RegularClose => NyseCalendar.Instance.RegularClose;

    public override string? HolidayName(DateOnly day) =>
        !IsWeekend(day) && SyntheticCalendar.IsHoliday(day) ? "synthetic market holiday" : null;

    public override TimeOnly? EarlyClose(DateOnly day) => null;
}
