using Trading.Domain;
using Trading.Portfolio;

namespace Trading.Tests.Portfolio;

public class RebalanceScheduleTests
{
    private static readonly NyseCalendar Nyse = NyseCalendar.Instance;

    private static DateOnly[] Days(params string[] days) => days.Select(DateOnly.Parse).ToArray();

    private static DateOnly[] DatesOf(IRebalanceSchedule schedule, string from, string to) =>
        schedule.Dates(DateOnly.Parse(from), DateOnly.Parse(to), Nyse).ToArray();

    [Fact]
    public void Every_trading_day_skips_weekends_and_holidays() =>
        Assert.Equal(
            Days("2024-07-01", "2024-07-02", "2024-07-03", "2024-07-05", "2024-07-08"),
            DatesOf(new EveryTradingDaySchedule(), "2024-06-29", "2024-07-08"));

    [Fact]
    public void Weekly_wednesday_rolls_juneteenth_to_the_thursday()
    {
        Assert.Equal(
            Days("2024-06-05", "2024-06-12", "2024-06-20", "2024-06-26"),
            DatesOf(new WeeklySchedule(DayOfWeek.Wednesday), "2024-06-01", "2024-06-30"));
    }

    [Fact]
    public void Weekly_wednesday_keeps_an_early_close_wednesday()
    {
        Assert.Equal(
            Days("2024-07-03", "2024-07-10", "2024-07-17", "2024-07-24", "2024-07-31"),
            DatesOf(new WeeklySchedule(DayOfWeek.Wednesday), "2024-07-01", "2024-07-31"));
    }

    [Fact]
    public void Weekly_monday_rolls_new_year_and_martin_luther_king_day_to_the_tuesday()
    {
        Assert.Equal(
            Days("2024-01-02", "2024-01-08", "2024-01-16", "2024-01-22", "2024-01-29"),
            DatesOf(new WeeklySchedule(DayOfWeek.Monday), "2024-01-01", "2024-01-31"));
    }

    [Fact]
    public void Weekly_friday_skips_the_good_friday_week_rather_than_rebalancing_twice_the_next_week()
    {
        var dates = DatesOf(new WeeklySchedule(DayOfWeek.Friday), "2024-03-18", "2024-04-12");
        Assert.Equal(Days("2024-03-22", "2024-04-05", "2024-04-12"), dates);
        Assert.Equal(dates.Length, dates.Select(d => d.DayNumber / 7).Distinct().Count());
    }

    [Fact]
    public void Every_two_weeks_counts_from_the_anchor_and_rolls_holidays_within_the_week()
    {
        var schedule = new EveryNWeeksSchedule(2, DayOfWeek.Wednesday, new DateOnly(2024, 1, 3));
        Assert.Equal(Days("2024-01-03", "2024-01-17", "2024-01-31"), DatesOf(schedule, "2024-01-01", "2024-02-06"));
        Assert.Equal(Days("2024-06-05", "2024-06-20", "2024-07-03"), DatesOf(schedule, "2024-06-01", "2024-07-09"));
    }

    [Fact]
    public void Every_n_weeks_answers_the_same_whichever_day_a_run_starts()
    {
        var schedule = new EveryNWeeksSchedule(3, DayOfWeek.Tuesday, new DateOnly(2024, 1, 2));
        var fromJanuary = DatesOf(schedule, "2024-01-01", "2024-12-31");
        var fromMay = DatesOf(schedule, "2024-05-01", "2024-12-31");
        Assert.Equal(fromJanuary.Where(d => d >= new DateOnly(2024, 5, 1)), fromMay);
        Assert.All(fromJanuary.Zip(fromJanuary.Skip(1)), pair => Assert.Equal(21, pair.Second.DayNumber - pair.First.DayNumber));
    }

    [Fact]
    public void Every_n_weeks_starts_the_week_after_an_anchor_that_follows_the_weekday()
    {
        var schedule = new EveryNWeeksSchedule(2, DayOfWeek.Wednesday, new DateOnly(2024, 1, 4));
        Assert.Equal(Days("2024-01-10", "2024-01-24"), DatesOf(schedule, "2024-01-01", "2024-01-31"));
    }

    [Fact]
    public void Every_one_week_is_the_weekly_schedule_from_the_anchor_on()
    {
        var everyWeek = new EveryNWeeksSchedule(1, DayOfWeek.Wednesday, new DateOnly(2024, 1, 1));
        var weekly = new WeeklySchedule(DayOfWeek.Wednesday);
        Assert.Equal(DatesOf(weekly, "2024-01-01", "2025-12-31"), DatesOf(everyWeek, "2023-06-01", "2025-12-31"));
    }

    [Fact]
    public void First_trading_day_of_the_month_steps_over_holidays_and_weekends() =>
        Assert.Equal(
            Days("2024-01-02", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-03", "2024-07-01",
                "2024-08-01", "2024-09-03", "2024-10-01", "2024-11-01", "2024-12-02"),
            DatesOf(new FirstTradingDayOfMonthSchedule(), "2024-01-01", "2024-12-31"));

    [Fact]
    public void Last_trading_day_of_the_month_steps_back_over_good_friday() =>
        Assert.Equal(
            Days("2024-01-31", "2024-02-29", "2024-03-28", "2024-04-30", "2024-05-31", "2024-06-28", "2024-07-31",
                "2024-08-30", "2024-09-30", "2024-10-31", "2024-11-29", "2024-12-31"),
            DatesOf(new LastTradingDayOfMonthSchedule(), "2024-01-01", "2024-12-31"));

    [Fact]
    public void No_schedule_rebalances_on_a_closed_day()
    {
        IRebalanceSchedule[] schedules =
        [
            new EveryTradingDaySchedule(),
            new WeeklySchedule(DayOfWeek.Wednesday),
            new EveryNWeeksSchedule(2, DayOfWeek.Thursday, new DateOnly(2024, 1, 1)),
            new FirstTradingDayOfMonthSchedule(),
            new LastTradingDayOfMonthSchedule(),
        ];
        var closed = new[] { new DateOnly(2024, 6, 19), new DateOnly(2024, 3, 29), new DateOnly(2024, 6, 1), new DateOnly(2024, 3, 31) };
        Assert.All(schedules, s => Assert.All(closed, day => Assert.False(s.IsRebalanceDay(day, Nyse))));
    }

    [Theory]
    [InlineData(DayOfWeek.Saturday)]
    [InlineData(DayOfWeek.Sunday)]
    public void Weekly_schedules_refuse_weekend_days(DayOfWeek weekday)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WeeklySchedule(weekday));
        Assert.Contains("Monday to Friday", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Every_n_weeks_refuses_fewer_than_one_week(int weeks)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new EveryNWeeksSchedule(weeks, DayOfWeek.Wednesday, new DateOnly(2024, 1, 3)));
        Assert.Contains("at least 1", error.Message, StringComparison.Ordinal);
    }
}
