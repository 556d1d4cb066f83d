using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Rebalances on every trading day.</summary>
public sealed record EveryTradingDaySchedule : IRebalanceSchedule
{
    public bool IsRebalanceDay(DateOnly day, TradingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.IsTradingDay(day);
    }
}
