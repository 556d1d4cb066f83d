using Trading.Domain;

namespace Trading.Tests.Domain;

public class PriceAdjustmentTests
{
    private static readonly Symbol Nvda = Symbol.Parse("NVDA");

    private static DateTime Day(int d) => new(2021, 7, d, 0, 0, 0, DateTimeKind.Utc);

    // Traded prices: 400 before a 4:1 split on the 20th, then about 100.
    private static BarSeries AroundSplit() => BarSeries.FromBars(Nvda, Interval.Daily,
    [
        new Bar(Day(16), 396, 404, 392, 400, 1_000),
        new Bar(Day(19), 400, 408, 396, 404, 2_000),
        new Bar(Day(20), 101, 103, 100, 102, 8_000),
        new Bar(Day(21), 102, 104, 101, 103, 9_000),
    ]);

    [Fact]
    public void A_4_for_1_split_divides_earlier_prices_by_4_and_multiplies_their_volume()
    {
        var adjusted = AroundSplit().AdjustedFor([CorporateAction.Split(Nvda, new DateOnly(2021, 7, 20), 4)]);

        Assert.Equal([100.0, 101, 102, 103], adjusted.Close.ToArray());
        Assert.Equal([99.0, 100, 101, 102], adjusted.Open.ToArray());
        Assert.Equal([4_000.0, 8_000, 8_000, 9_000], adjusted.Volume.ToArray());
    }

    [Fact]
    public void No_adjustment_returns_prices_as_traded()
    {
        var bars = AroundSplit();
        Assert.Same(bars, bars.AdjustedFor([CorporateAction.Split(Nvda, new DateOnly(2021, 7, 20), 4)], PriceAdjustment.None));
    }

    [Fact]
    public void Actions_of_other_symbols_and_dividends_are_ignored_for_a_split_adjustment()
    {
        var adjusted = AroundSplit().AdjustedFor(
        [
            CorporateAction.Split(Symbol.Parse("MSFT"), new DateOnly(2021, 7, 20), 4),
            CorporateAction.CashDividend(Nvda, new DateOnly(2021, 7, 21), 1m),
        ]);

        Assert.Equal(AroundSplit().Close.ToArray(), adjusted.Close.ToArray());
    }

    [Fact]
    public void A_dividend_scales_earlier_prices_by_one_minus_dividend_over_the_previous_close()
    {
        // Ex-date the 21st; the previous close is 102, so earlier bars are multiplied by 1 - 1.02/102 = 0.99.
        var bars = BarSeries.FromBars(Nvda, Interval.Daily, [new Bar(Day(19), 100, 100, 100, 100, 1), new Bar(Day(20), 102, 102, 102, 102, 1), new Bar(Day(21), 101, 101, 101, 101, 1)]);

        var adjusted = bars.AdjustedFor([CorporateAction.CashDividend(Nvda, new DateOnly(2021, 7, 21), 1.02m)], PriceAdjustment.SplitsAndDividends);

        Assert.Equal(99.0, adjusted.Close[0], 12);
        Assert.Equal(100.98, adjusted.Close[1], 12);
        Assert.Equal(101.0, adjusted.Close[2]);
    }

    [Fact]
    public void A_reverse_split_raises_earlier_prices()
    {
        var bars = BarSeries.FromBars(Nvda, Interval.Daily, [new Bar(Day(19), 1.5, 1.5, 1.5, 1.5, 10_000), new Bar(Day(20), 15, 15, 15, 15, 1_000)]);

        var adjusted = bars.AdjustedFor([CorporateAction.Split(Nvda, new DateOnly(2021, 7, 20), 0.1m)]);

        Assert.Equal(15.0, adjusted.Close[0], 12);
        Assert.Equal(1_000.0, adjusted.Volume[0], 9);
    }
}
