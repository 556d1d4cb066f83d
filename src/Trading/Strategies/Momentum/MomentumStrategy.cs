using Trading.Domain;
using Trading.Indicators;
using Trading.Portfolio;

namespace Trading.Strategies.Momentum;

/// <summary>momentum: Clenow's "Stocks on the Move" as the original system meant it. On each rebalance day it ranks
/// the universe (<see cref="MomentumRanking"/>), builds the desired portfolio from the picks with the chosen model and
/// risk rules, and trades the difference: sells first, then, once they are done, buys from the top while the cash
/// lasts. Held positions are resized only every <c>resize_every</c> rebalances. Each rebalance is reconciled (desired
/// versus actual) into the run's results.</summary>
/// <remarks>
/// Picks are the BUY signals, plus HOLD signals of symbols already held (top ranks while the regime forbids new buys:
/// keep, do not add). Windows are split-adjusted from the splits the run has seen, so a split is not a crash.
/// Decisions use bars up to the decision time only; market orders fill at the next bar's open.
/// </remarks>
public sealed class MomentumStrategy : IStrategy
{
    public const string Name = "momentum";

    private readonly MomentumParameters _settings;
    private List<CorporateAction>[] _splits = [];
    private IRebalanceSchedule? _schedule;
    private PortfolioRebalance? _pending;
    private IReadOnlyList<TargetWeight> _lastTargets = [];
    private DateOnly _lastRebalanceDay;
    private DateOnly? _nextDue;
    private int _rebalances;
    private decimal _peakEquity;
    private RollingExtreme? _recentPeak;

    public MomentumStrategy(StrategyParameters parameters)
    {
        _settings = MomentumParameters.From(parameters);
    }

    public static StrategyDefinition Definition { get; } = new(
        Name,
        "Clenow momentum: rank by annualised exponential slope × R², keep the top percentage above their trend with no big gaps, size by ATR risk parity, only while the market index is above its average.",
        MomentumParameters.Schema,
        p => new MomentumStrategy(p),
        MomentumParameters.Checks);

    public void Initialize(IStrategyContext context)
    {
        _splits = new List<CorporateAction>[context.Symbols.Count];
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
    }

    public void OnSplit(IStrategyContext context, int symbol, decimal ratio)
    {
        (_splits[symbol] ??= []).Add(CorporateAction.Split(context.Symbols[symbol], DateOnly.FromDateTime(context.Time), ratio));
        _pending?.OnSplit(context.Symbols[symbol], ratio);
    }

    public void OnTimeStep(IStrategyContext context)
    {
        var equity = context.Equity;
        _peakEquity = Math.Max(_peakEquity, equity);
        if (_settings.DrawdownWindow > 0)
        {
            (_recentPeak ??= RollingExtreme.Highest(_settings.DrawdownWindow)).Push((double)equity);
        }

        var day = DateOnly.FromDateTime(context.Time);
        _schedule ??= _settings.Schedule(day);
        if (_pending is { } pending)
        {
            pending.Advance(context);
            if (pending.IsDone)
            {
                context.Record(pending.Reconcile(context));
                _pending = null;
            }
        }

        if (day == _lastRebalanceDay)
        {
            return;
        }

        // The first bar on or after the scheduled day: a day the calendar thought open but that has no bar (a gap in
        // the data, a calendar that does not know a holiday) moves the rebalance to the next bar, never drops it.
        _nextDue ??= NextScheduled(day, context.Calendar, inclusive: true);
        var scheduled = day >= _nextDue;
        var drifted = !scheduled && _settings.DriftThreshold > 0 && _lastTargets.Count > 0 && HasDrifted(context, equity);
        if (scheduled || drifted)
        {
            Rebalance(context, day, drifted);
        }
    }

    public void OnEnd(IStrategyContext context)
    {
        if (_pending is { } pending)
        {
            context.Record(pending.Reconcile(context, "the run ended before the order was done"));
            _pending = null;
        }
    }

