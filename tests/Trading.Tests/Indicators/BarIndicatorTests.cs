using Trading.Domain;
using Trading.Indicators;

namespace Trading.Tests.Indicators;

public sealed class BarIndicatorTests
{
    private const int Digits = 12;

    // Bar 1 gaps neither way, bar 2 opens inside, bar 3 gaps over the previous close.
    private static readonly BarSeries RangeBars = TestBars.Daily((10, 9, 9.5), (11, 10, 10.5), (10.2, 9.8, 10), (12, 11, 11.5));

    [Fact]
    public void True_range_stretches_the_bar_to_the_previous_close()
    {
        // Bar 1: 11 − min(10, 9.5) = 1.5. Bar 2: max(10.2, 10.5) − 9.8 = 0.7. Bar 3: 12 − min(11, 10) = 2.
        var tr = TrueRange.Compute(RangeBars);
        Assert.True(double.IsNaN(tr[0]));
        Assert.Equal(1.5, tr[1], Digits);
        Assert.Equal(0.7, tr[2], Digits);
        Assert.Equal(2, tr[3], Digits);
    }

    [Fact]
    public void Atr_starts_with_the_mean_true_range_then_smooths_by_one_over_the_period()
    {
        // Period 2: (1.5 + 0.7)/2 = 1.1 at bar 2; (1.1×1 + 2)/2 = 1.55 at bar 3. NATR: 1.55/11.5 × 100.
        var atr = Atr.Compute(RangeBars, 2);
        Assert.Equal(2, TestBars.FirstValid(atr));
        Assert.Equal(1.1, atr[2], Digits);
        Assert.Equal(1.55, atr[3], Digits);
        Assert.Equal(1.55 / 11.5 * 100, Natr.Compute(RangeBars, 2)[3], Digits);
    }

    [Fact]
    public void Dmi_smooths_directional_movement_the_wilder_way_and_averages_the_first_dx_values()
    {
        // Changes (+DM, −DM, TR): bar 1 (1, 0, 2), bar 2 (0, 2, 3.5), bar 3 (1.5, 0, 4), bar 4 (0, 0, 2).
        // Period 2: sums over the first change, then x − x/2 + new:
        //   bar 2: +DM 0.5, −DM 2, TR 4.5 → +DI 11.1, −DI 44.4, DX 100 × 33.3/55.6 = 60
        //   bar 3: +DM 1.75, −DM 1, TR 6.25 → +DI 28, −DI 16, DX 100 × 12/44 = 300/11; ADX (60 + 300/11)/2 = 480/11
        //   bar 4: +DM 0.875, −DM 0.5, TR 5.125 → DX 100 × 0.375/1.375 = 300/11; ADX (480/11 + 300/11)/2 = 390/11
        var bars = TestBars.Daily((10, 8, 9), (11, 9, 10), (10.5, 7, 8), (12, 8, 11), (11, 9, 10));
        var (adx, plusDi, minusDi) = Dmi.Compute(bars, 2);
        Assert.Equal(2, TestBars.FirstValid(plusDi));
        Assert.Equal(3, TestBars.FirstValid(adx));
        Assert.Equal(100 * 0.5 / 4.5, plusDi[2], Digits);
        Assert.Equal(100 * 2 / 4.5, minusDi[2], Digits);
        Assert.Equal(28, plusDi[3], Digits);
        Assert.Equal(16, minusDi[3], Digits);
        Assert.Equal(480.0 / 11.0, adx[3], Digits);
        Assert.Equal(390.0 / 11.0, adx[4], Digits);
    }

    private static readonly BarSeries SwingBars = TestBars.Daily((10, 8, 9), (11, 9, 10), (12, 10, 11), (11, 9, 9), (13, 10, 13));

    [Fact]
    public void Stochastic_smooths_fast_k_into_slow_k_and_slow_k_into_d()
    {
        // Fast %K(3): bar 2 (11−8)/(12−8) = 75; bar 3 (9−9)/(12−9) = 0; bar 4 (13−9)/(13−9) = 100.
        // Slow %K = SMA2: 37.5 then 50. %D = SMA2 of slow %K: (37.5 + 50)/2 = 43.75, first at bar 2+1+1 = 4.
        var (k, d) = Stochastic.Compute(SwingBars, 3, 2, 2);
        Assert.Equal(4, TestBars.FirstValid(k));
        Assert.Equal(4, TestBars.FirstValid(d));
        Assert.Equal(50, k[4], Digits);
        Assert.Equal(43.75, d[4], Digits);
    }

