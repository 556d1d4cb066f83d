using System.Diagnostics;
using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Strategies;

namespace Trading.Backtesting;

/// <summary>Runs one strategy over history: the loop of DESIGN.md, single-threaded and deterministic.</summary>
/// <remarks>
/// At each time t of the merged timeline, for the symbols with a bar at t:
/// <list type="number">
/// <item>corporate actions with an ex-date up to t's date are applied before the open (splits change positions and
/// working orders, dividends pay holders of the previous close);</item>
/// <item>orders working from earlier bars meet bar t (market orders fill at its open, limits and stops when its
/// range reaches them) and their fills go to the ledger;</item>
/// <item>positions are marked at t's close;</item>
/// <item>the strategy sees bar t (and nothing later) and may submit orders, which can fill from bar t+1 on (or at
/// t's close when same-bar fills are switched on);</item>
/// <item>day orders expire at the end of their session, and the equity point of t is recorded.</item>
/// </list>
/// Same inputs, same results to the last digit: nothing here reads the wall clock or a random source.
/// </remarks>
public static class BacktestEngine
{
    /// <summary>Runs <paramref name="strategy"/> made from <paramref name="parameters"/>; the result reports them
    /// typed by the schema (numbers as numbers, booleans as booleans).</summary>
    public static BacktestResult Run(
        string strategyName,
        IStrategy strategy,
        StrategyParameters parameters,
        BacktestInput input,
        BacktestSettings settings,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Run(strategyName, strategy, parameters.AsText(), input, settings, progress, cancellationToken) with { Parameters = parameters.Values };
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
        CancellationToken cancellationToken = default)
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

        var start = series.Where(s => !s.IsEmpty).Select(s => s.FirstTime).DefaultIfEmpty(DateTime.MinValue).Min();
        var ledger = new Ledger(settings.InitialCash, settings.Account, start == DateTime.MinValue ? DateTime.UnixEpoch : start);
        var venue = new SimulatedVenue(settings.Venue, ledger, [.. series.Select(s => s.Symbol)]);
        var clock = new HistoricalClock(series);
        var context = new BacktestContext(series, clock, ledger, venue, warnings, input);
        var actions = new CorporateActionSchedule(series, input.Actions, warnings);
        var fills = new FillSettlement(ledger, context, series);
        var curve = new List<EquityPoint>(series.Max(s => s.Count));
        var benchmarkCloses = input.Benchmark is null ? null : new List<double>(curve.Capacity);
        var benchmarkCursor = 0;
        var totalBars = series.Sum(s => (long)s.Count);
        var reportEvery = Math.Max(1, totalBars / 100);
        var nextReport = reportEvery;
        long barEvents = 0;

        if (Listens(strategy))
        {
            venue.OrderChanged += e => strategy.OnOrderEvent(context, e);
        }

        strategy.Initialize(context);
        try
        {
            while (clock.Advance())
            {
                var time = clock.Time;
                var due = clock.Due;
                var date = DateOnly.FromDateTime(time);

                // Before the open: corporate actions, then the fills of orders working from earlier bars.
                foreach (var s in due)
                {
                    while (actions.TryTakeDue(s, date, out var action))
                    {
                        Apply(action, time, ledger, venue);
                        if (action.Kind == CorporateActionKind.Split)
                        {
                            strategy.OnSplit(context, s, action.Value);
                        }
                        context.Track(s, ledger.PositionOf(series[s].Symbol));
                        context.AccountChanged();
                    }

                    if (venue.WorkingOrderCountOf(s) > 0)
                    {
                        fills.SymbolIndex = s;
                        venue.OnBar(s, series[s], clock.BarsSeen(s) - 1, fills);
                    }
                }

                // At the close: mark what is held (a flat position has no value to mark), then let the strategy decide
                // on what it has seen.
                foreach (var s in due)
                {
                    context.Positions[s]?.Mark(context.Close(s));
                }

                // One pass over the open positions measures the account for the strategy's sizing and, unless a fill
                // changes it before the time is over, for the equity curve too.
                var measured = ledger.Measure(time);
                context.AccountChanged(measured.Equity);
                var changes = context.Changes;

                foreach (var s in due)
                {
                    strategy.OnBar(context, s);
                }

                strategy.OnTimeStep(context);

                if (settings.Venue.FillOnSameBar)
                {
                    foreach (var s in due)
                    {
                        var bar = series[s][clock.BarsSeen(s) - 1];
                        fills.SymbolIndex = s;
                        venue.OnBarClose(series[s].Symbol, bar, fills);
                    }
                }

                venue.OnSessionEnd(time);
                curve.Add(context.Changes == changes ? measured.Point : ledger.Snapshot(time));
                if (benchmarkCloses is not null)
                {
                    benchmarkCloses.Add(BenchmarkClose(input.Benchmark!, time, ref benchmarkCursor));
                }

                barEvents += due.Length;
                if (barEvents >= nextReport)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report((double)barEvents / totalBars);
                    nextReport += reportEvery;
                }
            }

