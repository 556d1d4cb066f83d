using Trading.Domain;

namespace Trading.Feeds;

/// <summary>The bar times an exchange's calendar expects at one interval, and when each bar is complete.</summary>
/// <remarks>
/// Times follow the bars' stamps: a daily bar is the session date at 00:00 UTC and is complete at that session's close
/// (13:00 New York on an early close); an intraday bar is its UTC start, bars lie on a grid from the session's open
/// (09:30, 09:31, ... or 09:30, 10:30, ... for hours), and one is complete when its period ends or the session closes,
/// whichever is first (the 15:30 hour bar at 16:00). Weekly and monthly bars have no schedule here.
/// </remarks>
public sealed class BarSchedule
{
    private readonly TradingCalendar _calendar;
    private readonly TimeSpan _length;

    public BarSchedule(TradingCalendar calendar, Interval interval)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!interval.IsIntraday && interval != Interval.Daily)
        {
            throw new ArgumentException(
                $"Bars of {interval} have no session schedule; intraday intervals (1m to 1h) and 1d do.", nameof(interval));
        }

        _calendar = calendar;
        Interval = interval;
        _length = interval.NominalLength;
    }

    public Interval Interval { get; }

    /// <summary>When the bar stamped <paramref name="barTime"/> is complete: its session's close for a daily bar, the
    /// end of its period (or the session's close, if earlier) for an intraday one.</summary>
    public DateTime CompleteAt(DateTime barTime)
    {
        if (!Interval.IsIntraday)
        {
            var day = DateOnly.FromDateTime(barTime);
            return _calendar.IsTradingDay(day) ? _calendar.SessionCloseUtc(day) : ExchangeTimeToUtc(day, _calendar.RegularClose);
        }

        var end = barTime + _length;
        var date = LocalDate(barTime);
        if (_calendar.IsTradingDay(date))
        {
            var close = _calendar.SessionCloseUtc(date);
            if (barTime < close && end > close)
            {
                return close;
            }
        }

        return end;
    }

    /// <summary>The first expected bar time strictly after <paramref name="time"/>.</summary>
    public DateTime NextAfter(DateTime time)
    {
        if (!Interval.IsIntraday)
        {
            return Midnight(_calendar.NextTradingDay(DateOnly.FromDateTime(time)));
        }

        var day = LocalDate(time);
        if (_calendar.IsTradingDay(day))
        {
            var open = _calendar.SessionOpenUtc(day);
            if (time < open)
            {
                return open;
            }

            var next = open + (_length * (((time - open).Ticks / _length.Ticks) + 1));
            if (next < _calendar.SessionCloseUtc(day))
            {
                return next;
            }
        }

        return _calendar.SessionOpenUtc(_calendar.NextTradingDay(day));
    }

    /// <summary>The last expected bar time whose bar is complete at <paramref name="now"/>.</summary>
    public DateTime LatestCompleteAt(DateTime now)
    {
        var day = LocalDate(now);
        if (!Interval.IsIntraday)
        {
            return Midnight(_calendar.IsTradingDay(day) && _calendar.SessionCloseUtc(day) <= now ? day : _calendar.PreviousTradingDay(day));
        }

        if (_calendar.IsTradingDay(day))
        {
            var open = _calendar.SessionOpenUtc(day);
            if (now >= _calendar.SessionCloseUtc(day))
            {
                return LastBarOf(day);
            }

            if (now - open >= _length)
            {
                return open + (_length * ((now - open - _length).Ticks / _length.Ticks));
            }
        }

        return LastBarOf(_calendar.PreviousTradingDay(day));
    }

    /// <summary>The expected bar times strictly between <paramref name="after"/> and <paramref name="before"/>, in order.</summary>
    public IEnumerable<DateTime> Between(DateTime after, DateTime before)
    {
        for (var time = NextAfter(after); time < before; time = NextAfter(time))
        {
            yield return time;
        }
    }

    private DateTime LastBarOf(DateOnly day)
    {
        var open = _calendar.SessionOpenUtc(day);
        var close = _calendar.SessionCloseUtc(day);
        return open + (_length * (((close - open).Ticks - 1) / _length.Ticks));
    }

    private DateOnly LocalDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _calendar.TimeZone));

    private DateTime ExchangeTimeToUtc(DateOnly day, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), _calendar.TimeZone);

    private static DateTime Midnight(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
