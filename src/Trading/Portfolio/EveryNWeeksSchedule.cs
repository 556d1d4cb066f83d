using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Rebalances on a weekday every <see cref="Weeks"/> weeks, counted from the first rebalance on or after
/// <see cref="Anchor"/>; a shut weekday rolls to the next trading day of its week, as in <see cref="WeeklySchedule"/>.</summary>
/// <remarks>
/// The anchor is explicit so that the answer for a day does not depend on where a run happened to start: a backtest
/// from January and one from March agree on which Wednesdays are "every second Wednesday".
/// </remarks>
public sealed record EveryNWeeksSchedule : IRebalanceSchedule
{
    private readonly WeeklySchedule _weekly;

    public EveryNWeeksSchedule(int weeks, DayOfWeek weekday, DateOnly anchor)
    {
        if (weeks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(weeks), weeks, $"The number of weeks between rebalances must be at least 1, not {weeks}.");
        }

        _weekly = new WeeklySchedule(weekday);
        Weeks = weeks;
        Anchor = anchor;
    }

    public int Weeks { get; }

    public DayOfWeek Weekday => _weekly.Weekday;

    /// <summary>No rebalance falls before this day; the first one on or after it starts the count.</summary>
    public DateOnly Anchor { get; }

    public bool IsRebalanceDay(DateOnly day, TradingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (day < Anchor || !_weekly.IsRebalanceDay(day, calendar))
        {
            return false;
        }

        var weeksSinceFirst = (WeeklySchedule.WeekStart(day).DayNumber - FirstWeekStart(calendar).DayNumber) / 7;
        return weeksSinceFirst >= 0 && weeksSinceFirst % Weeks == 0;
    }

    private DateOnly FirstWeekStart(TradingCalendar calendar)
    {
        // When the anchor week's rebalance day falls before the anchor, the count starts with the following week.
        var anchorWeek = WeeklySchedule.WeekStart(Anchor);
        var inAnchorWeek = _weekly.RebalanceDayInWeekOf(Anchor, calendar);
        return inAnchorWeek is { } first && first >= Anchor ? anchorWeek : anchorWeek.AddDays(7);
    }
}
