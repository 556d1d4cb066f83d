using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Rebalances on the last trading day of each month (28 March 2024, before Good Friday).</summary>
public sealed record LastTradingDayOfMonthSchedule : IRebalanceSchedule
{
    public bool IsRebalanceDay(DateOnly day, TradingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var lastOfMonth = new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
        return calendar.IsTradingDay(day) && calendar.PreviousOrSame(lastOfMonth) == day;
    }
}
