using Trading.Domain;

namespace Trading.Tests.Domain;

public class IntervalTests
{
    [Theory]
    [InlineData("1m", true)]
    [InlineData("5m", true)]
    [InlineData("15m", true)]
    [InlineData("30m", true)]
    [InlineData("1h", true)]
    [InlineData("1d", false)]
    [InlineData("1wk", false)]
    [InlineData("1mo", false)]
    public void Every_yahoo_interval_parses(string code, bool intraday)
    {
        var interval = Interval.Parse(code);
        Assert.Equal(code, interval.Code);
        Assert.Equal(intraday, interval.IsIntraday);
    }

    [Theory]
    [InlineData("1D")]
    [InlineData("2d")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_intervals_are_refused_with_the_valid_list(string? code)
    {
        var error = Assert.Throws<ArgumentException>(() => Interval.Parse(code));
        Assert.Contains("1m, 5m, 15m, 30m, 1h, 1d, 1wk, 1mo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_interval_is_daily() => Assert.Equal(Interval.Daily, default(Interval));
}
