using Trading.Domain;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

public sealed class MomentumRankingTests
{
    private static readonly MomentumSettings Defaults = new();

    /// <summary>S01..S10 growing 0.01%, 0.02%, ..., 0.10% a bar: exact exponentials, so R² = 1 and the score,
    /// exp(252 × growth) − 1, rises with the number.</summary>
    private static List<BarSeries> TenByGrowth() =>
        [.. Enumerable.Range(1, 10).Select(k => MomentumBars.Exponential($"S{k:00}", 100, growth: 0.0001 * k).Build())];

    [Fact]
    public void The_top_20_percent_of_ten_are_the_two_fastest_and_the_rest_are_sold_as_outside_the_top()
    {
        var ranking = MomentumRanking.Rank(TenByGrowth(), null, Defaults);

        Assert.Equal(2, ranking.TopCount);
        Assert.Equal(
            ["S10", "S09", "S08", "S07", "S06", "S05", "S04", "S03", "S02", "S01"],
            ranking.Signals.Select(s => s.Symbol.Value));
        Assert.Equal(Enumerable.Range(1, 10).Select(r => (int?)r), ranking.Signals.Select(s => s.Rank));
        Assert.Equal([SignalAction.Buy, SignalAction.Buy], ranking.Signals.Take(2).Select(s => s.Action));
        Assert.All(ranking.Signals.Skip(2), s => Assert.Equal(SignalAction.Sell, s.Action));
        Assert.Equal("ranked 3 of 10 qualified: outside the top 2 (20% of 10)", ranking.Signals[2].Reason);
        Assert.Equal("ranked 10 of 10 qualified: outside the top 2 (20% of 10)", ranking.Signals[9].Reason);

        // S10: exp(252 × 0.001) − 1; S01: exp(252 × 0.0001) − 1.
        Assert.Equal(Math.Exp(0.252) - 1, ranking.Signals[0].MomentumScore, 1e-9);
        Assert.Equal(Math.Exp(0.0252) - 1, ranking.Signals[9].MomentumScore, 1e-9);
    }

    [Fact]
    public void The_decision_time_is_the_latest_bar_of_the_universe()
    {
        var ranking = MomentumRanking.Rank(TenByGrowth(), null, Defaults);

        // 100 daily bars from 2024-01-01: the last is 2024-04-09.
        Assert.Equal(new DateTime(2024, 4, 9, 0, 0, 0, DateTimeKind.Utc), ranking.AsOf);
    }

    [Fact]
    public void The_input_order_of_the_universe_does_not_matter()
    {
        var universe = TenByGrowth();
        var reversed = Enumerable.Reverse(universe).ToList();

        var a = MomentumRanking.Rank(universe, null, Defaults);
        var b = MomentumRanking.Rank(reversed, null, Defaults);

        Assert.Equal(a.Signals, b.Signals);
    }

    [Theory]
    [InlineData(3, 0.2, 1)] // 0.6 rounds up to 1
    [InlineData(10, 0.2, 2)] // exactly 2
    [InlineData(11, 0.2, 3)] // 2.2 rounds up to 3
    [InlineData(1, 0.2, 1)] // a universe of one still holds one
    [InlineData(4, 0.25, 1)] // exactly 1
    [InlineData(7, 1.0, 7)] // everything
    [InlineData(0, 0.2, 0)] // nothing to hold
    public void The_top_count_is_the_percentage_of_the_universe_rounded_up(int universe, double topPercentage, int expected)
    {
        Assert.Equal(expected, new MomentumSettings { TopPercentage = topPercentage }.TopCount(universe));
    }

    [Fact]
    public void Three_symbols_at_20_percent_make_one_buy()
    {
        var universe = TenByGrowth().Take(3).ToList();

        var ranking = MomentumRanking.Rank(universe, null, Defaults);

        Assert.Equal(1, ranking.TopCount);
        Assert.Equal(["S03"], ranking.Signals.Where(s => s.Action == SignalAction.Buy).Select(s => s.Symbol.Value));
        Assert.Equal("ranked 2 of 3 qualified: outside the top 1 (20% of 3)", ranking.Signals[1].Reason);
    }

    [Fact]
    public void Equal_scores_rank_by_symbol()
    {
        BarSeries Same(string symbol) => MomentumBars.Exponential(symbol, 100, growth: 0.001).Build();

        var ranking = MomentumRanking.Rank([Same("CCC"), Same("AAA"), Same("BBB")], null, Defaults);

        Assert.Equal(["AAA", "BBB", "CCC"], ranking.Signals.Select(s => s.Symbol.Value));
        Assert.Equal([1, 2, 3], ranking.Signals.Select(s => s.Rank ?? 0));
        Assert.Equal(SignalAction.Buy, ranking.Signals[0].Action);
    }

