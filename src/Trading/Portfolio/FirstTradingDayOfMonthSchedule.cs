using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Rebalances on the first trading day of each month (2 January 2024, after the New Year holiday).</summary>
public sealed record FirstTradingDayOfMonthSchedule : IRebalanceSchedule
{
    public bool IsRebalanceDay(DateOnly day, TradingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.IsTradingDay(day) && calendar.NextOrSame(new DateOnly(day.Year, day.Month, 1)) == day;
    }
}
