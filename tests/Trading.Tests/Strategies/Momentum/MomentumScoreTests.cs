using Trading.Domain;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

public sealed class MomentumScoreTests
{
    // Defaults: lookback 90, trend 100, ATR 20, so 100 bars are enough for every filter.
    private static readonly MomentumSettings Defaults = new();

    private static Signal Only(BarSeries bars) =>
        Assert.Single(MomentumRanking.Rank([bars], null, Defaults).Signals);

    [Fact]
    public void An_exponential_series_scores_its_annualised_slope_with_r_squared_one()
    {
        var bars = MomentumBars.Exponential("EXP", 100, growth: 0.001).Build();

        var signal = Only(bars);

        // ln(close) = ln 100 + 0.001 i: slope 0.001 a bar, R² = 1, score = (exp(0.001 × 252) − 1) × 1.
        Assert.Equal(Math.Exp(0.252) - 1, signal.MomentumScore, 1e-9);
        Assert.Equal(1, signal.Rank);
        Assert.Equal(SignalAction.Buy, signal.Action);
        Assert.Null(signal.Reason);

        // The price is the last close, 100 × exp(0.099).
        Assert.Equal(100 * Math.Exp(0.099), signal.CurrentPrice, 1e-9);

        // High − low = 2 and the previous close (at most 0.12 below) is inside every bar, so each true range is 2.
        Assert.Equal(2.0, signal.RiskUnit, 1e-12);

        // Every daily log return is 0.001: no dispersion at all.
        Assert.Equal(0.0, signal.Volatility, 1e-9);
    }

    [Fact]
    public void A_flat_series_scores_zero_and_still_qualifies()
    {
        var bars = MomentumBars.Of("FLAT", Enumerable.Repeat(50.0, 100)).Build();

        var signal = Only(bars);

        // Slope 0 gives exp(0) − 1 = 0 whatever R² is; the close equals its average, which is not under it.
        Assert.Equal(0.0, signal.MomentumScore);
        Assert.Equal(1, signal.Rank);
        Assert.Equal(2.0, signal.RiskUnit, 1e-12);
    }

    [Fact]
    public void A_noisy_series_scores_the_least_squares_fit_of_its_last_90_log_closes()
    {
        // A 0.1% trend with a ±1% zig-zag on top: the line fits less than perfectly.
        var closes = Enumerable.Range(0, 130).Select(i => 100 * Math.Exp((0.001 * i) + (i % 2 == 0 ? 0.01 : -0.01))).ToArray();
        var bars = MomentumBars.Of("NOISY", closes).Build();

        var signal = Only(bars);

        // The textbook two-pass fit of y = ln(close) on x = 0..89 over the last 90 bars:
        // slope = Sxy / Sxx, R² = Sxy² / (Sxx × Syy), score = (exp(252 × slope) − 1) × R².
        var y = closes[^90..].Select(c => Math.Log(c)).ToArray();
        var xMean = 89 / 2.0;
        var yMean = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var x = 0; x < 90; x++)
        {
            sxy += (x - xMean) * (y[x] - yMean);
            sxx += (x - xMean) * (x - xMean);
            syy += (y[x] - yMean) * (y[x] - yMean);
        }

        var rSquared = sxy * sxy / (sxx * syy);
        var expected = (Math.Exp(252 * sxy / sxx) - 1) * rSquared;
        Assert.InRange(rSquared, 0.01, 0.99);
        Assert.Equal(expected, signal.MomentumScore, 1e-9);
        Assert.True(signal.MomentumScore < Math.Exp(0.252) - 1);
    }

    [Fact]
    public void The_risk_unit_is_the_mean_true_range_of_the_last_atr_period_bars()
    {
        // Closes flat at 100; the last 20 bars have ranges 1, 2, ..., 20, every earlier bar a range of 50.
        var builder = MomentumBars.Of("ATR", Enumerable.Repeat(100.0, 120), range: 50);
        for (var k = 0; k < 20; k++)
        {
            var range = k + 1;
            builder.High[100 + k] = 100 + (range / 2.0);
            builder.Low[100 + k] = 100 - (range / 2.0);
        }

        var signal = Only(builder.Build());

        // The previous close (100) is inside each bar, so true range = high − low: (1 + 2 + ... + 20) / 20 = 10.5.
        Assert.Equal(10.5, signal.RiskUnit, 1e-12);
    }

    [Fact]
    public void History_before_the_required_bars_does_not_change_the_answer()
    {
        var recent = MomentumBars.Exponential("EXP", 100, growth: 0.002).Build();

        // The same last 100 bars after 100 wild ones (a 50% gap, a crash and a recovery).
        var older = Enumerable.Range(0, 100).Select(i => i == 40 ? 300.0 : i < 60 ? 200.0 : 40.0);
        var closes = older.Concat(recent.Close.ToArray()).ToArray();
        var longer = MomentumBars.Of("EXP", closes).Build();

        var fromRecent = Only(recent);
        var fromLonger = Only(longer);

        Assert.Equal(1, fromLonger.Rank);
        Assert.Equal(fromRecent.MomentumScore, fromLonger.MomentumScore, 1e-12);
        Assert.Equal(fromRecent.RiskUnit, fromLonger.RiskUnit, 1e-12);
        Assert.Equal(fromRecent.Volatility, fromLonger.Volatility, 1e-12);
    }
}