    [Fact]
    public void The_top_count_is_of_the_whole_universe_even_when_some_are_disqualified()
    {
        // Eight of ten are too young to rank: 20% of 10 is still 2, so both qualified symbols are bought.
        var universe = TenByGrowth();
        for (var k = 0; k < 8; k++)
        {
            universe[k] = MomentumBars.Exponential(universe[k].Symbol.Value, 50, growth: 0.01).Build(firstDay: 50);
        }

        var ranking = MomentumRanking.Rank(universe, null, Defaults);

        Assert.Equal(2, ranking.TopCount);
        Assert.Equal(["S10", "S09"], ranking.Signals.Where(s => s.Action == SignalAction.Buy).Select(s => s.Symbol.Value));
        Assert.Equal(8, ranking.Signals.Count(s => s.Action == SignalAction.Sell && s.Rank is null));
    }

    [Fact]
    public void A_ranking_becomes_the_original_systems_signal_list()
    {
        var universe = TenByGrowth().Take(2).Append(MomentumBars.Exponential("NEW", 10, growth: 0.01).Build(firstDay: 90)).ToList();
        var ranking = MomentumRanking.Rank(universe, null, Defaults);

        var list = SignalList.Of(ranking, Interval.Daily);

        Assert.Equal("2024-04-09", list.AsOf);
        Assert.Equal(3, list.UniverseSize);
        Assert.Equal(1, list.TopCount);
        Assert.Equal(ranking.Regime.Description, list.MarketRegime);
        Assert.Equal(["S02", "S01", "NEW"], list.Signals.Select(s => s.Symbol));
        Assert.Equal(["BUY", "SELL", "SELL"], list.Signals.Select(s => s.Signal));
        var top = list.Signals[0];
        Assert.Equal(Math.Exp(252 * 0.0002) - 1, top.MomentumScore!.Value, 1e-9);
        Assert.Equal(2.0, top.RiskUnit!.Value, 1e-12);
        Assert.Equal(1, top.Rank);

        // A symbol without the history has no score or risk unit: null, not NaN.
        var young = list.Signals[2];
        Assert.Null(young.MomentumScore);
        Assert.Null(young.RiskUnit);
        Assert.Null(young.Rank);
        Assert.NotNull(young.CurrentPrice);
        Assert.StartsWith("not enough history", young.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2010)]
    [InlineData(2020)]
    public void A_ranking_that_does_not_explain_gives_each_reason_when_asked_exactly_as_one_that_does(int year)
    {
        // The synthetic market's 50 stocks at the end of a year (trend and gap failures, ranked-out sells), one short of
        // history and one stale, under a falling index (the regime holds the top back).
        var market = Trading.Data.Synthetic.SyntheticMarket.Generate(new Trading.Data.Synthetic.SyntheticMarketOptions());
        var end = new DateTime(year, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        List<BarSeries> universe =
        [
            .. market.Series.Where(x => x.Symbol != Trading.Data.Synthetic.SyntheticMarket.IndexSymbol).Select(x => x.Between(null, end)),
            Renamed(market.Series[1].Between(null, end).Window(30), "YOUNG"),
            Renamed(market.Series[0].Between(null, end.AddDays(-20)), "OLD"),
        ];
        var index = MomentumBars.Index(Enumerable.Range(0, 250).Select(i => 200 - (0.3 * i)));

        var explained = MomentumRanking.Rank(universe, index, Defaults, explain: true);
        var silent = MomentumRanking.Rank(universe, index, Defaults, explain: false);

        Assert.Equal(explained.Signals.Select(x => (x.Symbol, x.Action, x.Rank)), silent.Signals.Select(x => (x.Symbol, x.Action, x.Rank)));
        Assert.All(silent.Signals, x => Assert.Null(x.Reason));
        Assert.All(explained.Signals, x => Assert.Equal(x.Reason, silent.ReasonFor(x.Symbol)));
        var reasons = explained.Signals.Select(x => x.Reason ?? string.Empty).ToList();
        foreach (var kind in new[] { "ranked ", "trend: ", "not enough history", "stale: ", "in the top " })
        {
            Assert.Contains(reasons, r => r.StartsWith(kind, StringComparison.Ordinal));
        }
    }

    private static BarSeries Renamed(BarSeries bars, string symbol) =>
        new(Symbol.Parse(symbol), bars.Interval, bars.Time.ToArray(), bars.Open.ToArray(), bars.High.ToArray(), bars.Low.ToArray(), bars.Close.ToArray(), bars.Volume.ToArray());
}
