using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Execution;
using Trading.Optimization;
using Trading.Strategies;
using Trading.Strategies.BuiltIn;
using Trading.Tests.Backtesting;
using Sma = Trading.Indicators.Sma;

namespace Trading.Tests.Optimization;

/// <summary>A search's trials read their averages from columns shared between them (<see cref="SharedAverageCross"/>,
/// sma_cross's rules over <see cref="IStrategyContext.SharedIndicator"/>): every trial must be, to the last bit, the
/// sma_cross backtest that streams its own averages, splits included.</summary>
public sealed class SharedColumnTrialTests
{
    private static readonly StrategyDefinition Cross = SharedAverageCross.Definition;

    // Eight stocks over twelve years: enough splits that several fall inside the runs (checked below).
    private static readonly Lazy<BacktestInput> Market = new(() =>
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 8, From = new DateOnly(2008, 1, 1), To = new DateOnly(2019, 12, 31), Seed = 5 });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        return new BacktestInput(stocks, market.Actions, market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol)) { Calendar = SyntheticExchangeCalendar.Instance };
    });

    private static readonly BacktestSettings Settings = new() { Venue = new VenueSettings { Commission = new PercentOfValueCommission(0.001m) } };

    private static SearchSpace Space() =>
        new(Cross, [ParameterRange.Parse(Cross, "fast=5:25:5"), ParameterRange.Parse(Cross, "slow=20:60:10")]);

    [Fact]
    public void Every_trial_of_a_grid_is_the_same_with_shared_columns_as_with_streamed_averages()
    {
        var input = Market.Value;
        var columns = new IndicatorColumns(input.Universe, input.Actions);
        var splits = Enumerable.Range(0, input.Universe.Count).Sum(s => columns.SplitBars(s).Count);
        Assert.True(splits >= 3, $"only {splits} splits inside the runs: the test must cross some");

        var space = Space();
        var plan = space.Grid();
        var trading = 0;
        foreach (var combination in plan.Trials)
        {
            var parameters = space.TryBind(combination, out _)!;
            var streamed = BacktestEngine.Run(Cross.Name, new SmaCross(parameters), parameters, input, Settings);
            var shared = BacktestEngine.Run(Cross.Name, Cross.Create(parameters), parameters, input, Settings, columns: columns);

            Assert.Equal(BacktestDigestTests.Digest(streamed), BacktestDigestTests.Digest(shared));
            Assert.Equal(streamed.FinalEquity, shared.FinalEquity);
            Assert.Equal(streamed.Trades, shared.Trades);
            Assert.Equal(streamed.Metrics, shared.Metrics);
            trading += streamed.Trades.Count > 0 ? 1 : 0;
        }

        // The shared path was taken (each distinct average of each symbol computed once: sma(20) is both a fast and a
        // slow one), and the runs traded.
        Assert.Equal(9 * input.Universe.Count, columns.Computed);
        Assert.Equal(plan.Trials.Count, trading);
    }

    [Fact]
    public void A_search_computes_each_average_of_each_symbol_once_for_all_its_trials()
    {
        var input = Market.Value;
        var trial = new BacktestTrial(Cross, input, Settings);
        var space = Space();
        var plan = space.Grid();

        var result = Sweep.Run(space, plan, trial.Run, 3, SweepMetric.Parse("sharpe"));

        // 5 fast x 5 slow periods, fast below slow: 23 trials; 9 distinct averages (20 is both).
        Assert.Equal(23, result.Trials.Count);
        Assert.Equal(9 * input.Universe.Count, trial.Columns.Computed);
        Assert.Equal(9L * input.Universe.Sum(s => (long)s.Count) * sizeof(double), trial.Columns.Bytes);
    }

    [Fact]
    public void A_search_with_shared_columns_ranks_its_trials_as_one_without()
    {
        var input = Market.Value;
        var space = Space();
        var plan = space.Grid();
        var shared = Sweep.Run(space, plan, new BacktestTrial(Cross, input, Settings).Run, 2, SweepMetric.Parse("sharpe"));
        var streamed = Sweep.Run(
            space,
            plan,
            (spec, token) =>
            {
                var run = BacktestEngine.Run(Cross.Name, new SmaCross(spec.Parameters), spec.Parameters, input, Settings, null, token);
                return new TrialResult
                {
                    Number = spec.Number,
                    GridIndex = spec.GridIndex,
                    Parameters = spec.Parameters.Values,
                    Metrics = run.Metrics,
                    TradeCount = run.Trades.Count,
                    FinalEquity = run.FinalEquity,
                    BarEvents = run.BarEvents,
                    Returns = [],
                };
            },
            2,
            SweepMetric.Parse("sharpe"));

        Assert.Equal(streamed.Trials.Select(t => (t.Number, t.FinalEquity, t.TradeCount, t.Metrics)), shared.Trials.Select(t => (t.Number, t.FinalEquity, t.TradeCount, t.Metrics)));
    }

    [Fact]
    public void Beyond_its_byte_cap_the_store_keeps_nothing_more_and_the_strategy_streams_with_the_same_result()
    {
        var input = Market.Value;
        var parameters = Cross.Bind(new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "40" });

        // Room for the two averages of the first symbol only.
        var columns = new IndicatorColumns(input.Universe, input.Actions, 2L * input.Universe[0].Count * sizeof(double));
        var capped = BacktestEngine.Run(Cross.Name, Cross.Create(parameters), parameters, input, Settings, columns: columns);
        var streamed = BacktestEngine.Run(Cross.Name, new SmaCross(parameters), parameters, input, Settings);

        Assert.Equal(2, columns.Computed);
        Assert.True(columns.Bytes <= columns.ByteCap);
        Assert.Null(columns.Column(1, "sma(10)", restartAtSplits: true));
        Assert.Equal(BacktestDigestTests.Digest(streamed), BacktestDigestTests.Digest(capped));
    }

    [Fact]
    public void Columns_of_other_data_are_refused()
    {
        var input = Market.Value;
        var parameters = Cross.Bind(new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "40" });
        var otherUniverse = new IndicatorColumns([.. input.Universe.Skip(1)], input.Actions);
        var otherActions = new IndicatorColumns(input.Universe, [.. input.Actions.Where(a => a.Kind != CorporateActionKind.Split)]);

        Assert.Throws<ArgumentException>(() => BacktestEngine.Run(Cross.Name, Cross.Create(parameters), parameters, input, Settings, columns: otherUniverse));
        Assert.Throws<ArgumentException>(() => BacktestEngine.Run(Cross.Name, Cross.Create(parameters), parameters, input, Settings, columns: otherActions));
    }

    [Fact]
    public void Sma_cross_itself_streams_in_a_search_and_keeps_no_column()
    {
        var input = Market.Value;
        var trial = new BacktestTrial(SmaCross.Definition, input, Settings);
        var parameters = SmaCross.Definition.Bind(new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "40" });

        trial.Run(new TrialSpec(0, 0, parameters));

        Assert.Equal(0, trial.Columns.Computed);
    }

    /// <summary>sma_cross's rules with its two averages read from the columns a search shares, split restarts
    /// included, and streamed where the run has none: the way a strategy of one's own uses them.</summary>
    private sealed class SharedAverageCross(StrategyParameters parameters) : LongOnlyStrategy(PositionSizing.From(parameters))
    {
        private readonly int _fastPeriod = parameters.GetInt("fast");
        private readonly int _slowPeriod = parameters.GetInt("slow");
        private SharedColumn?[] _fastShared = [];
        private SharedColumn?[] _slowShared = [];
        private Sma?[] _fast = [];
        private Sma?[] _slow = [];
        private sbyte[] _side = [];

        public static StrategyDefinition Definition { get; } = new(
            SmaCross.Name,
            "sma_cross over shared columns",
            SmaCross.Definition.Parameters,
            p => new SharedAverageCross(p),
            SmaCross.Definition.Rules);

        protected override void CreateState(IStrategyContext context, int symbolCount)
        {
            _fastShared = new SharedColumn?[symbolCount];
            _slowShared = new SharedColumn?[symbolCount];
            _fast = new Sma?[symbolCount];
            _slow = new Sma?[symbolCount];
            _side = new sbyte[symbolCount];
            for (var i = 0; i < symbolCount; i++)
            {
                _fastShared[i] = context.SharedIndicator(i, $"sma({_fastPeriod})");
                _slowShared[i] = context.SharedIndicator(i, $"sma({_slowPeriod})");
                _fast[i] = _fastShared[i] is null ? new Sma(_fastPeriod) : null;
                _slow[i] = _slowShared[i] is null ? new Sma(_slowPeriod) : null;
            }
        }

        // A shared column restarts at the split by itself: only streamed averages start again.
        protected override void Restart(int symbol)
        {
            _fast[symbol] = _fast[symbol] is null ? null : new Sma(_fastPeriod);
            _slow[symbol] = _slow[symbol] is null ? null : new Sma(_slowPeriod);
            _side[symbol] = 0;
        }

        public override void OnBar(IStrategyContext context, int symbol)
        {
            var close = context.Close(symbol);
            var fast = _fastShared[symbol] is { } fastColumn ? context.Indicator(fastColumn) : Stream(_fast[symbol]!, close);
            var slow = _slowShared[symbol] is { } slowColumn ? context.Indicator(slowColumn) : Stream(_slow[symbol]!, close);
            if (double.IsNaN(fast) || double.IsNaN(slow))
            {
                return;
            }

            var side = (sbyte)PriceComparison.Compare(fast, slow);
            if (side == 0)
            {
                return;
            }

            var previous = _side[symbol];
            _side[symbol] = side;
            if (previous == -1 && side == 1)
            {
                if (IsFlatAndIdle(context, symbol))
                {
                    Enter(context, symbol);
                }
            }
            else if (previous == 1 && side == -1)
            {
                Exit(context, symbol);
            }
        }

        private static double Stream(Sma average, double close)
        {
            average.Update(close);
            return average.IsReady ? average.Value : double.NaN;
        }
    }
}
