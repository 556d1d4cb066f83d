using Trading.Domain;

namespace Trading.Tests.Domain;

public class BarSeriesTests
{
    private static readonly Symbol Spy = Symbol.Parse("SPY");

    private static DateTime Day(int d) => new(2024, 1, d, 0, 0, 0, DateTimeKind.Utc);

    private static BarSeries FiveDays() => BarSeries.FromBars(
        Spy,
        Interval.Daily,
        Enumerable.Range(1, 5).Select(d => new Bar(Day(d), d, d + 1, d - 0.5, d + 0.5, d * 100)));

    [Fact]
    public void Columns_hold_the_bars_in_time_order()
    {
        var series = BarSeries.FromBars(Spy, Interval.Daily, [new Bar(Day(2), 2, 2, 2, 2, 2), new Bar(Day(1), 1, 1, 1, 1, 1)]);
        Assert.Equal([Day(1), Day(2)], series.Time.ToArray());
        Assert.Equal([1.0, 2.0], series.Close.ToArray());
    }

    [Fact]
    public void Duplicate_times_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            BarSeries.FromBars(Spy, Interval.Daily, [new Bar(Day(1), 1, 1, 1, 1, 1), new Bar(Day(1), 2, 2, 2, 2, 2)]));
        Assert.Contains("strictly increasing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BarSeries(Spy, Interval.Daily, [Day(1)], [1], [1], [1], [1], []));
    }

    [Fact]
    public void Non_utc_times_are_refused()
    {
        var local = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local);
        Assert.Throws<ArgumentException>(() => new BarSeries(Spy, Interval.Daily, [local], [1], [1], [1], [1], [1]));
    }

    [Fact]
    public void Between_is_inclusive_at_both_ends_and_open_when_null()
    {
        var series = FiveDays();
        Assert.Equal([2.5, 3.5, 4.5], series.Between(Day(2), Day(4)).Close.ToArray());
        Assert.Equal(5, series.Between(null, null).Count);
        Assert.Equal(2, series.Between(Day(4), null).Count);
        Assert.Equal(0, series.Between(Day(6), null).Count);
        Assert.Equal(0, series.Between(Day(4), Day(2)).Count);
    }

    [Fact]
    public void A_slice_of_a_slice_sees_the_right_bars()
    {
        var inner = FiveDays().Slice(1, 3).Slice(1, 2);
        Assert.Equal([Day(3), Day(4)], inner.Time.ToArray());
        Assert.Equal(Day(3), inner.FirstTime);
        Assert.Equal(Day(4), inner.LastTime);
        Assert.Equal(1, inner.IndexAtOrBefore(Day(4)));
    }

    [Fact]
    public void Window_takes_the_last_bars()
    {
        Assert.Equal([4.5, 5.5], FiveDays().Window(2).Close.ToArray());
        Assert.Equal(5, FiveDays().Window(50).Count);
    }

    [Fact]
    public void Index_at_or_before_finds_the_last_bar_not_after_a_time()
    {
        var series = FiveDays();
        Assert.Equal(-1, series.IndexAtOrBefore(Day(1).AddDays(-1)));
        Assert.Equal(2, series.IndexAtOrBefore(Day(3).AddHours(12)));
        Assert.Equal(4, series.IndexAtOrBefore(Day(20)));
    }
}