    [Fact]
    public void Williams_r_places_the_close_between_the_window_high_at_zero_and_low_at_minus_100()
    {
        // Bar 2: −100 × (12−11)/(12−8) = −25; bar 3: −100 × (12−9)/(12−9) = −100; bar 4 closes at the high: 0.
        var willr = WilliamsR.Compute(SwingBars, 3);
        Assert.Equal(2, TestBars.FirstValid(willr));
        Assert.Equal(-25, willr[2], Digits);
        Assert.Equal(-100, willr[3], Digits);
        Assert.Equal(0, willr[4], Digits);
    }

    [Fact]
    public void Donchian_channel_spans_the_highest_high_and_lowest_low_of_the_window()
    {
        var (upper, middle, lower) = Donchian.Compute(SwingBars, 3);
        Assert.Equal([double.NaN, double.NaN, 12, 12, 13], upper);
        Assert.Equal([double.NaN, double.NaN, 8, 9, 9], lower);
        Assert.Equal([double.NaN, double.NaN, 10, 10.5, 11], middle);
    }

    [Fact]
    public void Cci_divides_the_distance_from_the_mean_by_the_mean_deviation()
    {
        // Typical prices 1, 2, 6: mean 3, mean deviation (2+1+3)/3 = 2 → (6−3)/(0.015×2) = 100.
        // Then 2, 6, 3: mean 11/3, deviation (5/3 + 7/3 + 2/3)/3 = 14/9 → (3 − 11/3)/(0.015 × 14/9) = −28.57….
        var cci = Cci.Compute(TestBars.Closes(1, 2, 6, 3), 3);
        Assert.Equal(2, TestBars.FirstValid(cci));
        Assert.Equal(100, cci[2], Digits);
        Assert.Equal(-(2.0 / 3.0) / (0.015 * 14.0 / 9.0), cci[3], Digits);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(20)]
    public void Cci_of_a_flat_window_is_exactly_what_talibs_summation_order_gives(int period)
    {
        // In a flat window the distance and the deviation are rounding noise, so the index is whatever TA-Lib's
        // order of additions makes of them; elsewhere any order agrees to far below the TA-Lib tolerance.
        var random = new Random(period);
        var closes = new double[120];
        var price = 101.37;
        for (var i = 0; i < closes.Length; i++)
        {
            var flat = i is >= 40 and < 80;
            price = flat ? 7.0 / 3.0 * 43.0 : price * (1 + ((random.NextDouble() - 0.5) * 0.02));
            closes[i] = price;
        }

        var cci = Cci.Compute(TestBars.Closes(closes), period);
        var reference = TaLibCci(closes, period);
        for (var i = period - 1; i < closes.Length; i++)
        {
            if (i >= 40 + period - 1 && i < 80)
            {
                Assert.Equal(reference[i], cci[i]);
            }
            else
            {
                Assert.True(Math.Abs(cci[i] - reference[i]) <= 1e-9 * 100, $"bar {i}: {cci[i]:R} against {reference[i]:R}");
            }
        }
    }

    // TA-Lib's CCI loop: the ring summed in slot order, one value at a time.
    private static double[] TaLibCci(double[] closes, int period)
    {
        var ring = new double[period];
        var output = new double[closes.Length];
        for (var i = 0; i < closes.Length; i++)
        {
            var typical = (closes[i] + closes[i] + closes[i]) / 3;
            ring[i % period] = typical;
            double sum = 0;
            foreach (var value in ring)
            {
                sum += value;
            }

            var mean = sum / period;
            double deviation = 0;
            foreach (var value in ring)
            {
                deviation += Math.Abs(value - mean);
            }

            var distance = typical - mean;
            output[i] = distance != 0 && deviation != 0 ? distance / (0.015 * (deviation / period)) : 0.0;
        }

        return output;
    }

