using System.Diagnostics;
using Trading.Accounting;
using Trading.Domain;
using Trading.Engine;
using Trading.Strategies;

namespace Trading.Backtesting;

/// <summary>Runs one strategy over history: the engine's step (<see cref="TradingEngine"/>) over the stored bars' timeline,
/// as fast as it can, with progress, cancellation, a benchmark and the metrics of the whole run.</summary>
/// <remarks>Same inputs, same results to the last digit: nothing here reads the wall clock or a random source.</remarks>
public static class BacktestEngine
{
    /// <summary>Runs <paramref name="strategy"/> made from <paramref name="parameters"/>; the result reports them
    /// typed by the schema (numbers as numbers, booleans as booleans). <paramref name="columns"/>: indicator columns of
    /// <paramref name="input"/> shared with other runs over it (a search's trials), or none.</summary>
    public static BacktestResult Run(
        string strategyName,
        IStrategy strategy,
        StrategyParameters parameters,
        BacktestInput input,
        BacktestSettings settings,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default,
        IndicatorColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Run(strategyName, strategy, parameters.AsText(), input, settings, progress, cancellationToken, columns) with { Parameters = parameters.Values };
    }

    /// <summary>Runs <paramref name="strategy"/>; <paramref name="parameters"/> are only reported, as the text given
    /// (a strategy made without a schema has nothing to type them by).</summary>
    public static BacktestResult Run(
        string strategyName,
        IStrategy strategy,
        IReadOnlyDictionary<string, string> parameters,
        BacktestInput input,
        BacktestSettings settings,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default,
        IndicatorColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var stopwatch = Stopwatch.StartNew();
        var warnings = new List<string>();
        var series = input.Universe.ToArray();
        if (series.Length == 0)
        {
            throw new ArgumentException("A backtest needs at least one symbol.", nameof(input));
        }

        if (series.Select(s => s.Interval).Distinct().Count() > 1)
        {
            throw new ArgumentException($"All symbols of a backtest must have the same bar interval; got {string.Join(", ", series.Select(s => $"{s.Symbol} {s.Interval}"))}.", nameof(input));
        }

        CheckAccountable(series, input);
        foreach (var empty in series.Where(s => s.IsEmpty))
        {
            warnings.Add($"no {empty.Interval} bars for {empty.Symbol} in the requested range: it cannot trade");
        }

        var tradeFrom = input.TradeFrom;
        var start = series.Where(s => !s.IsEmpty && (tradeFrom is null || s.LastTime >= tradeFrom))
            .Select(s => tradeFrom is { } from ? s.Between(from, DateTime.MaxValue).FirstTime : s.FirstTime)
            .DefaultIfEmpty(DateTime.MinValue)
            .Min();
        var timeline = new HistoricalTimeline(series);
        Func<Ledger, IReadOnlyList<Symbol>, Execution.IVenue>? warmUpVenue = tradeFrom is { } firstTraded
            ? (ledger, universe) => new Execution.SimulatedVenue(settings.Venue, new WarmUpFunding(ledger, firstTraded, () => timeline.Time), universe)
            : null;
        var engine = new TradingEngine(
            strategy,
            timeline,
            settings,
            input.Actions,
            start == DateTime.MinValue ? DateTime.UnixEpoch : start,
            input.MarketIndex,
            input.Calendar,
            warnings,
            warmUpVenue,
            columns);
        var warmUntil = tradeFrom?.Ticks ?? long.MinValue;
        var warmUpTimes = 0;
        var benchmarkCloses = input.Benchmark is null ? null : new List<double>(timeline.ExpectedTimes);
        var benchmarkCursor = 0;
        var totalBars = series.Sum(s => (long)s.Count);
        var reportEvery = Math.Max(1, totalBars / 100);
        var nextReport = reportEvery;
        long barEvents = 0;

        engine.Start();
        try
        {
            while (timeline.Advance())
            {
                engine.Step();
                if (timeline.Time.Ticks < warmUntil)
                {
                    warmUpTimes++;
                }
                else if (benchmarkCloses is not null)
                {
                    benchmarkCloses.Add(BenchmarkClose(input.Benchmark!, timeline.Time, ref benchmarkCursor));
                }

                barEvents += timeline.DueCount;
                if (barEvents >= nextReport)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report((double)barEvents / totalBars);
                    nextReport += reportEvery;
                }
            }

            engine.Finish();
        }
        catch (OverflowException e)
        {
            throw engine.Outgrown(e);
        }

