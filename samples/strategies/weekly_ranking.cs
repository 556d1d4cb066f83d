// weekly_ranking: a cross-sectional ranking rebalanced on a weekly schedule, through portfolio construction and
// risk rules.
//
//   trade backtest --strategy-file samples/strategies/weekly_ranking.cs --set top=8 --set construction=inverse_volatility
//
// Shown in docs/strategies.md ("Lifecycle", "History", "Splits and dividends", "Schedules", "Portfolio construction
// and risk rules").
using Trading.Domain;
using Trading.Portfolio;
using Trading.Strategies;

namespace Samples;

/// <summary>Each week on its weekday, ranks every symbol by its split-adjusted return over lookback bars and holds
/// the best top of those that gained, weighted by a construction model under risk rules; sells first, then buys.</summary>
public sealed class WeeklyRanking : IStrategy
{
    public static StrategyDefinition Definition { get; } = new(
        "weekly_ranking",
        "Ranks the universe by its return over lookback bars once a week and holds the best top, weighted by a construction model under risk rules.",
        [
            StrategyParameter.Integer("lookback", 63, 5, 500, "Bars the return is measured over"),
            StrategyParameter.Integer("top", 5, 1, 500, "How many of the best gainers are held"),
            StrategyParameter.Text("weekday", "wednesday", "The day of the week it rebalances (or the next trading day of that week)"),
            StrategyParameter.Text("construction", "equal_weight", "How the picks are weighted: equal_weight, inverse_volatility, score_weighted or atr_risk_parity"),
            StrategyParameter.Decimal("max_position_weight", 0.25m, 0.01m, 1m, "The largest weight of one position"),
            StrategyParameter.Decimal("cash_buffer", 0.02m, 0m, 0.5m, "The fraction of equity never spent on buys"),
        ],
        p => new WeeklyRanking(p),
        [
            new ParameterRule("weekday is monday to friday", p =>
                Weekday(p.GetText("weekday")) is not null ? null : $"weekday must be monday, tuesday, wednesday, thursday or friday; got '{p.GetText("weekday")}'"),
            new ParameterRule("construction is a model the portfolio module knows", p =>
                PortfolioConstruction.Names.Contains(p.GetText("construction")) ? null : $"construction must be one of {string.Join(", ", PortfolioConstruction.Names)}; got '{p.GetText("construction")}'"),
        ]);

    private readonly int _lookback;
    private readonly int _top;
    private readonly IRebalanceSchedule _schedule;
    private readonly IPortfolioConstruction _construction;
    private readonly RiskRules _rules;
    private List<CorporateAction>[] _splits = [];
    private PortfolioRebalance? _rebalance;

    public WeeklyRanking(StrategyParameters p)
    {
        _lookback = p.GetInt("lookback");
        _top = p.GetInt("top");
        _schedule = new WeeklySchedule(Weekday(p.GetText("weekday"))!.Value);
        _construction = PortfolioConstruction.Named(p.GetText("construction"), riskFactor: 0.002);
        _rules = new RiskRules
        {
            MaxPositionWeight = (double)p.GetDecimal("max_position_weight"),
            MinCashBuffer = (double)p.GetDecimal("cash_buffer"),
        };
    }

    public void Initialize(IStrategyContext context)
    {
        // Called once before the first bar: the universe is known, so per-symbol state is sized here.
        _splits = new List<CorporateAction>[context.Symbols.Count];
        for (var s = 0; s < _splits.Length; s++)
        {
            _splits[s] = [];
        }
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
        // Nothing per symbol: the decision is across the universe, in OnTimeStep.
    }

    public void OnSplit(IStrategyContext context, int symbol, decimal ratio)
    {
        // Positions and working orders are already in the new units; the bars before today are not.
        _splits[symbol].Add(CorporateAction.Split(context.Symbols[symbol], DateOnly.FromDateTime(context.Time), ratio));
        _rebalance?.OnSplit(context.Symbols[symbol], ratio);
    }

    public void OnTimeStep(IStrategyContext context)
    {
        // A rebalance under way: its buys go out once its sells have filled.
        if (_rebalance is { } pending)
        {
            pending.Advance(context);
            if (pending.IsDone)
            {
                context.Record(pending.Reconcile(context));
                _rebalance = null;
            }
        }

        if (!_schedule.IsRebalanceDay(DateOnly.FromDateTime(context.Time), context.Calendar))
        {
            return;
        }

        if (_rebalance is { } unfinished)
        {
            unfinished.CancelWorking(context);
            context.Record(unfinished.Reconcile(context, "superseded by the next rebalance"));
        }

        var picks = Rank(context);
        var desired = DesiredPortfolio.Build(picks, _construction, _rules, context.PortfolioState());
        _rebalance = PortfolioRebalance.Start(context, desired, _rules, tag: "weekly_ranking");
    }

    public void OnEnd(IStrategyContext context)
    {
        if (_rebalance is { } pending)
        {
            context.Record(pending.Reconcile(context, "the run ended before the order was done"));
        }
    }

    /// <summary>The best top symbols by return over the lookback, best first; only those that gained.</summary>
    private List<Signal> Rank(IStrategyContext context)
    {
        var ranked = new List<Signal>();
        for (var s = 0; s < context.Symbols.Count; s++)
        {
            if (context.BarCount(s) <= _lookback)
            {
                continue; // not enough history yet
            }

            // The last lookback + 1 bars, in today's units: a 2:1 split must not read as a 50% loss.
            var closes = context.History(s, _lookback + 1).AdjustedFor(_splits[s], PriceAdjustment.Splits).Close;
            var gain = (closes[^1] / closes[0]) - 1;
            if (gain <= 0)
            {
                continue;
            }

            var volatility = AnnualVolatility(closes);
            ranked.Add(new Signal(
                context.Symbols[s],
                SignalAction.Buy,
                RiskUnit: closes[^1] * volatility / Math.Sqrt(252),
                MomentumScore: gain,
                CurrentPrice: closes[^1],
                Rank: null,
                Volatility: volatility,
                Reason: null));
        }

        ranked.Sort((a, b) => b.MomentumScore.CompareTo(a.MomentumScore));
        return ranked.Count > _top ? ranked.GetRange(0, _top) : ranked;
    }

    /// <summary>The standard deviation of daily log returns, annualised.</summary>
    private static double AnnualVolatility(ReadOnlySpan<double> closes)
    {
        var returns = new double[closes.Length - 1];
        for (var i = 1; i < closes.Length; i++)
        {
            returns[i - 1] = Math.Log(closes[i] / closes[i - 1]);
        }

        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / Math.Max(1, returns.Length - 1);
        return Math.Sqrt(variance * 252);
    }

    private static DayOfWeek? Weekday(string text) =>
        text.Trim() is [>= 'A' and <= 'z', ..] && Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) && day is >= DayOfWeek.Monday and <= DayOfWeek.Friday
            ? day
            : null;
}