    private void Rebalance(IStrategyContext context, DateOnly day, bool drifted)
    {
        if (_pending is { } unfinished)
        {
            unfinished.CancelWorking(context);
            context.Record(unfinished.Reconcile(context, "superseded by the next rebalance before it was done"));
            _pending = null;
        }

        _lastRebalanceDay = day;
        _rebalances++;
        if (!drifted)
        {
            _nextDue = NextScheduled(day, context.Calendar, inclusive: false);
        }

        var ranking = MomentumRanking.Rank(Windows(context), context.MarketIndex, _settings.Ranking, explain: false);
        var holdings = new Dictionary<Symbol, decimal>();
        var prices = new Dictionary<Symbol, double>();
        for (var s = 0; s < context.Symbols.Count; s++)
        {
            var quantity = context.Position(s);
            if (quantity != 0)
            {
                holdings[context.Symbols[s]] = quantity;
                prices[context.Symbols[s]] = context.Close(s);
            }
        }

        var equity = context.Equity;
        // Measured from the peak of the recent window: from the all-time peak, an account that went to cash in a
        // drawdown would stay there, since flat equity never recovers the loss that stopped its buying.
        var peak = _recentPeak is { } recent ? (decimal)recent.Value : _peakEquity;
        var drawdown = peak > 0 ? Math.Max(0, (double)(1 - (equity / peak))) : 0;
        var state = new PortfolioState(equity, context.Cash, holdings, drawdown);
        var resize = drifted || (_rebalances - 1) % _settings.ResizeEvery == 0;
        var (desired, plan) = _settings.Propose(ranking, state, prices, resize);
        _lastTargets = desired.Targets;
        List<string> notes =
        [
            $"{(drifted ? "drift over the threshold" : "scheduled")}; {(resize ? "positions resized" : "held positions keep their size")}; {ranking.Regime.Description}",
            .. desired.Notes,
        ];
        // Reasons only for what the plan trades: most of the universe is a SELL signal on a symbol not held.
        var planned = new HashSet<Symbol>(plan.Trades.Select(t => t.Symbol));
        var reasons = new Dictionary<Symbol, string>();
        foreach (var signal in ranking.Signals)
        {
            if (signal.Action == SignalAction.Sell && planned.Contains(signal.Symbol) && ranking.ReasonFor(signal.Symbol) is { } reason)
            {
                reasons.Add(signal.Symbol, reason);
            }
        }

        _pending = new PortfolioRebalance(context.Time, equity, notes, plan, reasons, _settings.Risk.MinCashBuffer, Name);
        _pending.Begin(context);
    }

    /// <summary>The first rebalance day of the schedule from <paramref name="day"/> (or after it).</summary>
    private DateOnly NextScheduled(DateOnly day, TradingCalendar calendar, bool inclusive)
    {
        var from = inclusive ? day : day.AddDays(1);
        // Every schedule has a day within two months (monthly ones included), but a few empty stretches are skipped.
        for (var start = from; start < from.AddYears(1); start = start.AddDays(62))
        {
            foreach (var due in _schedule!.Dates(start, start.AddDays(61), calendar))
            {
                return due;
            }
        }

        throw new InvalidOperationException($"The {_settings.Rebalance} schedule has no day in the year from {from:yyyy-MM-dd}.");
    }

    /// <summary>Each symbol's recent bars, enough for every filter, split-adjusted by the splits seen so far.</summary>
    private List<BarSeries> Windows(IStrategyContext context)
    {
        var required = _settings.Ranking.RequiredBars;
        var windows = new List<BarSeries>(context.Symbols.Count);
        for (var s = 0; s < context.Symbols.Count; s++)
        {
            var window = context.History(s, required);
            if (_splits[s] is { } splits && !window.IsEmpty && AnyAfter(splits, DateOnly.FromDateTime(window.FirstTime)))
            {
                window = window.AdjustedFor(splits, PriceAdjustment.Splits);
            }

            windows.Add(window);
        }

        return windows;
    }

    /// <summary>Whether a split went ex after <paramref name="date"/>: a loop, since a lambda here would capture the
    /// window and cost two objects per symbol at every rebalance.</summary>
    private static bool AnyAfter(List<CorporateAction> splits, DateOnly date)
    {
        foreach (var split in splits)
        {
            if (split.ExDate > date)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasDrifted(IStrategyContext context, decimal equity)
    {
        if (equity <= 0)
        {
            return false;
        }

        var target = _lastTargets.ToDictionary(t => t.Symbol, t => t.Weight);
        var current = new Dictionary<Symbol, double>();
        for (var s = 0; s < context.Symbols.Count; s++)
        {
            var quantity = context.Position(s);
            if (quantity != 0)
            {
                current[context.Symbols[s]] = (double)quantity * context.Close(s) / (double)equity;
            }
        }

        return new DriftThreshold(_settings.DriftThreshold).IsBreached(current, target);
    }
}
