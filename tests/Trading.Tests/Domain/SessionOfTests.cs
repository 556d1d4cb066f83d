using System.Globalization;
using Trading.Domain;

namespace Trading.Tests.Domain;

/// <summary><see cref="TradingCalendar.SessionOf"/> on NYSE: the exchange-local date until its close, then the next
/// trading day; UTC midnight is never the boundary.</summary>
public sealed class SessionOfTests
{
    private static readonly NyseCalendar Nyse = NyseCalendar.Instance;

    [Theory]
    [InlineData("2024-01-03T14:00:00Z", "2024-01-03")] // 09:00 New York (EST): before the open, the day's own session
    [InlineData("2024-01-03T21:00:00Z", "2024-01-03")] // 16:00, the close itself
    [InlineData("2024-01-03T21:00:01Z", "2024-01-04")] // a second after the close
    [InlineData("2024-01-03T00:00:00Z", "2024-01-03")] // a daily bar's stamp: 19:00 the evening before, after that close
    [InlineData("2024-01-02T03:00:00Z", "2024-01-02")] // 22:00 on New Year's Day, a holiday
    [InlineData("2024-01-05T22:00:00Z", "2024-01-08")] // Friday after the close: Monday
    [InlineData("2024-01-06T15:00:00Z", "2024-01-08")] // Saturday
    [InlineData("2024-07-03T17:00:00Z", "2024-07-03")] // 13:00 (EDT), the early close
    [InlineData("2024-07-03T17:00:01Z", "2024-07-05")] // after it, past the Fourth of July
    [InlineData("2024-03-08T21:30:00Z", "2024-03-11")] // 16:30 EST on Friday; Monday is already daylight time
    [InlineData("2024-03-11T13:00:00Z", "2024-03-11")] // 09:00 EDT
    public void An_instant_belongs_to_the_session_that_has_not_closed_yet(string utc, string session)
    {
        var time = DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        Assert.Equal(DateOnly.Parse(session, CultureInfo.InvariantCulture), Nyse.SessionOf(time));
    }

    [Fact]
    public void A_time_of_unspecified_kind_is_taken_as_utc()
    {
        var utc = new DateTime(2024, 1, 3, 21, 0, 1, DateTimeKind.Utc);

        Assert.Equal(Nyse.SessionOf(utc), Nyse.SessionOf(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
        Assert.Equal(new DateOnly(2024, 1, 4), Nyse.SessionOf(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void A_date_before_the_calendars_rules_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.SessionOf(new DateTime(1990, 6, 1, 15, 0, 0, DateTimeKind.Utc)));

        Assert.Contains("1998", error.Message, StringComparison.Ordinal);
    }
}
