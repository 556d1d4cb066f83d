using System.Diagnostics;
using Trading.Accounting;
using Trading.Backtesting;
using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;
using Trading.Strategies;

namespace Trading.Engine;

/// <summary>The step of DESIGN.md, written once: what happens at one bar time, whoever moves the clock. A backtest
/// steps it over stored history as fast as it can (<see cref="BacktestEngine"/>); a trading node steps it when a feed
/// completes a bar time. Nothing here knows which: it reads the <see cref="Timeline"/>, never the wall clock.</summary>
/// <remarks>
/// At each time t, for the symbols with a bar at t:
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
/// Single-threaded and deterministic: the same bars give the same orders, fills and equity to the last digit.
/// </remarks>
public sealed class TradingEngine
{
    private readonly IStrategy _strategy;
    private readonly Timeline _timeline;
    private readonly BacktestSettings _settings;
    private readonly EngineContext _context;
    private readonly CorporateActionSchedule _actions;
    private readonly FillSettlement _fills;
    private readonly List<EquityPoint> _curve;
    private readonly List<string> _warnings;
    private bool _started;

    /// <param name="strategy">The strategy, made from its parameters.</param>
    /// <param name="timeline">Moves the clock; the engine steps at its current time after each advance.</param>
    /// <param name="settings">Cash, account, venue (commission, slippage, same-bar fills).</param>
    /// <param name="actions">Splits and dividends still to come for the universe's symbols.</param>
    /// <param name="start">When the account opens (the ledger's first time).</param>
    /// <param name="marketIndex">The market index a strategy may read (momentum's regime filter), bars up to the clock.</param>
    /// <param name="calendar">The trading calendar schedules use; by default NYSE's where the data allows.</param>
    /// <param name="warnings">Where the run's warnings go; a new list by default.</param>
    /// <param name="venue">Makes the venue from the account that funds its orders and the universe; the simulated
    /// venue of <paramref name="settings"/> by default.</param>
    /// <param name="columns">Indicator columns of these series and actions shared with other runs (a search's trials);
    /// none by default, and never for a timeline that grows.</param>
    public TradingEngine(
        IStrategy strategy,
        Timeline timeline,
        BacktestSettings settings,
        IReadOnlyList<CorporateAction> actions,
        DateTime start,
        BarSeries? marketIndex = null,
        TradingCalendar? calendar = null,
        List<string>? warnings = null,
        Func<Ledger, IReadOnlyList<Symbol>, IVenue>? venue = null,
        IndicatorColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(actions);
        settings.Validate();
        _strategy = strategy;
        _timeline = timeline;
        _settings = settings;
        _warnings = warnings ?? [];
        var series = timeline.Series;
        Ledger = new Ledger(settings.InitialCash, settings.Account, start);
        Symbol[] universe = [.. series.Select(s => s.Symbol)];
        Venue = venue is null ? new SimulatedVenue(settings.Venue, Ledger, universe) : venue(Ledger, universe);
        if (columns is not null && (timeline.Grows || !columns.IsFor(series, actions)))
        {
            throw new ArgumentException("Shared indicator columns serve only a run over the series and corporate actions they were computed from, on a timeline that does not grow.", nameof(columns));
        }

        _context = new EngineContext(timeline, Ledger, Venue, _warnings, marketIndex, calendar, columns);
        _actions = new CorporateActionSchedule(series, actions, _warnings);
        _fills = new FillSettlement(Ledger, _context, series);
        _curve = new List<EquityPoint>(timeline.ExpectedTimes);
        if (Listens(strategy))
        {
            Venue.OrderChanged += e => strategy.OnOrderEvent(_context, e);
        }
    }

    /// <summary>The account: cash, positions, transactions, round trips.</summary>
    public Ledger Ledger { get; }

    /// <summary>The orders and their events.</summary>
    public IVenue Venue { get; }

    /// <summary>Every fill so far, in the order the ledger applied them.</summary>
    public IReadOnlyList<Fill> Fills => _fills.Fills;

    /// <summary>The equity after each step.</summary>
    public IReadOnlyList<EquityPoint> EquityCurve => _curve;

    /// <summary>What the run noticed and the user should know.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The rebalances a portfolio strategy recorded.</summary>
    public IReadOnlyList<RebalanceRecord> Rebalances => _context.Rebalances;

