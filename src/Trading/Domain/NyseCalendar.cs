using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Trading.Domain;

/// <summary>The New York Stock Exchange: 09:30-16:00 America/New_York, holidays by rule, 13:00 early closes.</summary>
/// <remarks>
/// Holidays are computed from the rules NYSE applies rather than listed, so the calendar needs no yearly update.
/// The rules hold from 1998 (when Martin Luther King Jr. Day joined); earlier dates are refused rather than answered
/// wrongly (election days, Lincoln's Birthday and older closures are not modelled). Early closes follow the practice
/// of recent decades; a few irregular early closes before 2010 are not modelled.
/// </remarks>
public sealed class NyseCalendar : TradingCalendar
{
    /// <summary>The first year whose holidays these rules reproduce.</summary>
    public const int FirstSupportedYear = 1998;

    private static readonly TimeOnly EarlyCloseTime = new(13, 0);

    // Closures no rule predicts (attacks, storms, national days of mourning) can only be listed. The list is short
    // and only grows when something unforeseen happens, unlike the holidays, which are all computed.
    private static readonly FrozenDictionary<DateOnly, string> SpecialClosures = new Dictionary<DateOnly, string>
    {
        [new(2001, 9, 11)] = "September 11 attacks",
        [new(2001, 9, 12)] = "September 11 attacks",
        [new(2001, 9, 13)] = "September 11 attacks",
        [new(2001, 9, 14)] = "September 11 attacks",
        [new(2004, 6, 11)] = "National Day of Mourning for Ronald Reagan",
        [new(2007, 1, 2)] = "National Day of Mourning for Gerald Ford",
        [new(2012, 10, 29)] = "Hurricane Sandy",
        [new(2012, 10, 30)] = "Hurricane Sandy",
        [new(2018, 12, 5)] = "National Day of Mourning for George H. W. Bush",
        [new(2025, 1, 9)] = "National Day of Mourning for Jimmy Carter",
    }.ToFrozenDictionary();

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // A year's holidays are computed once and shared: schedules ask about the same days over and over.
    private readonly ConcurrentDictionary<int, FrozenDictionary<DateOnly, string>> _holidaysByYear = new();

    /// <summary>One shared instance; the calendar holds no state beyond a cache of computed years.</summary>
    public static NyseCalendar Instance { get; } = new();

    public override TimeZoneInfo TimeZone => NewYork;

    public override TimeOnly RegularOpen { get; } = new(9, 30);

    public override TimeOnly RegularClose { get; } = new(16, 0);

    public override string? HolidayName(DateOnly day)
    {
        RequireSupported(day);
        return HolidaysOf(day.Year).GetValueOrDefault(day);
    }

    public override TimeOnly? EarlyClose(DateOnly day)
    {
        if (!IsTradingDay(day))
        {
            return null;
        }

        var earlyClose = (day.Month, day.Day) switch
        {
            (7, 3) => true,
            (12, 24) => true,
            (11, _) => day == Thanksgiving(day.Year).AddDays(1),
            _ => false,
        };
        return earlyClose ? EarlyCloseTime : null;
    }

    /// <summary>The holidays and special closures of <paramref name="year"/> that fall on weekdays, by date.</summary>
    public IReadOnlyDictionary<DateOnly, string> Holidays(int year)
    {
        RequireSupported(new DateOnly(year, 1, 1));
        return HolidaysOf(year);
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian, or Meeus/Jones/Butcher, algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private FrozenDictionary<DateOnly, string> HolidaysOf(int year) => _holidaysByYear.GetOrAdd(year, Compute);

    private static FrozenDictionary<DateOnly, string> Compute(int year)
    {
        var holidays = new Dictionary<DateOnly, string>();

        // NYSE Rule 7.2: a Saturday holiday closes the Friday before, a Sunday one the Monday after, unless that Friday
        // ends a yearly accounting period, so a Saturday New Year's Day is not observed at all.
        var newYear = new DateOnly(year, 1, 1);
        if (newYear.DayOfWeek != DayOfWeek.Saturday)
        {
            holidays[SundayToMonday(newYear)] = "New Year's Day";
        }

        holidays[NthWeekday(year, 1, DayOfWeek.Monday, 3)] = "Martin Luther King Jr. Day";
        holidays[NthWeekday(year, 2, DayOfWeek.Monday, 3)] = "Washington's Birthday";
        holidays[EasterSunday(year).AddDays(-2)] = "Good Friday";
        holidays[LastWeekday(year, 5, DayOfWeek.Monday)] = "Memorial Day";
        if (year >= 2022)
        {
            // Juneteenth became a federal holiday in 2021, too late for NYSE to close that year.
            holidays[Observed(new DateOnly(year, 6, 19))] = "Juneteenth National Independence Day";
        }

        holidays[Observed(new DateOnly(year, 7, 4))] = "Independence Day";
        holidays[NthWeekday(year, 9, DayOfWeek.Monday, 1)] = "Labor Day";
        holidays[Thanksgiving(year)] = "Thanksgiving Day";
        holidays[Observed(new DateOnly(year, 12, 25))] = "Christmas Day";

        foreach (var (day, name) in SpecialClosures)
        {
            if (day.Year == year)
            {
                holidays[day] = name;
            }
        }

        return holidays.ToFrozenDictionary();
    }

    private static DateOnly Thanksgiving(int year) => NthWeekday(year, 11, DayOfWeek.Thursday, 4);

    private static DateOnly Observed(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly SundayToMonday(DateOnly day) => day.DayOfWeek == DayOfWeek.Sunday ? day.AddDays(1) : day;

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-offset);
    }

    private static void RequireSupported(DateOnly day)
    {
        if (day.Year < FirstSupportedYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(day),
                day,
                $"NYSE holidays are modelled from {FirstSupportedYear}; {day:yyyy-MM-dd} is earlier.");
        }
    }
}
