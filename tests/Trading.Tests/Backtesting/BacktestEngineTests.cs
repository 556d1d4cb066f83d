using Trading.Backtesting;
using Trading.Domain;
using Trading.Execution;

namespace Trading.Tests.Backtesting;

public class BacktestEngineTests
{
    private static readonly Symbol Aaa = Symbol.Parse("AAA");
    private static readonly Symbol Bbb = Symbol.Parse("BBB");

    private static DateTime Day(int d) => new(2024, 1, d, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Bars on the given days; open = 10 × day, close = open + 1, high = close + 1, low = open − 1.</summary>
    private static BarSeries Series(Symbol symbol, params int[] days) => BarSeries.FromBars(
        symbol,
        Interval.Daily,
        days.Select(d => new Bar(Day(d), 10 * d, (10 * d) + 2, (10 * d) - 1, (10 * d) + 1, 1_000_000)));

    private static BacktestResult Run(ScriptedStrategy strategy, BacktestInput input, BacktestSettings? settings = null) =>
        BacktestEngine.Run("scripted", strategy, new Dictionary<string, string>(), input, settings ?? new BacktestSettings { InitialCash = 10_000m });

    [Fact]
    public void A_market_order_decided_at_a_bar_fills_at_the_next_bars_open()
    {
        var strategy = new ScriptedStrategy((Day(2), OrderRequest.Market(Aaa, OrderSide.Buy, 10)));

        var result = Run(strategy, new BacktestInput([Series(Aaa, 1, 2, 3, 4)], []));

        var fill = Assert.Single(result.Fills);
        Assert.Equal(Day(3), fill.Time);
        Assert.Equal(30m, fill.Price);
        Assert.Equal(10m, fill.Quantity);
        // Cash 10,000 − 300; 10 shares marked at the last close 41: equity 9,700 + 410.
        Assert.Equal(9_700m, result.FinalCash);
        Assert.Equal(10_110m, result.FinalEquity);
    }

    [Fact]
    public void The_strategy_sees_each_bar_once_in_time_order_and_never_a_later_one()
    {
        var strategy = new ScriptedStrategy();

        Run(strategy, new BacktestInput([Series(Aaa, 1, 3, 4), Series(Bbb, 2, 3)], []));

        Assert.Equal(
            [(Day(1), 0), (Day(2), 1), (Day(3), 0), (Day(3), 1), (Day(4), 0)],
            strategy.Seen.Select(s => (s.Time, s.Symbol)));
        Assert.All(strategy.Seen, s => Assert.Equal(s.Time, s.Bar.Time));
        Assert.True(strategy.Ended);
    }

    [Fact]
    public void A_symbol_without_a_bar_gets_no_fill_until_its_next_bar()
    {
        // BBB trades on days 1 and 4 only; the order decided on day 1 cannot fill on days 2 or 3.
        var strategy = new ScriptedStrategy((Day(1), OrderRequest.Market(Bbb, OrderSide.Buy, 5)));

        var result = Run(strategy, new BacktestInput([Series(Aaa, 1, 2, 3, 4), Series(Bbb, 1, 4)], []));

        var fill = Assert.Single(result.Fills);
        Assert.Equal(Day(4), fill.Time);
        Assert.Equal(40m, fill.Price);
    }

    [Fact]
    public void A_requested_symbol_without_data_is_a_warning_not_silence()
    {
        var result = Run(new ScriptedStrategy(), new BacktestInput([Series(Aaa, 1, 2), BarSeries.Empty(Bbb, Interval.Daily)], []));

        Assert.Contains(result.Warnings, w => w.Contains("BBB", StringComparison.Ordinal) && w.Contains("cannot trade", StringComparison.Ordinal));
    }

    [Fact]
    public void A_split_multiplies_the_position_and_keeps_equity_whole()
    {
        // Buy 10 at day 2's open (20); a 2:1 split on day 3 makes 20 shares; day 3's close (31) is post-split.
        var strategy = new ScriptedStrategy((Day(1), OrderRequest.Market(Aaa, OrderSide.Buy, 10)));

        var result = Run(strategy, new BacktestInput([Series(Aaa, 1, 2, 3)], [CorporateAction.Split(Aaa, DateOnly.FromDateTime(Day(3)), 2)]));

        Assert.Equal(10_000m - 200m, result.FinalCash);
        Assert.Equal(10_000m - 200m + (20 * 31m), result.FinalEquity);
    }

    [Fact]
    public void A_dividend_is_credited_to_holders_on_its_ex_date()
    {
        var strategy = new ScriptedStrategy((Day(1), OrderRequest.Market(Aaa, OrderSide.Buy, 10)));

        var result = Run(strategy, new BacktestInput([Series(Aaa, 1, 2, 3)], [CorporateAction.CashDividend(Aaa, DateOnly.FromDateTime(Day(3)), 0.5m)]));

        Assert.Equal(10_000m - 200m + 5m, result.FinalCash);
    }

    [Fact]
    public void A_slippage_model_that_reads_the_bar_is_given_the_whole_fill_bar_and_one_that_does_not_an_empty_one()
    {
        // The venue reads a bar's fields only as its orders and models need them: a model that reads the bar must
        // still see every field of the bar it fills on, here day 3's (open 30, high 32, low 29, close 31).
        var reading = new RecordingSlippage(readsBar: true);
        var ignoring = new RecordingSlippage(readsBar: false);

        var withReading = Run(
            new ScriptedStrategy((Day(2), OrderRequest.Market(Aaa, OrderSide.Buy, 10))),
            new BacktestInput([Series(Aaa, 1, 2, 3, 4)], []),
            new BacktestSettings { InitialCash = 10_000m, Venue = new VenueSettings { Slippage = reading } });
        var withIgnoring = Run(
            new ScriptedStrategy((Day(2), OrderRequest.Market(Aaa, OrderSide.Buy, 10))),
            new BacktestInput([Series(Aaa, 1, 2, 3, 4)], []),
            new BacktestSettings { InitialCash = 10_000m, Venue = new VenueSettings { Slippage = ignoring } });

        Assert.Equal([new Bar(Day(3), 30, 32, 29, 31, 1_000_000)], reading.Bars);
        Assert.Equal([default(Bar)], ignoring.Bars);
        Assert.Equal(30.03m, Assert.Single(withReading.Fills).Price);
        Assert.Equal(30.03m, Assert.Single(withIgnoring.Fills).Price);
    }

    /// <summary>Adds three cents to every price and remembers the bars it was given.</summary>
    private sealed class RecordingSlippage(bool readsBar) : ISlippageModel
    {
        public List<Bar> Bars { get; } = [];

        public bool ReadsBar => readsBar;

        public decimal Apply(OrderSide side, decimal price, decimal quantity, in Bar bar)
        {
            Bars.Add(bar);
            return price + 0.03m;
        }
    }

    [Fact]
    public void Same_bar_fills_happen_only_when_switched_on()
    {
        var order = OrderRequest.MarketOnClose(Aaa, OrderSide.Buy, 1);

        var normal = Run(new ScriptedStrategy((Day(2), order)), new BacktestInput([Series(Aaa, 1, 2, 3)], []));
        var sameBar = Run(
            new ScriptedStrategy((Day(2), order)),
            new BacktestInput([Series(Aaa, 1, 2, 3)], []),
            new BacktestSettings { InitialCash = 10_000m, Venue = new VenueSettings { FillOnSameBar = true } });

        Assert.Equal((Day(3), 31m), (normal.Fills[0].Time, normal.Fills[0].Price));
        Assert.Equal((Day(2), 21m), (sameBar.Fills[0].Time, sameBar.Fills[0].Price));
    }

    [Fact]
    public void The_equity_curve_has_one_point_per_time_and_ends_at_final_equity()
    {
        var strategy = new ScriptedStrategy((Day(1), OrderRequest.Market(Aaa, OrderSide.Buy, 10)));

        var result = Run(strategy, new BacktestInput([Series(Aaa, 1, 2, 4), Series(Bbb, 3)], []));

        Assert.Equal([Day(1), Day(2), Day(3), Day(4)], result.EquityCurve.Select(p => p.Time));
        Assert.Equal((double)result.FinalEquity, result.EquityCurve[^1].Equity, 9);
        Assert.Equal(4, result.BarEvents);
    }

    [Fact]
    public void The_benchmark_is_aligned_to_the_clock_with_gaps_as_nan()
    {
        var result = Run(new ScriptedStrategy(), new BacktestInput([Series(Aaa, 1, 2, 3)], [], Series(Bbb, 1, 3)));

        Assert.Equal(11.0, result.BenchmarkCloses![0]);
        Assert.True(double.IsNaN(result.BenchmarkCloses[1]));
        Assert.Equal(31.0, result.BenchmarkCloses[2]);
    }

    [Fact]
    public void Mixed_intervals_are_refused()
    {
        var minutes = BarSeries.FromBars(Bbb, Interval.OneMinute, [new Bar(Day(1), 1, 1, 1, 1, 1)]);

        var error = Assert.Throws<ArgumentException>(() => Run(new ScriptedStrategy(), new BacktestInput([Series(Aaa, 1), minutes], [])));
        Assert.Contains("same bar interval", error.Message, StringComparison.Ordinal);
    }
}