    /// <summary>Gives the strategy a longer market index (a node's index grows as its feed delivers); it still sees
    /// only the bars up to the clock.</summary>
    public void SetMarketIndex(BarSeries? index) => _context.SetMarketIndex(index);

    /// <summary>Lets the strategy set itself up; called once, before the first step.</summary>
    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The engine has started already.");
        }

        _started = true;
        _strategy.Initialize(_context);
    }

    /// <summary>Runs the step at the timeline's current time (after a successful <see cref="Timeline.Advance"/>).</summary>
    /// <exception cref="OverflowException">An amount outgrew decimal's range (see <see cref="Outgrown"/>).</exception>
    public void Step()
    {
        Debug.Assert(_started, "Start before the first step.");
        var timeline = _timeline;
        var series = timeline.Series;
        var context = _context;
        var ledger = Ledger;
        var venue = Venue;
        var strategy = _strategy;
        var time = timeline.Time;
        var due = timeline.Due;
        var date = DateOnly.FromDateTime(time);

        if (timeline.Grows)
        {
            foreach (var s in due)
            {
                context.Refresh(s);
            }
        }

        // Before the open: corporate actions, then the fills of orders working from earlier bars.
        foreach (var s in due)
        {
            while (_actions.TryTakeDue(s, date, out var action))
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
                _fills.SymbolIndex = s;
                venue.OnBar(s, series[s], timeline.BarsSeen(s) - 1, _fills);
            }
        }

        // At the close: mark what is held (a flat position has no value to mark), then let the strategy decide on
        // what it has seen.
        foreach (var s in due)
        {
            context.Positions[s]?.Mark(context.Close(s));
        }

        // One pass over the open positions measures the account for the strategy's sizing and, unless a fill changes
        // it before the time is over, for the equity curve too.
        var measured = ledger.Measure(time);
        context.AccountChanged(measured.Equity);
        var changes = context.Changes;

        foreach (var s in due)
        {
            strategy.OnBar(context, s);
        }

        strategy.OnTimeStep(context);

        if (_settings.Venue.FillOnSameBar)
        {
            foreach (var s in due)
            {
                var bar = series[s][timeline.BarsSeen(s) - 1];
                _fills.SymbolIndex = s;
                venue.OnBarClose(series[s].Symbol, bar, _fills);
            }
        }

        venue.OnSessionEnd(time);
        _curve.Add(context.Changes == changes ? measured.Point : ledger.Snapshot(time));
    }

    /// <summary>Tells the strategy the run is over (a backtest's last bar, a node stopping).</summary>
    public void Finish() => _strategy.OnEnd(_context);

    /// <summary>What the run was doing when an amount left decimal's range: the time, and the position whose value is
    /// largest (where the overflow almost always is), with its shares and price.</summary>
    public MoneyRangeException Outgrown(OverflowException e)
    {
        var series = _timeline.Series;
        var largest = -1;
        var largestValue = 0.0;
        for (var s = 0; s < series.Length; s++)
        {
            var seen = _timeline.BarsSeen(s);
            var shares = Ledger.PositionOf(series[s].Symbol)?.Quantity ?? 0m;
            var value = seen == 0 ? 0 : Math.Abs((double)shares * series[s].Close[seen - 1]);
            if (value > largestValue)
            {
                (largest, largestValue) = (s, value);
            }
        }

        var at = $"At {_timeline.Time:yyyy-MM-dd HH:mm} the account's money outgrew what the ledger's decimals hold ({decimal.MaxValue:0.##E+0})";
        if (largest < 0)
        {
            return new MoneyRangeException($"{at}.", e);
        }

        var symbol = series[largest].Symbol;
        var close = series[largest].Close[_timeline.BarsSeen(largest) - 1];
        return new MoneyRangeException($"{at}: {symbol} holds {Ledger.PositionOf(symbol)!.Quantity} shares at {close:G} ({largestValue:0.##E+0}).", e);
    }

    /// <summary>Whether the strategy has order events of its own to hear: one that keeps the interface's empty
    /// default is not called for each of the hundreds of thousands of events of a long run.</summary>
    private static bool Listens(IStrategy strategy)
    {
        var map = strategy.GetType().GetInterfaceMap(typeof(IStrategy));
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == nameof(IStrategy.OnOrderEvent));
        return index < 0 || map.TargetMethods[index].DeclaringType != typeof(IStrategy);
    }

    private static void Apply(CorporateAction action, DateTime time, Ledger ledger, IVenue venue)
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
}
