using Trading.Accounting;
using Trading.Backtesting;
using Trading.Domain;

namespace Trading.Tests.Backtesting.Reports;

/// <summary>Made-up but plausible backtest results: a seeded random walk for equity and benchmark, with trades and
/// fills to match in shape (not in accounting).</summary>
internal static class SampleResults
{
    private static readonly string[] Tickers = ["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "BRK-B", "JPM", "XOM", "UNH"];

    public static BacktestResult Realistic(int days = 780, int tradeCount = 120, int seed = 7)
    {
        var random = new Random(seed);
        var curve = new List<EquityPoint>(days);
        var benchmark = new List<double>(days);
        var time = new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        double equity = 100_000, index = 3_700;
        for (var i = 0; i < days; i++)
        {
            var market = Normal(random) * 0.011 + 0.0003;
            index *= 1 + market;
            equity *= 1 + (0.8 * market) + (Normal(random) * 0.006) + 0.0002;
            var invested = equity * (0.55 + (0.4 * random.NextDouble()));
            curve.Add(new EquityPoint(time, equity, equity - invested, invested));
            benchmark.Add(i == 17 ? double.NaN : index);
            time = NextTradingDay(time);
        }

        var trades = new List<RoundTrip>(tradeCount);
        var fills = new List<Fill>(2 * tradeCount);
        for (var i = 0; i < tradeCount; i++)
        {
            var symbol = Symbol.Parse(Tickers[random.Next(Tickers.Length)]);
            var entryIndex = random.Next(days - 30);
            var entry = curve[entryIndex].Time;
            var exit = curve[entryIndex + 1 + random.Next(29)].Time;
            var entryPrice = Math.Round((decimal)(50 + (random.NextDouble() * 400)), 2);
            var exitPrice = Math.Round(entryPrice * (decimal)(1 + (Normal(random) * 0.06) + 0.004), 2);
            var quantity = (decimal)(10 * (1 + random.Next(30)));
            var side = random.NextDouble() < 0.8 ? PositionSide.Long : PositionSide.Short;
            var commission = 2m;
            var pnl = ((exitPrice - entryPrice) * quantity * (int)side) - commission;
            trades.Add(new RoundTrip(symbol, side, entry, exit, quantity, entryPrice, exitPrice, commission, pnl));
            var open = side == PositionSide.Long ? OrderSide.Buy : OrderSide.Sell;
            var close = side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
            fills.Add(new Fill((2 * i) + 1, entry, symbol, open, quantity, entryPrice, 1m));
            fills.Add(new Fill((2 * i) + 2, exit, symbol, close, quantity, exitPrice, 1m));
        }

        trades.Sort((a, b) => a.ExitTime.CompareTo(b.ExitTime));
        var metrics = PerformanceMetrics.Compute(curve, trades, fills, new MetricsSettings { RiskFreeRate = 0.02 }, benchmark);
        return new BacktestResult
        {
            Strategy = "momentum",
            Parameters = new Dictionary<string, object>
            {
                ["lookback_period"] = 90,
                ["top_percentage"] = 0.2m,
                ["risk_factor"] = 0.001m,
                ["market_regime_period"] = 200,
            },
            Symbols = [.. Tickers.Select(Symbol.Parse)],
            Start = curve[0].Time,
            End = curve[^1].Time,
            InitialCash = 100_000m,
            FinalEquity = Math.Round((decimal)curve[^1].Equity, 2),
            FinalCash = Math.Round((decimal)curve[^1].Cash, 2),
            Metrics = metrics,
            EquityCurve = curve,
            BenchmarkCloses = benchmark,
            Benchmark = Symbol.Parse("^GSPC"),
            Trades = trades,
            Fills = fills,
            Orders = [],
            Warnings = ["2 orders for BRK-B were rejected: not enough cash"],
            BarEvents = days * Tickers.Length,
            Elapsed = TimeSpan.FromMilliseconds(412),
        };
    }

    /// <summary>A bare result around a given curve and trades, for focused report tests.</summary>
    public static BacktestResult With(IReadOnlyList<EquityPoint> curve, IReadOnlyList<RoundTrip>? trades = null, IReadOnlyDictionary<string, object>? parameters = null) => new()
    {
        Strategy = "sma_cross",
        Parameters = parameters ?? new Dictionary<string, object> { ["fast"] = 10, ["slow"] = 50 },
        Symbols = [Symbol.Parse("SPY")],
        Start = curve.Count > 0 ? curve[0].Time : default,
        End = curve.Count > 0 ? curve[^1].Time : default,
        InitialCash = 100_000m,
        FinalEquity = curve.Count > 0 ? (decimal)curve[^1].Equity : 100_000m,
        FinalCash = curve.Count > 0 ? (decimal)curve[^1].Cash : 100_000m,
        Metrics = PerformanceMetrics.Compute(curve, trades ?? [], [], new MetricsSettings()),
        EquityCurve = curve,
        Trades = trades ?? [],
        Fills = [],
        Orders = [],
        Warnings = [],
        BarEvents = curve.Count,
        Elapsed = TimeSpan.Zero,
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static DateTime NextTradingDay(DateTime day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        return day;
    }
}
