using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Strategies;

namespace Trading.Tests.Backtesting;

public class StrategyContextIndicatorTests
{
    [Fact]
    public void Indicators_read_through_the_context_equal_a_computation_over_the_bars_seen_so_far()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 2, From = new DateOnly(2020, 1, 1), To = new DateOnly(2020, 12, 31) });
        var probe = new IndicatorProbe(["sma(20)", "rsi(14)", "macd(12,26,9).signal", "bbands(20,2).upper"]);

        BacktestEngine.Run("probe", probe, new Dictionary<string, string>(), new BacktestInput(market.Series, []), new BacktestSettings());

        Assert.True(probe.Checked > 1_000);
        Assert.Empty(probe.Mismatches);
    }

    [Fact]
    public void A_hand_computed_sma_through_the_context()
    {
        var days = Enumerable.Range(1, 4).Select(d => new Bar(new DateTime(2024, 1, d, 0, 0, 0, DateTimeKind.Utc), d, d, d, d * 10, 1)).ToArray();
        var probe = new IndicatorProbe(["sma(3)"]);

        BacktestEngine.Run("probe", probe, new Dictionary<string, string>(), new BacktestInput([BarSeries.FromBars(Symbol.Parse("X"), Interval.Daily, days)], []), new BacktestSettings());

        // Closes 10, 20, 30, 40: SMA(3) is NaN, NaN, 20, 30.
        Assert.Equal([double.NaN, double.NaN, 20, 30], probe.Values);
    }

    [Fact]
    public void An_unknown_output_names_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => IndicatorColumnProbe("macd(12,26,9).sig"));
        Assert.Contains("macd(12,26,9).signal", error.Message, StringComparison.Ordinal);
    }

    private static void IndicatorColumnProbe(string column) =>
        BacktestEngine.Run(
            "probe",
            new IndicatorProbe([column]),
            new Dictionary<string, string>(),
            new BacktestInput([BarSeries.FromBars(Symbol.Parse("X"), Interval.Daily, [new Bar(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 1, 1, 1, 1, 1)])], []),
            new BacktestSettings());

    /// <summary>Reads indicators through the engine's context and through the interface's reference (a fresh
    /// computation over History(), which cannot see the future), and records any difference.</summary>
    private sealed class IndicatorProbe(string[] columns) : IStrategy
    {
        public List<string> Mismatches { get; } = [];

        public List<double> Values { get; } = [];

        public int Checked { get; private set; }

        public void Initialize(IStrategyContext context)
        {
        }

        public void OnBar(IStrategyContext context, int symbol)
        {
            IStrategyContext reference = new HistoryOnly(context);
            foreach (var column in columns)
            {
                var fast = context.Indicator(symbol, column);
                var slow = reference.Indicator(symbol, column);
                Values.Add(fast);
                Checked++;
                if (!fast.Equals(slow))
                {
                    Mismatches.Add($"{context.Time:yyyy-MM-dd} {context.Symbols[symbol]} {column}: {fast} vs {slow}");
                }
            }
        }
    }

    /// <summary>A context that only forwards History(), so Indicator() takes the interface's default path.</summary>
    private sealed class HistoryOnly(IStrategyContext inner) : IStrategyContext
    {
        public DateTime Time => inner.Time;

        public IReadOnlyList<Symbol> Symbols => inner.Symbols;

        public decimal Cash => inner.Cash;

        public decimal Equity => inner.Equity;

        public int IndexOf(Symbol symbol) => inner.IndexOf(symbol);

        public int BarCount(int symbol) => inner.BarCount(symbol);

        public Bar Bar(int symbol, int barsAgo = 0) => inner.Bar(symbol, barsAgo);

        public BarSeries History(int symbol) => inner.History(symbol);

        public decimal Position(int symbol) => inner.Position(symbol);

        public IReadOnlyList<Trading.Execution.OrderTicket> WorkingOrders(int symbol) => inner.WorkingOrders(symbol);

        public Trading.Execution.OrderTicket Submit(OrderRequest order) => throw new NotSupportedException();

        public Trading.Execution.Bracket SubmitBracket(OrderRequest entry, decimal takeProfit, decimal stopLoss) => throw new NotSupportedException();

        public (Trading.Execution.OrderTicket First, Trading.Execution.OrderTicket Second) SubmitOneCancelsOther(OrderRequest first, OrderRequest second) => throw new NotSupportedException();

        public bool Cancel(long orderId) => throw new NotSupportedException();

        public Trading.Execution.OrderTicket Replace(long orderId, OrderChange change) => throw new NotSupportedException();

        public void Warn(string message) => inner.Warn(message);
    }
}
