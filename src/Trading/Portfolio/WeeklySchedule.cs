using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Rebalances once a week on a weekday, or on the next trading day of the same week when that one is shut.</summary>
/// <remarks>
/// The roll stays inside the week (Monday to Sunday): a Friday schedule whose Friday is Good Friday skips that week
/// rather than rolling to Monday, because rolling would put two rebalances in the following week.
/// </remarks>
public sealed record WeeklySchedule : IRebalanceSchedule
{
    public WeeklySchedule(DayOfWeek weekday)
    {
        if (weekday is < DayOfWeek.Monday or > DayOfWeek.Friday)
        {
            throw new ArgumentOutOfRangeException(
                nameof(weekday),
                weekday,
                $"A weekly rebalance must fall on a weekday (Monday to Friday), not {weekday}.");
        }

        Weekday = weekday;
    }

    public DayOfWeek Weekday { get; }

    public bool IsRebalanceDay(DateOnly day, TradingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.IsTradingDay(day) && RebalanceDayInWeekOf(day, calendar) == day;
    }

    /// <summary>The day this schedule rebalances in the week holding <paramref name="day"/>, or null if none.</summary>
    public DateOnly? RebalanceDayInWeekOf(DateOnly day, TradingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var weekStart = WeekStart(day);
        var scheduled = weekStart.AddDays(DaysFromMonday(Weekday));
        var rolled = calendar.NextOrSame(scheduled);
        return rolled < weekStart.AddDays(7) ? rolled : null;
    }

    /// <summary>The Monday that starts the week holding <paramref name="day"/>.</summary>
    internal static DateOnly WeekStart(DateOnly day) => day.AddDays(-DaysFromMonday(day.DayOfWeek));

    private static int DaysFromMonday(DayOfWeek weekday) => ((int)weekday + 6) % 7;
}
