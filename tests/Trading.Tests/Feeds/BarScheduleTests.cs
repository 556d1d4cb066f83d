using Trading.Domain;
using Trading.Feeds;

namespace Trading.Tests.Feeds;

public sealed class BarScheduleTests
{
    private static readonly BarSchedule Daily = new(NyseCalendar.Instance, Interval.Daily);
    private static readonly BarSchedule Minutes = new(NyseCalendar.Instance, Interval.OneMinute);
    private static readonly BarSchedule Hours = new(NyseCalendar.Instance, Interval.OneHour);

    private static DateTime Day(int month, int day, int year = 2024) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime Utc(int month, int day, int hour, int minute, int year = 2024) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void A_daily_bar_is_complete_at_its_sessions_close_in_UTC_winter_and_summer()
    {
        Assert.Equal(Utc(11, 26, 21, 0), Daily.CompleteAt(Day(11, 26)));
        Assert.Equal(Utc(6, 11, 20, 0), Daily.CompleteAt(Day(6, 11)));
    }

    [Fact]
    public void A_daily_bar_on_an_early_close_is_complete_at_13_New_York()
    {
        Assert.Equal(Utc(11, 29, 18, 0), Daily.CompleteAt(Day(11, 29)));
        Assert.Equal(Utc(7, 3, 17, 0), Daily.CompleteAt(Day(7, 3)));
    }

    [Fact]
    public void An_intraday_bar_is_complete_when_its_period_ends_or_the_session_closes_if_that_is_first()
    {
        Assert.Equal(Utc(3, 15, 13, 31), Minutes.CompleteAt(Utc(3, 15, 13, 30)));
        Assert.Equal(Utc(3, 15, 20, 0), Hours.CompleteAt(Utc(3, 15, 19, 30)));
        Assert.Equal(Utc(11, 29, 18, 0), Hours.CompleteAt(Utc(11, 29, 17, 30)));
    }

    [Fact]
    public void The_next_daily_bar_skips_weekends_and_holidays()
    {
        Assert.Equal(Day(11, 29), Daily.NextAfter(Day(11, 27)));
        Assert.Equal(Day(12, 2), Daily.NextAfter(Day(11, 29)));
        Assert.Equal(Day(11, 29), Daily.NextAfter(Day(11, 28)));
    }

    [Fact]
    public void Intraday_bars_lie_on_a_grid_from_the_open_and_the_next_after_the_last_is_the_next_sessions_open()
    {
        Assert.Equal(Utc(3, 15, 13, 30), Minutes.NextAfter(Utc(3, 15, 4, 0)));
        Assert.Equal(Utc(3, 15, 13, 31), Minutes.NextAfter(Utc(3, 15, 13, 30)));
        Assert.Equal(Utc(3, 18, 13, 30), Minutes.NextAfter(Utc(3, 15, 19, 59)));
        Assert.Equal(Utc(11, 29, 15, 30), Hours.NextAfter(Utc(11, 29, 14, 30)));
        Assert.Equal(Utc(12, 2, 14, 30), Hours.NextAfter(Utc(11, 29, 17, 30)));
    }

    [Fact]
    public void The_latest_complete_daily_bar_is_yesterdays_until_todays_close()
    {
        Assert.Equal(Day(11, 25), Daily.LatestCompleteAt(Utc(11, 26, 20, 59)));
        Assert.Equal(Day(11, 26), Daily.LatestCompleteAt(Utc(11, 26, 21, 0)));
        Assert.Equal(Day(11, 27), Daily.LatestCompleteAt(Utc(11, 29, 17, 59)));
        Assert.Equal(Day(11, 29), Daily.LatestCompleteAt(Utc(11, 30, 12, 0)));
    }

    [Fact]
    public void The_latest_complete_intraday_bar_ends_at_or_before_now_and_before_the_open_it_is_the_last_of_the_previous_session()
    {
        Assert.Equal(Utc(3, 15, 13, 30), Minutes.LatestCompleteAt(Utc(3, 15, 13, 31)));
        Assert.Equal(Utc(3, 15, 13, 30), Minutes.LatestCompleteAt(Utc(3, 15, 13, 31).AddSeconds(59)));
        Assert.Equal(Utc(3, 14, 19, 59), Minutes.LatestCompleteAt(Utc(3, 15, 13, 30).AddSeconds(59)));
        Assert.Equal(Utc(3, 15, 19, 30), Hours.LatestCompleteAt(Utc(3, 15, 20, 0)));
        Assert.Equal(Utc(11, 29, 17, 30), Hours.LatestCompleteAt(Utc(11, 30, 12, 0)));
    }

    [Fact]
    public void Between_lists_the_expected_times_strictly_inside_and_none_overnight()
    {
        Assert.Equal([Day(11, 26), Day(11, 27), Day(11, 29)], Daily.Between(Day(11, 25), Day(12, 2)));
        Assert.Equal([Utc(3, 15, 13, 32), Utc(3, 15, 13, 33)], Minutes.Between(Utc(3, 15, 13, 31), Utc(3, 15, 13, 34)));
        Assert.Empty(Minutes.Between(Utc(3, 15, 19, 59), Utc(3, 18, 13, 30)));
    }

    [Fact]
    public void Weekly_bars_have_no_schedule()
    {
        var refused = Assert.Throws<ArgumentException>(() => new BarSchedule(NyseCalendar.Instance, Interval.Weekly));
        Assert.Contains("1wk", refused.Message, StringComparison.Ordinal);
    }
}