        progress?.Report(1.0);

        // The warm-up's points (the initial cash, nothing traded) are not part of the run.
        IReadOnlyList<EquityPoint> curve = warmUpTimes == 0 ? engine.EquityCurve : [.. engine.EquityCurve.Skip(warmUpTimes)];
        if (curve.Count == 0)
        {
            warnings.Add("the backtest had no bars at all: nothing was traded");
        }

        var metrics = PerformanceMetrics.Compute(
            curve,
            engine.Ledger.RoundTrips,
            engine.Ledger.TradedValue,
            engine.Ledger.CommissionsPaid,
            new MetricsSettings { RiskFreeRate = settings.RiskFreeRate },
            benchmarkCloses);
        return new BacktestResult
        {
            Strategy = strategyName,
            Parameters = parameters.ToDictionary(p => p.Key, p => (object)p.Value, StringComparer.Ordinal),
            Symbols = [.. series.Select(s => s.Symbol)],
            Interval = series[0].Interval,
            Start = curve.Count > 0 ? curve[0].Time : default,
            End = curve.Count > 0 ? curve[^1].Time : default,
            InitialCash = settings.InitialCash,
            FinalEquity = engine.Ledger.Equity,
            FinalCash = engine.Ledger.Cash,
            Metrics = metrics,
            EquityCurve = curve,
            Benchmark = input.Benchmark?.Symbol,
            BenchmarkCloses = benchmarkCloses,
            Trades = engine.Ledger.RoundTrips,
            Fills = engine.Fills,
            Orders = engine.Venue.Orders,
            Warnings = warnings,
            Rebalances = engine.Rebalances,
            BarEvents = barEvents,
            Elapsed = stopwatch.Elapsed,
        };
    }

    /// <summary>The last bar date a backtest accepts: schedules and sessions look up to a year past a bar, and there
    /// is no date after 9999-12-31.</summary>
    public static readonly DateOnly LastDate = DateOnly.MaxValue.AddYears(-1);

    /// <summary>Refuses, before anything runs, a series the ledger could not account for: a price it cannot turn into
    /// money, or a bar too late for the calendar.</summary>
    private static void CheckAccountable(BarSeries[] series, BacktestInput input)
    {
        foreach (var s in series)
        {
            CheckAccountable(s, string.Empty);
        }

        if (input.Benchmark is { } benchmark)
        {
            CheckAccountable(benchmark, "the benchmark ");
        }

        if (input.MarketIndex is { } index)
        {
            CheckAccountable(index, "the market index ");
        }
    }

    /// <summary>Refuses a series the ledger could not account for: a price outside [<see cref="BarPrice.Smallest"/>,
    /// <see cref="BarPrice.Largest"/>] (<see cref="MoneyRangeException"/>) or a bar after <see cref="LastDate"/>
    /// (<see cref="CalendarRangeException"/>); <paramref name="role"/> says what it is to the caller ("the benchmark ").</summary>
    public static void CheckAccountable(BarSeries series, string role = "")
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.IsEmpty)
        {
            return;
        }

        BarPrice.CheckTradable(series, role);
        if (DateOnly.FromDateTime(series.LastTime) > LastDate)
        {
            throw new CalendarRangeException(series.Symbol, $"{role}{series.Symbol} has a bar dated {series.LastTime:yyyy-MM-dd}, after the last date a backtest can run to ({LastDate:yyyy-MM-dd}); fix or delete the bar in the store");
        }
    }

    private static double BenchmarkClose(BarSeries benchmark, DateTime time, ref int cursor)
    {
        var times = benchmark.Time;
        while (cursor < times.Length && times[cursor] < time)
        {
            cursor++;
        }

        return cursor < times.Length && times[cursor] == time ? benchmark.Close[cursor] : double.NaN;
    }
}
