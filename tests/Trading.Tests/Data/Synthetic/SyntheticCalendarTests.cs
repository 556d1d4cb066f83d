using Trading.Data.Synthetic;

namespace Trading.Tests.Data.Synthetic;

public class SyntheticCalendarTests
{
    [Theory]
    [InlineData("2024-12-25", false)] // Wednesday, Christmas
    [InlineData("2022-12-26", false)] // Monday after a Sunday Christmas
    [InlineData("2021-12-24", false)] // Friday before a Saturday Christmas
    [InlineData("2020-07-03", false)] // Friday before a Saturday Independence Day
    [InlineData("2021-07-05", false)] // Monday after a Sunday Independence Day
    [InlineData("2023-01-02", false)] // Monday after a Sunday New Year
    [InlineData("2021-12-31", true)] // Friday before a Saturday New Year stays open
    [InlineData("2024-01-06", false)] // Saturday
    [InlineData("2024-01-07", false)] // Sunday
    [InlineData("2024-01-08", true)]
    [InlineData("2024-11-28", true)] // Thanksgiving: the synthetic exchange keeps only three holidays
    public void Knows_its_sessions(string date, bool open)
    {
        Assert.Equal(open, SyntheticCalendar.IsTradingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_year_has_about_as_many_sessions_as_a_real_exchange()
    {
        for (var year = 2000; year <= 2024; year++)
        {
            Assert.InRange(SyntheticCalendar.Count(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), 256, 259);
        }
    }

    [Fact]
    public void Trading_days_are_in_order_and_include_both_ends()
    {
        var days = SyntheticCalendar.TradingDays(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 12));

        Assert.Equal(new DateOnly(2024, 1, 2), days[0]);
        Assert.Equal(new DateOnly(2024, 1, 12), days[^1]);
        Assert.Equal(9, days.Length);
    }
}
