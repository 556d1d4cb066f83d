using Trading.Strategies;

namespace Trading.Tests.Strategies;

public sealed class PriceComparisonTests
{
    [Fact]
    public void Levels_a_few_ulps_apart_are_equal_so_neither_is_above_the_other()
    {
        // The fast and slow averages of a real tie: 10.01 in decimal, one ulp apart in doubles.
        Assert.Equal(0, PriceComparison.Compare(10.010000000000002, 10.01));
        Assert.Equal(0, PriceComparison.Compare(10.01, 10.010000000000002));
        Assert.False(PriceComparison.IsAbove(10.010000000000002, 10.01));
        Assert.False(PriceComparison.IsBelow(10.01, 10.010000000000002));
        Assert.Equal(0, PriceComparison.Compare(0, 0));
    }

    [Fact]
    public void The_smallest_real_difference_of_two_averages_of_quoted_prices_is_above_or_below()
    {
        // Two 10/30-bar means of prices to 6 decimals differ by at least 1e-6 / 30, even at $100,000.
        Assert.Equal(1, PriceComparison.Compare(100_000 + (1e-6 / 30), 100_000));
        Assert.Equal(-1, PriceComparison.Compare(100_000, 100_000 + (1e-6 / 30)));
        Assert.True(PriceComparison.IsAbove(0.0036, 0.0035));
        Assert.True(PriceComparison.IsBelow(-2, -1));
    }

    [Fact]
    public void The_tolerance_scales_with_the_price()
    {
        var price = 250.0;
        var tolerance = price * PriceComparison.RelativeTolerance;

        Assert.Equal(0, PriceComparison.Compare(price + (tolerance / 2), price));
        Assert.Equal(1, PriceComparison.Compare(price + (tolerance * 4), price));
    }

    [Fact]
    public void Nothing_is_above_or_below_a_missing_value()
    {
        Assert.Equal(0, PriceComparison.Compare(double.NaN, 10));
        Assert.Equal(0, PriceComparison.Compare(10, double.NaN));
    }
}
