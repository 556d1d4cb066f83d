using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Engine;
using Trading.Execution;
using Trading.Strategies;

namespace Trading.Tests.Engine;

/// <summary>The engine's step driven bar time by bar time, as a feed delivers them, gives what the backtest gives over
/// the same bars: the same orders, fills and equity, to the last digit. This is what lets a trading node replayed
/// over a period be checked against a backtest of that period.</summary>
public sealed class FeedTimelineEquivalenceTests
{
    private static readonly MarketDataBatchFixture Market = new();

    public static TheoryData<string, string> Runs() => new()
    {
        { "sma_cross", "fast=10,slow=30" },
        { "sma_cross", "fast=5,slow=20,allocation=0.5" },
        { "momentum", "lookback_period=60,top_percentage=0.4" },
        { "buy_and_hold", string.Empty },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_feed_driven_run_gives_the_backtests_orders_fills_and_equity(string strategy, string parameters)
    {
        var definition = StrategyRegistry.Default.Find(strategy);
        var bound = definition.Bind(Parse(parameters));
        var settings = new BacktestSettings
        {
            InitialCash = 100_000m,
            Venue = new VenueSettings { Commission = new PercentOfValueCommission(0.001m), Slippage = new FixedBasisPointsSlippage(5) },
        };
        var backtest = BacktestEngine.Run(definition.Name, definition.Create(bound), bound, Market.Input, settings);

        var timeline = new FeedTimeline([.. Market.Stocks.Select(s => s.Symbol)], Interval.Daily);
        var engine = new TradingEngine(definition.Create(bound), timeline, settings, Market.Input.Actions, Market.Stocks.Min(s => s.FirstTime), Market.Index);
        engine.Start();
        foreach (var (time, bars) in Slices(Market.Stocks))
        {
            // One time at a time, as a feed completes them: the engine never holds a bar after its clock.
            timeline.Enqueue(time, bars);
            Assert.True(timeline.Advance());
            engine.Step();
            Assert.False(timeline.Advance());
        }

        engine.Finish();

        Assert.True(backtest.Fills.Count >= Market.Stocks.Length, $"only {backtest.Fills.Count} fills: the run should trade");
        Assert.Equal(backtest.Fills, engine.Fills);
        Assert.Equal(backtest.Orders.Select(Describe), engine.Venue.Orders.Select(Describe));
        Assert.Equal(backtest.EquityCurve, engine.EquityCurve);
        Assert.Equal(backtest.FinalCash, engine.Ledger.Cash);
        Assert.Equal(backtest.FinalEquity, engine.Ledger.Equity);
        Assert.Equal(backtest.Warnings, engine.Warnings);
    }

    [Fact]
    public void A_strategy_reading_indicators_sees_them_over_the_bars_so_far_only()
    {
        // An indicator column computed once over the whole series would be the same in a backtest; over a growing
        // series it must be computed again as bars arrive, or the strategy would read a stale column.
        var probe = new IndicatorProbe();
        var timeline = new FeedTimeline([Market.Stocks[0].Symbol], Interval.Daily);
        var engine = new TradingEngine(probe, timeline, new BacktestSettings(), [], Market.Stocks[0].FirstTime);
        engine.Start();
        foreach (var (time, bars) in Slices([Market.Stocks[0]]).Take(40))
        {
            timeline.Enqueue(time, bars);
            timeline.Advance();
            engine.Step();
        }

        var closes = Market.Stocks[0].Close[..40].ToArray();
        var expected = Enumerable.Range(0, 40).Select(i => i < 4 ? double.NaN : closes[(i - 4)..(i + 1)].Average()).ToArray();
        Assert.Equal(40, probe.Seen.Count);
        for (var i = 4; i < 40; i++)
        {
            Assert.Equal(expected[i], probe.Seen[i], 9);
        }
    }

    [Fact]
    public void A_time_that_does_not_come_after_the_last_or_a_bar_of_another_time_is_refused()
    {
        var stock = Market.Stocks[0];
        var timeline = new FeedTimeline([stock.Symbol], Interval.Daily);
        timeline.Enqueue(stock.Time[1], [(stock.Symbol, stock[1])]);

        Assert.Throws<ArgumentException>(() => timeline.Enqueue(stock.Time[1], [(stock.Symbol, stock[1])]));
        Assert.Throws<ArgumentException>(() => timeline.Enqueue(stock.Time[0], [(stock.Symbol, stock[0])]));
        Assert.Throws<ArgumentException>(() => timeline.Enqueue(stock.Time[3], [(stock.Symbol, stock[2])]));
        Assert.Throws<ArgumentException>(() => timeline.Enqueue(stock.Time[3], [(Symbol.Parse("ELSEWHERE"), stock[3] with { Time = stock.Time[3] })]));
        Assert.Throws<ArgumentException>(() => timeline.Enqueue(stock.Time[3], [(stock.Symbol, stock[3]), (stock.Symbol, stock[3])]));
        Assert.Throws<ArgumentException>(() => timeline.Enqueue(stock.Time[3], [(stock.Symbol, stock[3] with { High = stock[3].Low / 2 })]));
        Assert.Equal(1, timeline.Queued);
    }

    [Fact]
    public void A_series_view_taken_earlier_does_not_change_as_bars_arrive()
    {
        var stock = Market.Stocks[0];
        var timeline = new FeedTimeline([stock.Symbol], Interval.Daily);
        for (var i = 0; i < 3; i++)
        {
            timeline.Enqueue(stock.Time[i], [(stock.Symbol, stock[i])]);
            timeline.Advance();
        }

        var early = timeline.Series[0];
        for (var i = 3; i < 200; i++)
        {
            timeline.Enqueue(stock.Time[i], [(stock.Symbol, stock[i])]);
            timeline.Advance();
        }

        Assert.Equal(3, early.Count);
        Assert.Equal(stock.Close[..3].ToArray(), early.Close.ToArray());
        Assert.Equal(200, timeline.BarsSeen(0));
        Assert.Equal(stock.Close[..200].ToArray(), timeline.Series[0].Close.ToArray());
    }

    private static IEnumerable<(DateTime Time, List<(Symbol, Bar)> Bars)> Slices(IReadOnlyList<BarSeries> series) =>
        series
            .SelectMany(s => Enumerable.Range(0, s.Count).Select(i => (s.Symbol, Bar: s[i])))
            .GroupBy(b => b.Bar.Time)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Select(b => (b.Symbol, b.Bar)).ToList()));

    private static Dictionary<string, string> Parse(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    private static string Describe(OrderTicket ticket) =>
        $"{ticket.Id}|{ticket.Request}|{ticket.Status}|{string.Join(";", ticket.Events)}";

    /// <summary>Five stocks over three years with their index; generated once.</summary>
    private sealed class MarketDataBatchFixture
    {
        public MarketDataBatchFixture()
        {
            var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 8, From = new DateOnly(2016, 1, 1), To = new DateOnly(2018, 12, 31) });
            Stocks = [.. market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol)];
            Index = market.Series.Single(s => s.Symbol == SyntheticMarket.IndexSymbol);
            Input = new BacktestInput(Stocks, market.Actions) { MarketIndex = Index };
        }

        public BarSeries[] Stocks { get; }

        public BarSeries Index { get; }

        public BacktestInput Input { get; }
    }

    /// <summary>Reads a 5-bar SMA of the latest bar at every bar.</summary>
    private sealed class IndicatorProbe : IStrategy
    {
        public List<double> Seen { get; } = [];

        public void Initialize(IStrategyContext context)
        {
        }

        public void OnBar(IStrategyContext context, int symbol) => Seen.Add(context.Indicator(symbol, "sma(5)"));
    }
}