            strategy.OnEnd(context);
        }
        catch (OverflowException e)
        {
            throw Outgrown(e, clock, series, ledger);
        }

        progress?.Report(1.0);
        if (curve.Count == 0)
        {
            warnings.Add("the backtest had no bars at all: nothing was traded");
        }

        var metrics = PerformanceMetrics.Compute(
            curve,
            ledger.RoundTrips,
            ledger.TradedValue,
            ledger.CommissionsPaid,
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
            FinalEquity = ledger.Equity,
            FinalCash = ledger.Cash,
            Metrics = metrics,
            EquityCurve = curve,
            Benchmark = input.Benchmark?.Symbol,
            BenchmarkCloses = benchmarkCloses,
            Trades = ledger.RoundTrips,
            Fills = fills.Fills,
            Orders = venue.Orders,
            Warnings = warnings,
            Rebalances = context.Rebalances,
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

    /// <summary>What the run was doing when an amount left decimal's range: the time, and the position whose value is
    /// largest (where the overflow almost always is), with its shares and price.</summary>
    private static MoneyRangeException Outgrown(OverflowException e, HistoricalClock clock, BarSeries[] series, Ledger ledger)
    {
        var largest = -1;
        var largestValue = 0.0;
        for (var s = 0; s < series.Length; s++)
        {
            var seen = clock.BarsSeen(s);
            var shares = ledger.PositionOf(series[s].Symbol)?.Quantity ?? 0m;
            var value = seen == 0 ? 0 : Math.Abs((double)shares * series[s].Close[seen - 1]);
            if (value > largestValue)
            {
                (largest, largestValue) = (s, value);
            }
        }

        var at = $"At {clock.Time:yyyy-MM-dd HH:mm} the account's money outgrew what the ledger's decimals hold ({decimal.MaxValue:0.##E+0})";
        if (largest < 0)
        {
            return new MoneyRangeException($"{at}.", e);
        }

        var symbol = series[largest].Symbol;
        var close = series[largest].Close[clock.BarsSeen(largest) - 1];
        return new MoneyRangeException($"{at}: {symbol} holds {ledger.PositionOf(symbol)!.Quantity} shares at {close:G} ({largestValue:0.##E+0}).", e);
    }

    /// <summary>Whether the strategy has order events of its own to hear: one that keeps the interface's empty
    /// default is not called for each of the hundreds of thousands of events of a long run.</summary>
    private static bool Listens(IStrategy strategy)
    {
        var map = strategy.GetType().GetInterfaceMap(typeof(IStrategy));
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == nameof(IStrategy.OnOrderEvent));
        return index < 0 || map.TargetMethods[index].DeclaringType != typeof(IStrategy);
    }

    private static void Apply(CorporateAction action, DateTime time, Ledger ledger, SimulatedVenue venue)
    {
        if (action.Kind == CorporateActionKind.Split)
        {
            ledger.ApplySplit(action.Symbol, action.Value, time);
            venue.ApplySplit(action.Symbol, action.Value, time);
        }
        else
        {
            ledger.ApplyDividend(action.Symbol, action.Value, time);
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
