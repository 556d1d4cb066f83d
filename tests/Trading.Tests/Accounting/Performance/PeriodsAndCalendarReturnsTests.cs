using Trading.Accounting;
using static Trading.Tests.Accounting.Performance.Curves;

namespace Trading.Tests.Accounting.Performance;

public class PeriodsAndCalendarReturnsTests
{
    private static EquityPoint[] Spaced(DateTime start, Func<DateTime, DateTime> next, int count)
    {
        var points = new EquityPoint[count];
        var time = start;
        for (var i = 0; i < count; i++)
        {
            points[i] = At(time, 100 + i);
            time = next(time);
        }

        return points;
    }

    private static DateTime NextTradingDay(DateTime day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        return day;
    }

    [Fact]
    public void Trading_days_with_weekends_skipped_are_252_a_year() =>
        Assert.Equal(252, PerformanceMetrics.InferPeriodsPerYear(Spaced(Start, NextTradingDay, 60)));

    [Fact]
    public void Weekly_points_are_52_a_year() =>
        Assert.Equal(52, PerformanceMetrics.InferPeriodsPerYear(Spaced(Start, t => t.AddDays(7), 30)));

    [Fact]
    public void Monthly_points_are_12_a_year() =>
        Assert.Equal(12, PerformanceMetrics.InferPeriodsPerYear(Spaced(Start, t => t.AddMonths(1), 24)));

    [Fact]
    public void Five_minute_bars_of_a_six_and_a_half_hour_session_are_252_times_78()
    {
        // 14:30 to 20:55 UTC is 78 five-minute bars; five sessions.
        var points = new List<EquityPoint>();
        for (var day = 0; day < 5; day++)
        {
            var open = new DateTime(2024, 3, 4, 14, 30, 0, DateTimeKind.Utc).AddDays(day);
            for (var bar = 0; bar < 78; bar++)
            {
                points.Add(At(open.AddMinutes(5 * bar), 100));
            }
        }

        Assert.Equal(252 * 78, PerformanceMetrics.InferPeriodsPerYear(points));
    }

    [Fact]
    public void Fewer_than_two_points_default_to_252() =>
        Assert.Equal(252, PerformanceMetrics.InferPeriodsPerYear([At(Start, 100)]));

    [Fact]
    public void Inferred_periods_are_used_when_none_are_given()
    {
        // Weekly points: annual volatility uses sqrt(52).
        var weekly = Spaced(Start, t => t.AddDays(7), 3);
        weekly[1] = weekly[1] with { Equity = 110 };
        weekly[2] = weekly[2] with { Equity = 99 };

        // returns +10%, -10%: mean 0, stdev sqrt((0.01 + 0.01) / 1) = sqrt(0.02)
        var m = Metrics(weekly, periodsPerYear: null);
        Assert.Equal(Math.Sqrt(0.02) * Math.Sqrt(52), m.AnnualVolatility, 10);
    }

    [Fact]
    public void Monthly_returns_compound_from_the_last_point_of_the_month_before()
    {
        // Jan 31: 100 (the start), Feb 15: 110, Feb 29: 121, Mar 31: 108.9, Jan 31 next year: 130.68.
        EquityPoint[] curve =
        [
            At(new DateTime(2024, 1, 31, 0, 0, 0, DateTimeKind.Utc), 100),
            At(new DateTime(2024, 2, 15, 0, 0, 0, DateTimeKind.Utc), 110),
            At(new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), 121),
            At(new DateTime(2024, 3, 31, 0, 0, 0, DateTimeKind.Utc), 108.9),
            At(new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc), 130.68),
        ];

        var monthly = PerformanceMetrics.MonthlyReturns(curve);
        var yearly = PerformanceMetrics.YearlyReturns(curve);

        // Feb: 121 / 100 - 1 = 0.21; Mar: 108.9 / 121 - 1 = -0.1; Jan 2025: 130.68 / 108.9 - 1 = 0.2
        Assert.Equal([(2024, 2), (2024, 3), (2025, 1)], monthly.Select(r => (r.Year, r.Month)));
        Assert.Equal(0.21, monthly[0].Return, 10);
        Assert.Equal(-0.1, monthly[1].Return, 10);
        Assert.Equal(0.2, monthly[2].Return, 10);

        // 2024: 108.9 / 100 - 1 = 0.089 = 1.21 * 0.9 - 1; 2025: 0.2
        Assert.Equal([2024, 2025], yearly.Select(r => r.Year));
        Assert.Equal(0.089, yearly[0].Return, 10);
        Assert.Equal(0.2, yearly[1].Return, 10);
    }
}
