using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Strategies;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

/// <summary>Data from before the NYSE holiday rules this program knows (1998): a run with a schedule falls back to a
/// weekday calendar, says so, and a Wednesday without a bar moves that week's rebalance to the next bar; a run
/// without a schedule has nothing to warn about.</summary>
public class MomentumBeforeNyseRulesTests
{
    [Fact]
    public void A_1990_run_rebalances_weekly_on_weekdays_and_warns_about_the_calendar()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 5, From = new DateOnly(1990, 1, 1), To = new DateOnly(1991, 12, 31) });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        var index = market.Series.Single(s => s.Symbol == SyntheticMarket.IndexSymbol);
        var definition = StrategyRegistry.Default.Find(MomentumStrategy.Name);

        var result = BacktestEngine.Run(
            definition.Name,
            definition.Create(definition.Defaults),
            definition.Defaults.AsText(),
            new BacktestInput(stocks, market.Actions, index) { MarketIndex = index },
            new BacktestSettings());

        var days = result.Rebalances.Select(r => DateOnly.FromDateTime(r.Time)).ToList();
        Assert.Contains(result.Warnings, w => w.Contains("before the NYSE holiday rules", StringComparison.Ordinal));
        // 1990-07-04 is a Wednesday the synthetic market is shut: the rebalance comes on Thursday's bar instead.
        Assert.DoesNotContain(new DateOnly(1990, 7, 4), days);
        Assert.Contains(new DateOnly(1990, 7, 5), days);
        Assert.All(days.Where(d => d != new DateOnly(1990, 7, 5) && d.Month != 12 && d.Month != 1), d => Assert.Equal(DayOfWeek.Wednesday, d.DayOfWeek));
        // One a week: two years of weeks, give or take the first.
        Assert.InRange(days.Count, 102, 105);
        Assert.Equal(days.Count, days.Distinct().Count());
    }

    [Fact]
    public void A_1990_run_without_a_schedule_is_not_warned_about_the_calendar()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 5, From = new DateOnly(1990, 1, 1), To = new DateOnly(1991, 12, 31) });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        var definition = StrategyRegistry.Default.Find("sma_cross");

        var result = BacktestEngine.Run(
            definition.Name,
            definition.Create(definition.Defaults),
            definition.Defaults.AsText(),
            new BacktestInput(stocks, market.Actions),
            new BacktestSettings());

        Assert.NotEmpty(result.Fills);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("NYSE", StringComparison.Ordinal));
    }
}