    [Fact]
    public void Mfi_is_the_up_share_of_money_flow_and_ignores_unchanged_bars()
    {
        // Typical price × volume: bar 1 up 11×200 = 2200, bar 2 down 10.5×100 = 1050, bar 3 unchanged,
        // bar 4 up 12×100 = 1200. Period 2: 100 × 2200/3250, then 0 (only the down bar), then 100.
        var bars = TestBars.Daily((10, 10, 10, 100), (11, 11, 11, 200), (10.5, 10.5, 10.5, 100), (10.5, 10.5, 10.5, 300), (12, 12, 12, 100));
        var mfi = Mfi.Compute(bars, 2);
        Assert.Equal(2, TestBars.FirstValid(mfi));
        Assert.Equal(100 * 2200.0 / 3250.0, mfi[2], Digits);
        Assert.Equal(0, mfi[3], Digits);
        Assert.Equal(100, mfi[4], Digits);
    }

    [Fact]
    public void Obv_starts_at_the_first_volume_and_adds_or_subtracts_by_the_close_direction()
    {
        var bars = TestBars.Daily((10, 10, 10, 100), (11, 11, 11, 200), (11, 11, 11, 300), (10.5, 10.5, 10.5, 400), (12, 12, 12, 500));
        Assert.Equal([100, 300, 300, -100, 400], Obv.Compute(bars));
    }

    [Fact]
    public void Keltner_channel_is_the_ema_plus_and_minus_multiplier_times_atr()
    {
        // EMA(2): seed (9+10)/2 = 9.5, then 9.5 + 2/3×(11 − 9.5) = 10.5. ATR(1) is the true range: 2, then 2.
        var bars = TestBars.Daily((10, 8, 9), (11, 9, 10), (12, 10, 11));
        var (upper, middle, lower) = Keltner.Compute(bars, 2, 2, 1);
        Assert.Equal(1, new Keltner(2, 2, 1).Lookback);
        Assert.Equal([double.NaN, 9.5, 10.5], middle.Select(v => Math.Round(v, 12)));
        Assert.Equal(13.5, upper[1], Digits);
        Assert.Equal(5.5, lower[1], Digits);
        Assert.Equal(14.5, upper[2], Digits);
        Assert.Equal(6.5, lower[2], Digits);
    }

    [Fact]
    public void Session_vwap_accumulates_within_a_utc_day_and_restarts_the_next()
    {
        // Day 1: (10×100 + 12×300)/400 = 11.5. Day 2 starts over at its first typical price, 20.
        var day1 = new DateTime(2024, 3, 4, 14, 30, 0, DateTimeKind.Utc);
        var bars = new BarSeries(
            Symbol.Parse("TEST"),
            Interval.OneMinute,
            [day1, day1.AddMinutes(1), day1.AddDays(1)],
            [10, 12, 20],
            [10, 12, 20],
            [10, 12, 20],
            [10, 12, 20],
            [100, 300, 50]);
        Assert.Equal([10, 11.5, 20], Vwap.Compute(bars));
    }

    [Fact]
    public void Rolling_vwap_weights_the_typical_price_by_volume_over_the_window()
    {
        // (12×300 + 11×100)/400 = 11.75.
        var bars = TestBars.Daily((10, 10, 10, 100), (12, 12, 12, 300), (11, 11, 11, 100));
        Assert.Equal([double.NaN, 11.5, 11.75], Vwap.Compute(bars, 2));
    }

    [Fact]
    public void Readiness_flips_exactly_at_the_lookback()
    {
        var bars = TestBars.RandomWalk(7, 60);
        IIndicator[] indicators =
        [
            new Sma(5), new Ema(5), new Wma(5), new Rsi(5), new Macd(3, 6, 4), new BollingerBands(5), new Atr(5), new Natr(5),
            new TrueRange(), new Dmi(5), new Stochastic(5, 3, 3), new WilliamsR(5), new Cci(5), new Mfi(5), new Obv(),
            new RateOfChange(5), new Momentum(5), new StandardDeviation(5), new LinearRegression(5), new Donchian(5),
            new Keltner(5, 2, 7), new Vwap(), new Vwap(5),
        ];
        foreach (var indicator in indicators)
        {
            for (var i = 0; i < bars.Count; i++)
            {
                indicator.Update(bars[i]);
                Assert.True(indicator.IsReady == (i >= indicator.Lookback), $"{indicator.GetType().Name} at bar {i}, lookback {indicator.Lookback}");
            }
        }
    }
}
