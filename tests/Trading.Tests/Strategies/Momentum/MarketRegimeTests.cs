using Trading.Domain;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

public sealed class MarketRegimeTests
{
    private static readonly MomentumSettings Defaults = new();

    /// <summary>Three healthy symbols; 3 × 20% rounds up to one pick, the fastest (C).</summary>
    private static BarSeries[] Universe() =>
    [
        MomentumBars.Exponential("A", 100, growth: 0.001).Build(),
        MomentumBars.Exponential("B", 100, growth: 0.002).Build(),
        MomentumBars.Exponential("C", 100, growth: 0.003).Build(),
    ];

    [Fact]
    public void An_index_above_its_200_bar_average_is_bullish_and_the_top_picks_are_buys()
    {
        // Closes 1, 2, ..., 250: the last 200 average (51 + 250) / 2 = 150.5, under the last close 250.
        var index = MomentumBars.Index(Enumerable.Range(1, 250).Select(i => (double)i));

        var ranking = MomentumRanking.Rank(Universe(), index, Defaults);

        Assert.Equal(MarketRegimeState.Bullish, ranking.Regime.State);
        Assert.True(ranking.Regime.AllowsNewBuys);
        Assert.Equal(250, ranking.Regime.IndexClose);
        Assert.Equal(150.5, ranking.Regime.Average, 1e-9);
        Assert.Equal("bullish: ^IDX closed at 250 above its 200-bar average 150.5", ranking.Regime.Description);
        Assert.Equal([SignalAction.Buy, SignalAction.Sell, SignalAction.Sell], ranking.Signals.Select(s => s.Action));
        Assert.Equal("C", ranking.Signals[0].Symbol.Value);
        Assert.Null(ranking.Signals[0].Reason);
    }

    [Fact]
    public void An_index_below_its_average_is_bearish_and_the_top_picks_are_held_with_the_reason()
    {
        // Closes 250 down to 1: the last 200 average (200 + 1) / 2 = 100.5, over the last close 1.
        var index = MomentumBars.Index(Enumerable.Range(1, 250).Select(i => 251.0 - i));

        var ranking = MomentumRanking.Rank(Universe(), index, Defaults);

        Assert.Equal(MarketRegimeState.Bearish, ranking.Regime.State);
        Assert.False(ranking.Regime.AllowsNewBuys);
        Assert.Equal(100.5, ranking.Regime.Average, 1e-9);
        var top = ranking.Signals[0];
        Assert.Equal("C", top.Symbol.Value);
        Assert.Equal(SignalAction.Hold, top.Action);
        Assert.Equal(1, top.Rank);
        Assert.Equal("in the top 1 but bearish: ^IDX closed at 1 at or below its 200-bar average 100.5; no new buys", top.Reason);

        // Outside the top is still a sell: the regime holds back buys, it does not rescue the rest.
        Assert.All(ranking.Signals.Skip(1), s => Assert.Equal(SignalAction.Sell, s.Action));
    }

    [Fact]
    public void An_index_closing_exactly_on_its_average_is_bearish()
    {
        var index = MomentumBars.Index(Enumerable.Repeat(100.0, 200));

        var regime = MarketRegime.Of(index, 200);

        Assert.Equal(MarketRegimeState.Bearish, regime.State);
        Assert.False(regime.AllowsNewBuys);
    }

    [Fact]
    public void The_average_is_of_the_last_period_bars_only()
    {
        // 100 bars at 1000 then 200 at 10 rising by 1: the last 200 are 10..209, average 109.5, under 209.
        var closes = Enumerable.Repeat(1000.0, 100).Concat(Enumerable.Range(10, 200).Select(i => (double)i));

        var regime = MarketRegime.Of(MomentumBars.Index(closes), 200);

        Assert.Equal(MarketRegimeState.Bullish, regime.State);
        Assert.Equal(109.5, regime.Average, 1e-9);
    }

    [Fact]
    public void Without_an_index_the_regime_is_off_and_says_so()
    {
        var ranking = MomentumRanking.Rank(Universe(), null, Defaults);

        Assert.Same(MarketRegime.Off, ranking.Regime);
        Assert.Equal(MarketRegimeState.Off, ranking.Regime.State);
        Assert.Null(ranking.Regime.Index);
        Assert.True(ranking.Regime.AllowsNewBuys);
        Assert.Contains("regime filter off", ranking.Regime.Description, StringComparison.Ordinal);
        Assert.Equal(SignalAction.Buy, ranking.Signals[0].Action);
    }

    [Fact]
    public void An_index_with_too_few_bars_is_unknown_and_allows_no_new_buys()
    {
        var index = MomentumBars.Index(Enumerable.Range(1, 199).Select(i => (double)i));

        var ranking = MomentumRanking.Rank(Universe(), index, Defaults);

        Assert.Equal(MarketRegimeState.Unknown, ranking.Regime.State);
        Assert.False(ranking.Regime.AllowsNewBuys);
        Assert.Equal(199, ranking.Regime.IndexClose);
        Assert.True(double.IsNaN(ranking.Regime.Average));
        Assert.Equal("regime unknown: ^IDX has 199 bars, its 200-bar average needs 200; no new buys", ranking.Regime.Description);
        Assert.Equal(SignalAction.Hold, ranking.Signals[0].Action);
        Assert.DoesNotContain(ranking.Signals, s => s.Action == SignalAction.Buy);
    }

    [Fact]
    public void The_regime_period_is_a_setting()
    {
        // 199 bars do make a 150-bar average: closes 50..199 average 124.5, under 199.
        var index = MomentumBars.Index(Enumerable.Range(1, 199).Select(i => (double)i));

        var ranking = MomentumRanking.Rank(Universe(), index, new MomentumSettings { MarketRegimePeriod = 150 });

        Assert.Equal(MarketRegimeState.Bullish, ranking.Regime.State);
        Assert.Equal(124.5, ranking.Regime.Average, 1e-9);
        Assert.Equal(SignalAction.Buy, ranking.Signals[0].Action);
    }
}
