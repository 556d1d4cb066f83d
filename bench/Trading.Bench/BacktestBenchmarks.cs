using BenchmarkDotNet.Attributes;
using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Strategies;

namespace Trading.Bench;

/// <summary>The whole engine path (clock, strategy, venue, ledger, metrics) for sma_cross, and for momentum (weekly
/// ranking of the whole universe, portfolio construction, rebalancing, reconciliation): bar events per second and
/// bytes allocated per bar (the input bars themselves, 48 bytes each, are made in setup and not counted).</summary>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    private BacktestInput _daily = null!;
    private BacktestInput _minutes = null!;
    private long _dailyBars;
    private long _minuteBars;

    [GlobalSetup]
    public void Setup()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 500 });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        var index = market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol);
        _daily = new BacktestInput(stocks, market.Actions, index) { MarketIndex = index, Calendar = SyntheticExchangeCalendar.Instance };
        _dailyBars = stocks.Sum(s => (long)s.Count);
        var minutes = OneYearOfMinutes();
        _minutes = new BacktestInput([minutes], []);
        _minuteBars = minutes.Count;
        Console.WriteLine($"// daily: {_dailyBars:N0} bar events; minutes: {_minuteBars:N0} bar events");
    }

    [Benchmark(Description = "sma_cross, 500 symbols x 25 years daily")]
    public decimal SmaCrossDaily() => Run(_daily).FinalEquity;

    [Benchmark(Description = "sma_cross, 1 symbol x 1 year of 1-minute bars")]
    public decimal SmaCrossMinutes() => Run(_minutes).FinalEquity;

    [Benchmark(Description = "momentum, 500 symbols x 25 years daily, weekly rebalance")]
    public decimal MomentumDaily() => Run(_daily, "momentum").FinalEquity;

    private static BacktestResult Run(BacktestInput input, string strategy = "sma_cross")
    {
        var definition = StrategyRegistry.Default.Find(strategy);
        var parameters = definition.Bind(new Dictionary<string, string>());
        return BacktestEngine.Run(definition.Name, definition.Create(parameters), parameters.AsText(), input, new BacktestSettings());
    }

    /// <summary>390 one-minute bars a session, 252 sessions, a random walk with a fixed seed.</summary>
    private static BarSeries OneYearOfMinutes()
    {
        var builder = new BarSeriesBuilder(390 * 252);
        var random = new Random(11);
        var price = 100.0;
        var day = new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc);
        for (var session = 0; session < 252; session++)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(1);
            }

            for (var minute = 0; minute < 390; minute++)
            {
                var open = price;
                price *= 1 + ((random.NextDouble() - 0.5) * 0.002);
                var high = Math.Max(open, price) * 1.0003;
                var low = Math.Min(open, price) * 0.9997;
                builder.Add(day.AddMinutes(minute), Math.Round(open, 2), Math.Round(high, 2), Math.Round(low, 2), Math.Round(price, 2), random.Next(100, 10_000));
            }

            day = day.AddDays(1);
        }

        return builder.ToSeries(Symbol.Parse("MINUTE"), Interval.OneMinute);
    }
}
