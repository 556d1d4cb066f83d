using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Indicators;
using Trading.Strategies;

namespace Trading.Tests.Strategies;

public sealed class IndicatorColumnsTests
{
    private static readonly Lazy<BacktestInput> Market = new(() =>
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 6, From = new DateOnly(2008, 1, 1), To = new DateOnly(2019, 12, 31), Seed = 5 });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        return new BacktestInput(stocks, market.Actions) { Calendar = SyntheticExchangeCalendar.Instance };
    });

    private static BacktestResult Run(IStrategy strategy, IndicatorColumns? columns) =>
        BacktestEngine.Run("probe", strategy, new Dictionary<string, string>(), Market.Value, new BacktestSettings(), columns: columns);

    [Fact]
    public void A_column_restarts_at_the_bars_where_the_engine_tells_the_strategy_of_a_split()
    {
        var input = Market.Value;
        var columns = new IndicatorColumns(input.Universe, input.Actions);
        var probe = new Probe(period: 20);

        Run(probe, columns);

        Assert.True(probe.Splits.Count >= 2, $"only {probe.Splits.Count} splits inside the run");
        for (var s = 0; s < input.Universe.Count; s++)
        {
            Assert.Equal(probe.Splits.Where(x => x.Symbol == s).Select(x => x.Bar), columns.SplitBars(s));
        }
    }

    [Fact]
    public void A_shared_column_read_at_each_bar_is_the_streamed_average_restarted_at_splits_bit_for_bit()
    {
        var input = Market.Value;
        var columns = new IndicatorColumns(input.Universe, input.Actions);
        var probe = new Probe(period: 20);

        Run(probe, columns);

        Assert.Equal(input.Universe.Sum(s => s.Count), probe.Reads);
        Assert.Equal(0, probe.Mismatches);
        Assert.Equal(input.Universe.Count, columns.Computed);
    }

    [Fact]
    public void A_shared_column_cannot_be_read_past_the_clock()
    {
        var input = Market.Value;
        var probe = new Probe(period: 5) { PeekAhead = true };

        Run(probe, new IndicatorColumns(input.Universe, input.Actions));

        Assert.True(probe.PeeksRefused > 0);
        Assert.Equal(0, probe.PeeksAnswered);
    }

    [Fact]
    public void A_plain_backtest_shares_no_columns_and_its_strategy_streams()
    {
        var probe = new Probe(period: 20);

        Run(probe, null);

        Assert.False(probe.HadColumns);
        Assert.Equal(0, probe.Reads);
    }

    [Fact]
    public void Runs_asking_at_once_for_the_same_column_wait_for_one_computation()
    {
        var input = Market.Value;
        var columns = new IndicatorColumns(input.Universe, input.Actions);
        var got = new SharedColumn?[64];

        Parallel.For(0, got.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => got[i] = columns.Column(2, "sma(50)", restartAtSplits: true));

        Assert.Equal(1, columns.Computed);
        Assert.All(got, c => Assert.Same(got[0], c));
        Assert.Equal(input.Universe[2].Count * sizeof(double), columns.Bytes);
    }

    [Fact]
    public void A_column_not_restarted_is_the_indicator_over_the_whole_series_as_the_context_reads_it_by_name()
    {
        var input = Market.Value;
        var columns = new IndicatorColumns(input.Universe, input.Actions);

        var split = Enumerable.Range(0, input.Universe.Count).First(s => columns.SplitBars(s).Count > 0);

        var whole = columns.Column(split, "sma(30)", restartAtSplits: false)!;
        var restarted = columns.Column(split, "sma(30)", restartAtSplits: true)!;

        Assert.Equal(Sma.Compute(input.Universe[split].Close, 30), whole.Values);
        Assert.NotEqual(whole.Values, restarted.Values);
        Assert.Equal(2, columns.Computed);
    }

    [Fact]
    public void An_unknown_column_is_refused_with_the_valid_ones()
    {
        var input = Market.Value;
        var columns = new IndicatorColumns(input.Universe, input.Actions);

        var e = Assert.Throws<ArgumentException>(() => columns.Column(0, "smaa(20)", restartAtSplits: true));
        Assert.Contains("sma", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Streams an SMA of each symbol's closes, restarted on each split as the built-in strategies do, and
    /// checks it against the shared column read through the context at every bar.</summary>
    private sealed class Probe(int period) : IStrategy
    {
        private SharedColumn?[] _columns = [];
        private Sma[] _streamed = [];

        public bool PeekAhead { get; init; }

        public List<(int Symbol, int Bar)> Splits { get; } = [];

        public bool HadColumns { get; private set; }

        public int Reads { get; private set; }

        public int Mismatches { get; private set; }

        public int PeeksRefused { get; private set; }

        public int PeeksAnswered { get; private set; }

        public void Initialize(IStrategyContext context)
        {
            var count = context.Symbols.Count;
            _columns = new SharedColumn?[count];
            _streamed = new Sma[count];
            for (var s = 0; s < count; s++)
            {
                _columns[s] = context.SharedIndicator(s, $"sma({period})");
                _streamed[s] = new Sma(period);
                HadColumns |= _columns[s] is not null;
            }
        }

        public void OnSplit(IStrategyContext context, int symbol, decimal ratio)
        {
            Splits.Add((symbol, context.BarCount(symbol) - 1));
            _streamed[symbol] = new Sma(period);
        }

        public void OnBar(IStrategyContext context, int symbol)
        {
            var streamed = _streamed[symbol];
            streamed.Update(context.Close(symbol));
            if (_columns[symbol] is not { } column)
            {
                return;
            }

            Reads++;
            var expected = streamed.IsReady ? streamed.Value : double.NaN;
            var shared = context.Indicator(column);
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(shared))
            {
                Mismatches++;
            }

            if (PeekAhead)
            {
                try
                {
                    context.Indicator(column, -1);
                    PeeksAnswered++;
                }
                catch (ArgumentOutOfRangeException)
                {
                    PeeksRefused++;
                }
            }
        }
    }
}
