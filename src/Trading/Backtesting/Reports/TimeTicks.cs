using System.Globalization;

namespace Trading.Backtesting.Reports;

/// <summary>Round calendar times for a time axis (year starts, month starts, Mondays, whole hours) no closer than
/// the span allows for a readable number of labels, and the label format that suits them.</summary>
internal static class TimeTicks
{
    private enum Unit
    {
        Minute,
        Hour,
        Day,
        Month,
        Year,
    }

    private static readonly (Unit Unit, int Count, double ApproxDays)[] Steps =
    [
        (Unit.Minute, 5, 5.0 / 1440), (Unit.Minute, 15, 15.0 / 1440), (Unit.Minute, 30, 30.0 / 1440),
        (Unit.Hour, 1, 1.0 / 24), (Unit.Hour, 2, 2.0 / 24), (Unit.Hour, 6, 6.0 / 24), (Unit.Hour, 12, 0.5),
        (Unit.Day, 1, 1), (Unit.Day, 2, 2), (Unit.Day, 7, 7), (Unit.Day, 14, 14),
        (Unit.Month, 1, 30.4), (Unit.Month, 2, 60.9), (Unit.Month, 3, 91.3), (Unit.Month, 6, 182.6),
        (Unit.Year, 1, 365.25), (Unit.Year, 2, 730.5), (Unit.Year, 5, 1826), (Unit.Year, 10, 3652), (Unit.Year, 25, 9131),
        (Unit.Year, 50, 18262), (Unit.Year, 100, 36525),
    ];

    /// <summary>Ticks from <paramref name="from"/> to <paramref name="to"/>, at most about
    /// <paramref name="maxTicks"/> of them, each with its label.</summary>
    public static List<(DateTime Time, string Label)> Between(DateTime from, DateTime to, int maxTicks)
    {
        var span = (to - from).TotalDays;
        var step = Steps[^1];
        foreach (var candidate in Steps)
        {
            if (candidate.ApproxDays * maxTicks >= span)
            {
                step = candidate;
                break;
            }
        }

        var format = step.Unit switch
        {
            Unit.Year => "yyyy",
            Unit.Month => "MMM yyyy",
            Unit.Day => span > 300 ? "d MMM yyyy" : "d MMM",
            _ => span >= 1 ? "d MMM HH:mm" : "HH:mm",
        };

        var ticks = new List<(DateTime, string)>();
        for (var t = Floor(from, step.Unit, step.Count); t <= to; t = Advance(t, step.Unit, step.Count))
        {
            if (t >= from)
            {
                ticks.Add((t, t.ToString(format, CultureInfo.InvariantCulture)));
            }
        }

        return ticks;
    }

    private static DateTime Floor(DateTime t, Unit unit, int count) => unit switch
    {
        Unit.Year => new DateTime(Math.Max(1, t.Year - (t.Year % count)), 1, 1, 0, 0, 0, t.Kind),
        Unit.Month => new DateTime(t.Year, t.Month - ((t.Month - 1) % count), 1, 0, 0, 0, t.Kind),
        Unit.Day when count == 7 || count == 14 => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7)),
        Unit.Day => t.Date,
        Unit.Hour => t.Date.AddHours(t.Hour - (t.Hour % count)),
        _ => t.Date.AddHours(t.Hour).AddMinutes(t.Minute - (t.Minute % count)),
    };

    private static DateTime Advance(DateTime t, Unit unit, int count) => unit switch
    {
        Unit.Year => t.AddYears(count),
        Unit.Month => t.AddMonths(count),
        Unit.Day => t.AddDays(count),
        Unit.Hour => t.AddHours(count),
        _ => t.AddMinutes(count),
    };
}
