using Trading.Indicators;

namespace Trading.Tests.Indicators;

public sealed class PriceIndicatorTests
{
    private const int Digits = 12;

    [Fact]
    public void Sma_of_three_is_the_mean_of_the_last_three_closes()
    {
        // (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4.
        var sma = Sma.Compute([1, 2, 3, 4, 5], 3);
        Assert.Equal([double.NaN, double.NaN, 2, 3, 4], sma);
    }

    [Fact]
    public void Ema_is_seeded_with_the_sma_of_its_first_period_then_moves_half_way_for_period_three()
    {
        // k = 2/(3+1) = 0.5. Seed (2+4+6)/3 = 4; then 4 + 0.5×(8−4) = 6; then 6 + 0.5×(4−6) = 5.
        var ema = Ema.Compute([2, 4, 6, 8, 4], 3);
        Assert.Equal([double.NaN, double.NaN, 4, 6, 5], ema);
    }

    [Fact]
    public void Wma_of_three_weighs_the_newest_close_three_times_the_oldest()
    {
        // (6×1 + 3×2 + 9×3)/6 = 39/6 = 6.5; (3×1 + 9×2 + 12×3)/6 = 57/6 = 9.5.
        var wma = Wma.Compute([6, 3, 9, 12], 3);
        Assert.Equal([double.NaN, double.NaN, 6.5, 9.5], wma);
    }

    [Fact]
    public void Rsi_averages_the_first_changes_then_smooths_them_the_wilder_way()
    {
        // Changes +1, −1, +2. Period 2: first gain 1/2, loss 1/2 → 50.
        // Then gain (0.5×1 + 2)/2 = 1.25, loss (0.5×1 + 0)/2 = 0.25 → 100 × 1.25/1.5 = 83.33….
        var rsi = Rsi.Compute([10, 11, 10, 12], 2);
        Assert.True(double.IsNaN(rsi[0]) && double.IsNaN(rsi[1]));
        Assert.Equal(50, rsi[2], Digits);
        Assert.Equal(250.0 / 3.0, rsi[3], Digits);
    }

    [Fact]
    public void Rsi_of_a_market_that_never_moves_is_zero_as_in_talib()
    {
        Assert.Equal(0, Rsi.Compute([5, 5, 5, 5], 2)[3]);
    }

    [Fact]
    public void Macd_aligns_its_fast_ema_with_the_slow_one_and_signals_after_both_lookbacks()
    {
        // Fast EMA(2) (k = 2/3) starts one bar late, at bar 1: seed (2+3)/2 = 2.5, then 2.5 + 2/3×2.5 = 25/6,
        // then 25/6 + 2/3×(4 − 25/6) = 73/18. Slow EMA(3) (k = 1/2): seed 2, then 3.5, then 15/4.
        // MACD: 1/2, 2/3, 73/18 − 15/4 = 11/36. Signal EMA(2) of MACD: seed (1/2 + 2/3)/2 = 7/12 at bar 3,
        // then 7/12 + 2/3×(11/36 − 7/12) = 43/108. Histogram: 2/3 − 7/12 = 1/12, then 11/36 − 43/108 = −5/54.
        var (macd, signal, histogram) = Macd.Compute([1, 2, 3, 5, 4], 2, 3, 2);
        Assert.Equal(3, new Macd(2, 3, 2).Lookback);
        Assert.Equal(3, TestBars.FirstValid(macd));
        Assert.Equal(3, TestBars.FirstValid(signal));
        Assert.Equal(2.0 / 3.0, macd[3], Digits);
        Assert.Equal(7.0 / 12.0, signal[3], Digits);
        Assert.Equal(1.0 / 12.0, histogram[3], Digits);
        Assert.Equal(11.0 / 36.0, macd[4], Digits);
        Assert.Equal(43.0 / 108.0, signal[4], Digits);
        Assert.Equal(-5.0 / 54.0, histogram[4], Digits);
    }

    [Fact]
    public void Bollinger_bands_are_the_sma_plus_and_minus_two_population_deviations()
    {
        // Window 3, 4, 5: mean 4, population variance (1 + 0 + 1)/3 = 2/3.
        var (upper, middle, lower) = BollingerBands.Compute([1, 2, 3, 4, 5], 3, 2);
        Assert.Equal(4, middle[4], Digits);
        Assert.Equal(4 + (2 * Math.Sqrt(2.0 / 3.0)), upper[4], Digits);
        Assert.Equal(4 - (2 * Math.Sqrt(2.0 / 3.0)), lower[4], Digits);
        Assert.Equal(2, TestBars.FirstValid(upper));
    }

    [Fact]
    public void Stddev_is_the_population_deviation_times_the_multiplier()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, 32/8 = 4, sqrt 2; times 2 is 4.
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(2, StandardDeviation.Compute(values, 8, 1)[7], Digits);
        Assert.Equal(4, StandardDeviation.Compute(values, 8, 2)[7], Digits);
        Assert.Equal(0, StandardDeviation.Compute([3, 3, 3], 3)[2]);
    }

    [Fact]
    public void Roc_is_the_percentage_change_over_the_period()
    {
        // 12/10 − 1 = 20 %; 9/11 − 1 = −18.18 %.
        var roc = RateOfChange.Compute([10, 11, 12, 9], 2);
        Assert.Equal(2, TestBars.FirstValid(roc));
        Assert.Equal(20, roc[2], Digits);
        Assert.Equal(-200.0 / 11.0, roc[3], Digits);
    }

    [Fact]
    public void Mom_is_the_difference_with_the_close_period_bars_ago()
    {
        Assert.Equal([double.NaN, double.NaN, 2, -2], Momentum.Compute([10, 11, 12, 9], 2));
    }

    [Fact]
    public void Linear_regression_slope_and_r_squared_of_three_points()
    {
        // y = 1, 3, 2 on x = 0, 1, 2: Sxy = (−1)(−1) + 0 + (1)(0) = 1, Sxx = 2, Syy = 2 → slope 1/2, R² = 1/(2×2).
        // Next window 3, 2, 4: Sxy = 1, Syy = 2 again. Then 2, 4, 6: a perfect line of slope 2.
        var (slope, r2) = LinearRegression.Compute([1, 3, 2, 4, 6], 3);
        Assert.Equal([double.NaN, double.NaN, 0.5, 0.5, 2], slope.Select(v => Math.Round(v, 12)));
        Assert.Equal(0.25, r2[2], Digits);
        Assert.Equal(0.25, r2[3], Digits);
        Assert.Equal(1, r2[4], Digits);
    }

    [Fact]
    public void Linear_regression_of_the_logarithm_measures_compound_growth_per_bar()
    {
        // ln(e^1), ln(e^2), ln(e^3) = 1, 2, 3: slope 1 per bar, a perfect fit.
        var (slope, r2) = LinearRegression.Compute([Math.E, Math.E * Math.E, Math.Exp(3)], 3, ofLogarithm: true);
        Assert.Equal(1, slope[2], Digits);
        Assert.Equal(1, r2[2], Digits);
    }

    [Fact]
    public void Linear_regression_r_squared_of_a_flat_window_is_zero()
    {
        var (slope, r2) = LinearRegression.Compute([7, 7, 7], 3);
        Assert.Equal(0, slope[2]);
        Assert.Equal(0, r2[2]);
    }
}
