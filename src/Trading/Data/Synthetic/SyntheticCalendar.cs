namespace Trading.Data.Synthetic;

/// <summary>
/// The sessions of the synthetic exchange: weekdays, closed on New Year's Day, Independence Day and Christmas.
/// </summary>
/// <remarks>
/// Deliberately smaller than the NYSE calendar (no Good Friday, Thanksgiving, ...): the synthetic market only needs
/// a believable rhythm of weekends and a few closed weekdays, and a short rule set is easy to check by hand. Holidays
/// follow the NYSE observance rule: one falling on a Saturday closes the Friday before, on a Sunday the Monday after,
/// except that a Saturday New Year's Day closes nothing (the exchange does not close on the last day of the year).
/// </remarks>
internal static class SyntheticCalendar
{
    public static bool IsTradingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    public static bool IsHoliday(DateOnly date) =>
        IsObserved(date, 1, 1) || IsObserved(date, 7, 4) || IsObserved(date, 12, 25);

    /// <summary>The trading days from <paramref name="from"/> to <paramref name="to"/>, both inclusive, in order.</summary>
    public static DateOnly[] TradingDays(DateOnly from, DateOnly to)
    {
        var days = new DateOnly[Count(from, to)];
        var n = 0;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (IsTradingDay(date))
            {
                days[n++] = date;
            }
        }

        return days;
    }

    public static int Count(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (IsTradingDay(date))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>True when <paramref name="date"/> is the weekday on which the holiday of <paramref name="month"/>/<paramref name="day"/> is observed.</summary>
    private static bool IsObserved(DateOnly date, int month, int day)
    {
        if (date.Month == month && date.Day == day)
        {
            return true;
        }

        // Saturday holiday: closed the Friday before; New Year is the exception (see remarks).
        var tomorrow = date.AddDays(1);
        if (date.DayOfWeek == DayOfWeek.Friday && tomorrow.Month == month && tomorrow.Day == day)
        {
            return month != 1;
        }

        // Sunday holiday: closed the Monday after.
        var yesterday = date.AddDays(-1);
        return date.DayOfWeek == DayOfWeek.Monday && yesterday.Month == month && yesterday.Day == day;
    }
}
