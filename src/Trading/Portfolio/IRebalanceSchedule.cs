using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Which trading days the portfolio is rebuilt on: every day, weekly, every N weeks, monthly.</summary>
/// <remarks>
/// A schedule is a pure rule over dates and a calendar, so a backtest and a live run that ask about the same day get
/// the same answer, and a run can start anywhere without replaying earlier days.
/// </remarks>
public interface IRebalanceSchedule
{
    /// <summary>True when <paramref name="day"/> is a trading day on which this schedule rebalances.</summary>
    bool IsRebalanceDay(DateOnly day, TradingCalendar calendar);

    /// <summary>The rebalance days from <paramref name="from"/> to <paramref name="to"/>, both included, in order.</summary>
    IEnumerable<DateOnly> Dates(DateOnly from, DateOnly to, TradingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.TradingDays(from, to).Where(day => IsRebalanceDay(day, calendar));
    }
}
