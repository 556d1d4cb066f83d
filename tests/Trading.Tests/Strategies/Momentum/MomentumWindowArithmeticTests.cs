using Trading.Indicators;
using Trading.Strategies.Momentum;
using Trading.Tests.Indicators;

namespace Trading.Tests.Strategies.Momentum;

/// <summary>The ranking computes its measures in one pass over each window; the streaming indicators, fed the same
/// window bar by bar, are the independent reference.</summary>
public class MomentumWindowArithmeticTests
{
    [Theory]
    [InlineData(1, 90)]
    [InlineData(2, 20)]
    [InlineData(3, 250)]
    public void The_log_fit_agrees_with_the_streaming_regression_and_deviation(int seed, int lookback)
    {
        var closes = TestBars.RandomWalk(seed, lookback + 1).Close;
        var regression = new LinearRegression(lookback, ofLogarithm: true);
        var returns = new StandardDeviation(lookback);
        for (var i = 1; i <= lookback; i++)
        {
            regression.Update(closes[i]);
            returns.Update(Math.Log(closes[i] / closes[i - 1]));
        }

        var (slope, rSquared, deviation) = MomentumRanking.LogFit(closes);

        Assert.Equal(regression.Slope, slope, 1e-12);
        Assert.Equal(regression.RSquared, rSquared, 1e-10);
        Assert.Equal(returns.Value, deviation, 1e-12);
    }

    [Fact]
    public void The_risk_unit_is_the_indicator_atr_seeded_over_the_last_period_bars()
    {
        var bars = TestBars.RandomWalk(7, 150);
        var settings = new MomentumSettings { LookbackPeriod = 20, TrendFilterPeriod = 1, AtrPeriod = 20, MaxGap = 1 };
        var atr = new Atr(settings.AtrPeriod);
        for (var i = bars.Count - settings.AtrPeriod - 1; i < bars.Count; i++)
        {
            atr.Update(bars[i]);
        }

        var signal = Assert.Single(MomentumRanking.Rank([bars], null, settings).Signals);

        Assert.Equal(atr.Value, signal.RiskUnit, 1e-12);
    }
}
