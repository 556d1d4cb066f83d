using Trading.Backtesting;
using Trading.Domain;
using Trading.Optimization;
using Trading.Strategies.BuiltIn;
using Trading.Tests.Backtesting;
using Trading.Tests.Indicators;

namespace Trading.Tests.Optimization;

/// <summary>A walk-forward's test runs warm up on the bars before them (<see cref="BacktestInput.TradeFrom"/>): seen
/// by the strategy, never traded, and not part of the test's curve.</summary>
public sealed class WalkForwardWarmUpTests
{
    private static readonly Symbol Aaa = Symbol.Parse("AAA");
    private static readonly DateTime TestStart = new(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Weekdays of 2020 falling from 200 to 100, then of 2021 rising 1% a day: a 5-bar average crosses above
    /// a 100-bar one in the first days of 2021, when the 100-bar one has the 2020 bars to stand on.</summary>
    private static BarSeries FallThenRise()
    {
        var bars = new List<Bar>();
        for (var day = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc); day.Year < 2022; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var close = day.Year == 2020
                ? 200 - (100.0 * day.DayOfYear / 366)
                : Math.Round(100 * Math.Pow(1.01, bars.Count(b => b.Time.Year == 2021) + 1), 2);
            bars.Add(new Bar(day, close, close, close, close, 1_000_000));
        }

        return BarSeries.FromBars(Aaa, Interval.Daily, bars);
    }

    private static WalkForwardResult WalkForwardOver(BarSeries series, bool warmUp)
    {
        var definition = SmaCross.Definition;
        var space = new SearchSpace(definition, [ParameterRange.Parse(definition, "fast=5"), ParameterRange.Parse(definition, "slow=100")]);
        var windows = WalkForwardWindow.Plan(series.FirstTime, series.LastTime, WalkForwardPeriod.Parse("1y"), WalkForwardPeriod.Parse("1y"), anchored: false);
        Assert.Equal(TestStart, Assert.Single(windows).TestStart);
        return WalkForward.Run(space, space.Grid(), new BacktestInput([series], []), new BacktestSettings(), SweepMetric.Parse("total_return"), [], windows, jobs: 1, warmUp);
    }

    [Fact]
    public void A_slow_average_warmed_on_the_training_bars_trades_in_the_first_month_of_the_test_and_a_cold_one_does_not()
    {
        var series = FallThenRise();

        var warm = WalkForwardOver(series, warmUp: true);
        var cold = WalkForwardOver(series, warmUp: false);

        // Both test curves start on the test's first bar with the initial cash: the warm-up is not part of them.
        var firstBar = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var run in new[] { warm, cold })
        {
            Assert.Equal(firstBar, run.Stitched[0].Time);
            Assert.Equal(100_000, run.Stitched[0].Equity);
            Assert.Equal(100_000, run.Stitched[0].Cash);
        }

        var january = (Func<WalkForwardResult, bool>)(r => r.Stitched.Any(p => p.Time.Month == 1 && p.Time.Year == 2021 && p.GrossExposure > 0));
        Assert.True(january(warm), "warm: no position in January");
        Assert.False(january(cold), "cold: a position in January, before the 100-bar average could be ready");
        Assert.True(warm.OutOfSample.TotalReturn > cold.OutOfSample.TotalReturn);
    }

    [Fact]
    public void Orders_before_trade_from_are_refused_and_the_curve_starts_at_the_first_bar_after_with_the_initial_cash()
    {
        var series = BarSeries.FromBars(Aaa, Interval.Daily, Enumerable.Range(1, 6).Select(d => new Bar(new DateTime(2024, 1, d, 0, 0, 0, DateTimeKind.Utc), 10 * d, (10 * d) + 2, (10 * d) - 1, (10 * d) + 1, 1_000_000)));
        var strategy = new ScriptedStrategy(
            (new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), OrderRequest.Market(Aaa, OrderSide.Buy, 10)),
            (new DateTime(2024, 1, 4, 0, 0, 0, DateTimeKind.Utc), OrderRequest.Market(Aaa, OrderSide.Buy, 5)));
        var input = new BacktestInput([series], []) { TradeFrom = new DateTime(2024, 1, 3, 12, 0, 0, DateTimeKind.Utc) };

        var result = BacktestEngine.Run("scripted", strategy, new Dictionary<string, string>(), input, new BacktestSettings { InitialCash = 10_000m });

        // The strategy saw every bar; the order of the 2nd (warm-up) was refused, the 4th's filled at the 5th's open.
        Assert.Equal(6, strategy.Seen.Count);
        Assert.Equal(OrderStatus.Rejected, result.Orders[0].Status);
        Assert.StartsWith("warming up: the run trades from 2024-01-03 12:00", result.Orders[0].Reason, StringComparison.Ordinal);
        var fill = Assert.Single(result.Fills);
        Assert.Equal((5m, 50m), (fill.Quantity, fill.Price));
        Assert.Equal(new DateTime(2024, 1, 4, 0, 0, 0, DateTimeKind.Utc), result.Start);
        Assert.Equal(3, result.EquityCurve.Count);
        Assert.Equal(10_000, result.EquityCurve[0].Equity);
        Assert.Equal(10_000m - 250m + (5 * 61m), result.FinalEquity);
    }

    [Fact]
    public void Trading_from_the_first_bar_or_before_is_the_same_run_as_without_a_warm_up()
    {
        var series = TestBars.RandomWalk(7, 400);
        var parameters = SmaCross.Definition.Bind(new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" });
        BacktestResult Run(DateTime? tradeFrom) => BacktestEngine.Run(SmaCross.Name, SmaCross.Definition.Create(parameters), parameters, new BacktestInput([series], []) { TradeFrom = tradeFrom }, new BacktestSettings());

        var plain = Run(null);

        foreach (var from in new[] { series.FirstTime, series.FirstTime.AddYears(-1) })
        {
            var warmed = Run(from);
            Assert.Equal(plain.EquityCurve, warmed.EquityCurve);
            Assert.Equal(plain.Fills, warmed.Fills);
            Assert.Equal(plain.Metrics, warmed.Metrics);
        }

        Assert.NotEmpty(plain.Fills);
    }
}
