using System.Diagnostics.CodeAnalysis;

namespace Trading.Domain;

/// <summary>An exchange's sessions: which dates trade, when each session opens and closes, in exchange time.</summary>
/// <remarks>
/// A subclass supplies only the rules (weekend, holidays, early closes, regular hours, time zone); navigation
/// between trading days is written once here so every exchange answers "next trading day" the same way.
/// </remarks>
public abstract class TradingCalendar
{
    /// <summary>The exchange's local time zone; session times are wall-clock times in this zone.</summary>
    public abstract TimeZoneInfo TimeZone { get; }

    /// <summary>When a regular session opens, exchange time.</summary>
    public abstract TimeOnly RegularOpen { get; }

    /// <summary>When a full-length session closes, exchange time.</summary>
    public abstract TimeOnly RegularClose { get; }

    /// <summary>The name of the holiday or special closure on a weekday the exchange is shut, otherwise null.</summary>
    /// <remarks>Weekends are not holidays: a Saturday New Year's Day returns null, because nothing closes for it.</remarks>
    public abstract string? HolidayName(DateOnly day);

    /// <summary>The early closing time when the session is shortened (13:00 at NYSE), otherwise null.</summary>
    /// <remarks>Null as well on days that do not trade, so a caller never sees a close time for a shut market.</remarks>
    public abstract TimeOnly? EarlyClose(DateOnly day);

    /// <summary>True for the days the exchange never trades, whatever the holidays.</summary>
    public virtual bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>True when the exchange is shut on a weekday for a holiday or a special closure.</summary>
    public bool IsHoliday(DateOnly day) => HolidayName(day) is not null;

    /// <summary>True when the exchange is shut on a weekday; <paramref name="name"/> says why.</summary>
    public bool IsHoliday(DateOnly day, [NotNullWhen(true)] out string? name)
    {
        name = HolidayName(day);
        return name is not null;
    }

    public bool IsTradingDay(DateOnly day) => !IsWeekend(day) && !IsHoliday(day);

    /// <summary>The first trading day strictly after <paramref name="day"/>.</summary>
    public DateOnly NextTradingDay(DateOnly day) => NextOrSame(day.AddDays(1));

    /// <summary>The last trading day strictly before <paramref name="day"/>.</summary>
    public DateOnly PreviousTradingDay(DateOnly day) => PreviousOrSame(day.AddDays(-1));

    /// <summary><paramref name="day"/> itself when it trades, otherwise the next trading day.</summary>
    public DateOnly NextOrSame(DateOnly day)
    {
        while (!IsTradingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary><paramref name="day"/> itself when it trades, otherwise the trading day before it.</summary>
    public DateOnly PreviousOrSame(DateOnly day)
    {
        while (!IsTradingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>Every trading day from <paramref name="from"/> to <paramref name="to"/>, both included, in order.</summary>
    public IEnumerable<DateOnly> TradingDays(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException(
                $"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}); 'to' must be on or after 'from'.",
                nameof(to));
        }

        return Enumerate(from, to);
    }

    /// <summary>How many trading days lie from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int CountTradingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        foreach (var _ in TradingDays(from, to))
        {
            count++;
        }

        return count;
    }

    /// <summary>When the session on <paramref name="day"/> closes, exchange time: early on early-close days.</summary>
    public TimeOnly SessionClose(DateOnly day)
    {
        RequireTradingDay(day);
        return EarlyClose(day) ?? RegularClose;
    }

    /// <summary>When the session on <paramref name="day"/> opens, exchange time.</summary>
    public TimeOnly SessionOpen(DateOnly day)
    {
        RequireTradingDay(day);
        return RegularOpen;
    }

    /// <summary>The session's opening instant in UTC (its offset follows daylight saving on that date).</summary>
    public DateTime SessionOpenUtc(DateOnly day) => ToUtc(day, SessionOpen(day));

    /// <summary>The session's closing instant in UTC, early closes included.</summary>
    public DateTime SessionCloseUtc(DateOnly day) => ToUtc(day, SessionClose(day));

    /// <summary>The trading day a UTC instant belongs to: the exchange-local date while its session has not closed
    /// (before the open included), otherwise the next trading day. A weekend or holiday belongs to the next session.</summary>
    /// <remarks>A session's close itself still belongs to it: a step run on the closing bar sees the session it closes.
    /// <paramref name="utc"/> is taken as UTC whatever its <see cref="DateTime.Kind"/>, as every time in the engine is.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The calendar cannot answer for that date (before its rules hold,
    /// or with no trading day after it).</exception>
    public DateOnly SessionOf(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
        var day = DateOnly.FromDateTime(local);
        if (!IsTradingDay(day))
        {
            return NextOrSame(day);
        }

        return TimeOnly.FromDateTime(local) <= SessionClose(day) ? day : NextTradingDay(day);
    }

    private DateTime ToUtc(DateOnly day, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), TimeZone);

    private void RequireTradingDay(DateOnly day)
    {
        if (IsWeekend(day))
        {
            throw new ArgumentException($"{day:yyyy-MM-dd} is a {day.DayOfWeek}; there is no session.", nameof(day));
        }

        if (IsHoliday(day, out var name))
        {
            throw new ArgumentException($"{day:yyyy-MM-dd} is a holiday ({name}); there is no session.", nameof(day));
        }
    }

    private IEnumerable<DateOnly> Enumerate(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (IsTradingDay(day))
            {
                yield return day;
            }

            if (day == DateOnly.MaxValue)
            {
                yield break;
            }
        }
    }
}
