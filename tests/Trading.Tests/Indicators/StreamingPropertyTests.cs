using FsCheck.Xunit;
using Trading.Indicators;

namespace Trading.Tests.Indicators;

/// <summary>Properties over random bar series: the streaming form fed bar by bar agrees with the whole-series form,
/// and the O(1) rolling updates agree with recomputing each window from scratch.</summary>
public sealed class StreamingPropertyTests
{
    [Property(MaxTest = 40)]
    public bool Streaming_bar_by_bar_equals_the_whole_series_table(int seed)
    {
        var bars = TestBars.RandomWalk(seed, 150);
        var table = IndicatorTable.Compute(bars, "sma(9),ema(9),wma(9),rsi(9),macd(4,9,3),bbands(9,2),atr(9),natr(9),trange,adx(6),stoch(5,3,3),willr(9),cci(9),mfi(9),obv,roc(4),mom(4),stddev(9),linreg_slope(9),linreg_r2(9),donchian(9),keltner(9,2,5),vwap(9)");
        var sma = new Sma(9);
        var macd = new Macd(4, 9, 3);
        var dmi = new Dmi(6);
        var stochastic = new Stochastic(5, 3, 3);
        var cci = new Cci(9);
        var mfi = new Mfi(9);
        var regression = new LinearRegression(9);
        var keltner = new Keltner(9, 2, 5);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            sma.Update(in bar);
            macd.Update(in bar);
            dmi.Update(in bar);
            stochastic.Update(in bar);
            cci.Update(in bar);
            mfi.Update(in bar);
            regression.Update(in bar);
            keltner.Update(in bar);
            if (!Same(sma.Value, table["sma(9)"][i]) || !Same(macd.Signal, table["macd(4,9,3).signal"][i])
                || !Same(dmi.Adx, table["adx(6)"][i]) || !Same(stochastic.D, table["stoch(5,3,3).d"][i])
                || !Same(cci.Value, table["cci(9)"][i]) || !Same(mfi.Value, table["mfi(9)"][i])
                || !Same(regression.RSquared, table["linreg_r2(9)"][i]) || !Same(keltner.Lower, table["keltner(9,2,5).lower"][i]))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 100)]
    public bool Rolling_windows_agree_with_recomputing_each_window(int seed, byte length)
    {
        var period = 2 + (length % 30);
        var bars = TestBars.RandomWalk(seed, 200);
        var close = bars.Close.ToArray();
        var high = bars.High.ToArray();
        var low = bars.Low.ToArray();
        var sma = Sma.Compute(close, period);
        var wma = Wma.Compute(close, period);
        var stddev = StandardDeviation.Compute(close, period, 1);
        var (slope, r2) = LinearRegression.Compute(close, period);
        var (upper, _, lower) = Donchian.Compute(bars, period);
        for (var end = period - 1; end < close.Length; end++)
        {
            var window = close.AsSpan(end - period + 1, period);
            double sum = 0, weighted = 0, sumX = 0, sumXY = 0, sumXX = 0;
            for (var j = 0; j < period; j++)
            {
                sum += window[j];
                weighted += (j + 1) * window[j];
                sumX += j;
                sumXY += j * window[j];
                sumXX += j * j;
            }

            var mean = sum / period;
            double squares = 0;
            foreach (var value in window)
            {
                squares += (value - mean) * (value - mean);
            }

            var sxy = sumXY - (sumX * sum / period);
            var sxx = sumXX - (sumX * sumX / period);
            var naiveR2 = squares > 0 ? sxy * sxy / (sxx * squares) : 0;
            Assert.True(Near(sma[end], mean), $"sma at {end}: {sma[end]:R} vs {mean:R}");
            Assert.True(Near(wma[end], weighted / (period * (period + 1) / 2.0)), $"wma at {end}");
            Assert.True(Near(stddev[end], Math.Sqrt(squares / period), mean), $"stddev at {end}: {stddev[end]:R} vs {Math.Sqrt(squares / period):R}");
            Assert.True(Near(slope[end], sxy / sxx, mean), $"slope at {end}: {slope[end]:R} vs {sxy / sxx:R}");
            // R² rests on Σy² − (Σy)²/n, which loses digits when a short window's values nearly coincide (two closes a
            // cent apart at 200); TA-Lib's CORREL shares the formula. Hence an absolute 1e-6 here, not 1e-9.
            Assert.True(Math.Abs(r2[end] - naiveR2) <= 1e-6, $"r2 at {end}: {r2[end]:R} vs {naiveR2:R}");
            Assert.Equal(high.AsSpan(end - period + 1, period).ToArray().Max(), upper[end]);
            Assert.Equal(low.AsSpan(end - period + 1, period).ToArray().Min(), lower[end]);
        }

        return true;
    }

    private static bool Same(double a, double b) => a.Equals(b);

    private static bool Near(double actual, double expected, double scale = 0) =>
        Math.Abs(actual - expected) <= 1e-9 * Math.Max(Math.Abs(expected), scale);
}
