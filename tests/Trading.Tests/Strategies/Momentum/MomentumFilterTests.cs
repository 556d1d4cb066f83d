using Trading.Domain;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

/// <summary>Each filter on its own: the symbol is SELL, has no rank, and its reason names the filter; a healthy
/// symbol beside it still ranks first.</summary>
public sealed class MomentumFilterTests
{
    private static readonly MomentumSettings Defaults = new();

    private static BarSeries Healthy() => MomentumBars.Exponential("GOOD", 100, growth: 0.001).Build();

    private static Signal RankedBesideAHealthyOne(BarSeries bars, MomentumSettings? settings = null)
    {
        var ranking = MomentumRanking.Rank([Healthy(), bars], null, settings ?? Defaults);
        Assert.Equal(2, ranking.Signals.Count);
        Assert.Equal("GOOD", ranking.Signals[0].Symbol.Value);
        Assert.Equal(1, ranking.Signals[0].Rank);
        return ranking.Signals.Single(s => s.Symbol.Value != "GOOD");
    }

    private static void AssertDisqualified(Signal signal, string filter)
    {
        Assert.Equal(SignalAction.Sell, signal.Action);
        Assert.Null(signal.Rank);
        Assert.False(signal.Qualified);
        Assert.NotNull(signal.Reason);
        Assert.StartsWith(filter, signal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_close_under_its_100_bar_average_fails_the_trend_filter()
    {
        // 95 bars up 0.1% a day (to 109.9), then 5 down 3% a day (no gap is over 3%): the last close,
        // 109.9 × 0.97⁵ ≈ 94.3, is under the average of the last 100 closes (about 104).
        var closes = Enumerable.Range(0, 95).Select(i => 100 * Math.Exp(0.001 * i)).ToList();
        for (var i = 0; i < 5; i++)
        {
            closes.Add(closes[^1] * 0.97);
        }

        var signal = RankedBesideAHealthyOne(MomentumBars.Of("DOWN", closes).Build());

        AssertDisqualified(signal, "trend: ");
        Assert.Contains("is under its 100-bar average", signal.Reason, StringComparison.Ordinal);
        Assert.Equal(closes[^1], signal.CurrentPrice);
    }

    [Fact]
    public void A_close_equal_to_its_100_bar_average_passes_the_trend_filter()
    {
        // 100 closes of 90.01: the average is 90.01, the close is not under it. Summed in doubles, the 100 closes
        // come to 9001.000000000016, an average a few ulps above the close.
        var signal = RankedBesideAHealthyOne(MomentumBars.Of("FLAT", Enumerable.Repeat(90.01, 100)).Build());

        Assert.DoesNotContain("trend:", signal.Reason ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.20, "20.0%")]
    [InlineData(0.80, "20.0%")]
    public void An_open_20_percent_away_from_the_previous_close_inside_the_window_fails_the_gap_filter(double factor, string shown)
    {
        var builder = MomentumBars.Exponential("GAPPY", 100, growth: 0.001);
        builder.Open[80] = builder.Close[79] * factor;
        builder.High[80] = Math.Max(builder.High[80], builder.Open[80]);
        builder.Low[80] = Math.Min(builder.Low[80], builder.Open[80]);

        var signal = RankedBesideAHealthyOne(builder.Build());

        AssertDisqualified(signal, "gap: ");
        // Bar 80 is 80 days after 2024-01-01 (a leap year): 2024-03-21.
        Assert.Equal($"gap: opened {shown} away from the previous close on 2024-03-21, over the 15% limit", signal.Reason);
    }

    [Fact]
    public void A_14_percent_gap_is_tolerated_at_max_gap_15_percent()
    {
        var builder = MomentumBars.Exponential("GAPPY", 100, growth: 0.0005);
        builder.Open[80] = builder.Close[79] * 1.14;
        builder.High[80] = Math.Max(builder.High[80], builder.Open[80]);

        var signal = RankedBesideAHealthyOne(builder.Build());

        Assert.True(signal.Qualified);
        Assert.Equal(2, signal.Rank);
    }

    [Fact]
    public void A_gap_is_judged_against_max_gap_so_a_tighter_limit_refuses_the_same_14_percent()
    {
        var builder = MomentumBars.Exponential("GAPPY", 100, growth: 0.0005);
        builder.Open[80] = builder.Close[79] * 1.14;
        builder.High[80] = Math.Max(builder.High[80], builder.Open[80]);

        var signal = RankedBesideAHealthyOne(builder.Build(), new MomentumSettings { MaxGap = 0.10 });

        AssertDisqualified(signal, "gap: opened 14.0% away");
        Assert.EndsWith("over the 10% limit", signal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_older_than_the_scoring_window_is_not_held_against_the_symbol()
    {
        // 150 bars: the window's gaps are those into bars 60..149; a 40% gap into bar 20 is history.
        var builder = MomentumBars.Exponential("OLDGAP", 150, growth: 0.001, start: 90);
        builder.Open[20] = builder.Close[19] * 1.4;
        builder.High[20] = builder.Open[20];

        var signal = Assert.Single(MomentumRanking.Rank([builder.Build()], null, Defaults).Signals);

        Assert.True(signal.Qualified);
        Assert.Null(signal.Reason);
    }

    [Fact]
    public void A_gap_on_the_last_bar_counts()
    {
        var builder = MomentumBars.Exponential("LASTGAP", 100, growth: 0.001);
        builder.Open[99] = builder.Close[98] * 0.75;
        builder.Low[99] = builder.Open[99];

        var signal = RankedBesideAHealthyOne(builder.Build());

        AssertDisqualified(signal, "gap: opened 25.0% away from the previous close on 2024-04-09");
    }

    [Fact]
    public void Fewer_bars_than_the_filters_need_is_not_enough_history()
    {
        // Lookback 90 needs 91 closes, the trend average 100, the ATR 21: 100 in all.
        var signal = RankedBesideAHealthyOne(MomentumBars.Exponential("YOUNG", 99, growth: 0.003).Build(firstDay: 1));

        AssertDisqualified(signal, "not enough history: ");
        Assert.Equal("not enough history: 99 bars, the filters need 100", signal.Reason);
        Assert.True(double.IsNaN(signal.MomentumScore));
        Assert.True(double.IsNaN(signal.RiskUnit));
    }

    [Fact]
    public void The_history_needed_follows_the_longest_window()
    {
        var settings = new MomentumSettings { LookbackPeriod = 120 };
        var young = MomentumBars.Exponential("YOUNG", 120, growth: 0.003).Build(firstDay: -20);
        var good = MomentumBars.Exponential("GOOD", 121, growth: 0.001).Build(firstDay: -21);

        var ranking = MomentumRanking.Rank([good, young], null, settings);

        Assert.Equal(121, settings.RequiredBars);
        Assert.Equal(1, ranking.Signals[0].Rank);
        Assert.Equal("not enough history: 120 bars, the filters need 121", ranking.Signals[1].Reason);
    }

    [Fact]
    public void A_symbol_whose_last_bar_is_older_than_the_others_latest_is_stale()
    {
        // 100 bars ending one day before the healthy symbol's last bar (2024-04-09, day 99).
        var signal = RankedBesideAHealthyOne(MomentumBars.Exponential("STALE", 100, growth: 0.003).Build(firstDay: -1));

        AssertDisqualified(signal, "stale: ");
        Assert.Equal("stale: its last bar is 2024-04-08, the ranking is as of 2024-04-09", signal.Reason);
    }

    [Fact]
    public void A_symbol_without_range_has_no_usable_risk()
    {
        // Flat closes and high = low: every true range is 0, so the risk parity size would be infinite.
        var signal = RankedBesideAHealthyOne(MomentumBars.Of("NORANGE", Enumerable.Repeat(50.0, 100), range: 0).Build());

        AssertDisqualified(signal, "no usable risk: ");
        Assert.Equal("no usable risk: ATR 0, score 0", signal.Reason);
    }

    [Fact]
    public void Disqualified_symbols_come_after_the_ranked_ones_in_symbol_order()
    {
        var universe = new[]
        {
            MomentumBars.Exponential("ZZZ", 50, growth: 0.001).Build(firstDay: 50),
            MomentumBars.Exponential("GOOD", 100, growth: 0.001).Build(),
            MomentumBars.Exponential("AAA", 60, growth: 0.001).Build(firstDay: 40),
        };

        var ranking = MomentumRanking.Rank(universe, null, Defaults);

        Assert.Equal(["GOOD", "AAA", "ZZZ"], ranking.Signals.Select(s => s.Symbol.Value));
        Assert.Equal([1, null, null], ranking.Signals.Select(s => s.Rank));
    }
}
