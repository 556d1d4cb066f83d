using Trading.Domain;

namespace Trading.Tests.Domain;

public class NyseCalendarTests
{
    private static readonly NyseCalendar Nyse = NyseCalendar.Instance;

    // Written by hand from NYSE's published holiday lists, not derived from the rules under test.
    public static TheoryData<int, string[]> PublishedHolidays => new()
    {
        {
            2023,
            ["2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19", "2023-07-04",
                "2023-09-04", "2023-11-23", "2023-12-25"]
        },
        {
            2024,
            ["2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19", "2024-07-04",
                "2024-09-02", "2024-11-28", "2024-12-25"]
        },
        {
            2025,
            ["2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19",
                "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"]
        },
    };

    [Theory]
    [MemberData(nameof(PublishedHolidays))]
    public void Holidays_match_the_exchanges_published_list(int year, string[] published)
    {
        var expected = published.Select(DateOnly.Parse).ToArray();
        var computed = Nyse.Holidays(year).Keys.Order().ToArray();
        Assert.Equal(expected, computed);

        foreach (var day in expected)
        {
            Assert.True(Nyse.IsHoliday(day));
            Assert.False(Nyse.IsTradingDay(day));
        }
    }

    [Theory]
    [InlineData(2023, new[] { "2023-07-03", "2023-11-24" })]
    [InlineData(2024, new[] { "2024-07-03", "2024-11-29", "2024-12-24" })]
    [InlineData(2025, new[] { "2025-07-03", "2025-11-28", "2025-12-24" })]
    public void Early_closes_at_one_match_the_published_list(int year, string[] published)
    {
        var expected = published.Select(DateOnly.Parse).ToArray();
        var computed = Nyse.TradingDays(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))
            .Where(day => Nyse.EarlyClose(day) is not null)
            .ToArray();
        Assert.Equal(expected, computed);
        Assert.All(computed, day => Assert.Equal(new TimeOnly(13, 0), Nyse.EarlyClose(day)));
    }

    [Theory]
    [InlineData(2023, 250)]
    [InlineData(2024, 252)]
    [InlineData(2025, 250)]
    [InlineData(2022, 251)]
    [InlineData(2021, 252)]
    [InlineData(2020, 253)]
    [InlineData(2018, 251)]
    [InlineData(2012, 250)]
    [InlineData(2001, 248)]
    public void Trading_days_per_year_match_the_exchange(int year, int expected) =>
        Assert.Equal(expected, Nyse.CountTradingDays(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)));

    [Fact]
    public void Holidays_carry_their_names()
    {
        Assert.True(Nyse.IsHoliday(new DateOnly(2024, 3, 29), out var goodFriday));
        Assert.Equal("Good Friday", goodFriday);
        Assert.Equal("New Year's Day", Nyse.HolidayName(new DateOnly(2023, 1, 2)));
        Assert.Equal("National Day of Mourning for Jimmy Carter", Nyse.HolidayName(new DateOnly(2025, 1, 9)));
        Assert.False(Nyse.IsHoliday(new DateOnly(2024, 3, 28), out var none));
        Assert.Null(none);
    }

    [Fact]
    public void A_saturday_new_years_day_is_not_observed_on_the_friday_before()
    {
        Assert.Equal(DayOfWeek.Saturday, new DateOnly(2022, 1, 1).DayOfWeek);
        Assert.True(Nyse.IsTradingDay(new DateOnly(2021, 12, 31)));
        Assert.False(Nyse.IsHoliday(new DateOnly(2022, 1, 1)));
        Assert.True(Nyse.IsTradingDay(new DateOnly(2022, 1, 3)));
    }

    [Fact]
    public void A_sunday_new_years_day_closes_the_monday_after()
    {
        Assert.Equal(DayOfWeek.Sunday, new DateOnly(2023, 1, 1).DayOfWeek);
        Assert.True(Nyse.IsHoliday(new DateOnly(2023, 1, 2)));
    }

    [Fact]
    public void Juneteenth_closes_the_exchange_from_2022_observed_on_the_monday_when_on_a_sunday()
    {
        Assert.True(Nyse.IsTradingDay(new DateOnly(2021, 6, 18)));
        Assert.False(Nyse.IsHoliday(new DateOnly(2021, 6, 18)));
        Assert.True(Nyse.IsHoliday(new DateOnly(2022, 6, 20)));
        Assert.True(Nyse.IsTradingDay(new DateOnly(2022, 6, 17)));
    }

    [Fact]
    public void A_saturday_independence_day_closes_the_friday_before_with_no_early_close()
    {
        // 2026-07-04 is a Saturday: Friday 3 July is the holiday, Thursday 2 July a full session.
        Assert.Equal("Independence Day", Nyse.HolidayName(new DateOnly(2026, 7, 3)));
        Assert.Null(Nyse.EarlyClose(new DateOnly(2026, 7, 3)));
        Assert.Null(Nyse.EarlyClose(new DateOnly(2026, 7, 2)));
    }

    [Fact]
    public void A_saturday_christmas_closes_the_friday_before()
    {
        // 2021-12-25 was a Saturday.
        Assert.Equal("Christmas Day", Nyse.HolidayName(new DateOnly(2021, 12, 24)));
        Assert.Null(Nyse.EarlyClose(new DateOnly(2021, 12, 24)));
    }

    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_follows_the_gregorian_computus(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), NyseCalendar.EasterSunday(year));

    [Theory]
    [InlineData("2001-09-11")]
    [InlineData("2001-09-14")]
    [InlineData("2004-06-11")]
    [InlineData("2007-01-02")]
    [InlineData("2012-10-29")]
    [InlineData("2012-10-30")]
    [InlineData("2018-12-05")]
    public void Special_closures_do_not_trade(string day) => Assert.False(Nyse.IsTradingDay(DateOnly.Parse(day)));

    [Fact]
    public void Navigation_skips_weekends_and_holidays()
    {
        var thursdayBeforeGoodFriday = new DateOnly(2024, 3, 28);
        Assert.Equal(new DateOnly(2024, 4, 1), Nyse.NextTradingDay(thursdayBeforeGoodFriday));
        Assert.Equal(thursdayBeforeGoodFriday, Nyse.PreviousTradingDay(new DateOnly(2024, 4, 1)));
        Assert.Equal(new DateOnly(2024, 4, 1), Nyse.NextOrSame(new DateOnly(2024, 3, 29)));
        Assert.Equal(thursdayBeforeGoodFriday, Nyse.NextOrSame(thursdayBeforeGoodFriday));
        Assert.Equal(thursdayBeforeGoodFriday, Nyse.PreviousOrSame(new DateOnly(2024, 3, 31)));
        Assert.Equal(new DateOnly(2024, 1, 2), Nyse.NextTradingDay(new DateOnly(2023, 12, 29)));
    }

    [Fact]
    public void Trading_days_include_both_ends_and_refuse_a_reversed_range()
    {
        var days = Nyse.TradingDays(new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 8)).ToArray();
        Assert.Equal(
            new[] { 1, 2, 3, 5, 8 }.Select(d => new DateOnly(2024, 7, d)),
            days);

        var error = Assert.Throws<ArgumentException>(() => Nyse.TradingDays(new DateOnly(2024, 2, 1), new DateOnly(2024, 1, 1)));
        Assert.Contains("2024-01-01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sessions_close_at_four_in_new_york_which_moves_in_utc_with_daylight_saving()
    {
        var winter = new DateOnly(2024, 1, 10);
        var summer = new DateOnly(2024, 7, 10);
        Assert.Equal(new TimeOnly(9, 30), Nyse.SessionOpen(winter));
        Assert.Equal(new TimeOnly(16, 0), Nyse.SessionClose(winter));
        Assert.Equal(new DateTime(2024, 1, 10, 14, 30, 0, DateTimeKind.Utc), Nyse.SessionOpenUtc(winter));
        Assert.Equal(new DateTime(2024, 1, 10, 21, 0, 0, DateTimeKind.Utc), Nyse.SessionCloseUtc(winter));
        Assert.Equal(new DateTime(2024, 7, 10, 20, 0, 0, DateTimeKind.Utc), Nyse.SessionCloseUtc(summer));
        Assert.Equal(DateTimeKind.Utc, Nyse.SessionCloseUtc(summer).Kind);
    }

    [Fact]
    public void An_early_close_session_ends_at_one_in_new_york()
    {
        var dayAfterThanksgiving = new DateOnly(2024, 11, 29);
        Assert.Equal(new TimeOnly(13, 0), Nyse.SessionClose(dayAfterThanksgiving));
        Assert.Equal(new DateTime(2024, 11, 29, 18, 0, 0, DateTimeKind.Utc), Nyse.SessionCloseUtc(dayAfterThanksgiving));
    }

    [Fact]
    public void A_closed_day_has_no_session()
    {
        var error = Assert.Throws<ArgumentException>(() => Nyse.SessionCloseUtc(new DateOnly(2024, 12, 25)));
        Assert.Contains("Christmas Day", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Nyse.SessionOpen(new DateOnly(2024, 12, 28)));
        Assert.Null(Nyse.EarlyClose(new DateOnly(2024, 12, 25)));
    }

    [Fact]
    public void Dates_before_the_modelled_rules_are_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.IsTradingDay(new DateOnly(1997, 6, 2)));
        Assert.Contains("1998", error.Message, StringComparison.Ordinal);
    }
}
