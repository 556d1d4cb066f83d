using System.Globalization;
using Trading.Domain;
using Trading.Portfolio;

namespace Trading.Strategies.Momentum;

/// <summary>The momentum strategy's parameter schema and what it binds to: ranking settings, the construction model,
/// the risk rules, the schedule and how orders are made.</summary>
public sealed record MomentumParameters(
    MomentumSettings Ranking,
    IPortfolioConstruction Construction,
    RiskRules Risk,
    string Rebalance,
    DayOfWeek Weekday,
    int RebalanceWeeks,
    int ResizeEvery,
    double DriftThreshold,
    decimal MinTradeValue,
    int DrawdownWindow)
{
    /// <summary>The schedules <c>rebalance</c> may name.</summary>
    public static IReadOnlyList<string> Schedules { get; } = ["weekly", "daily", "month_start", "month_end"];

    public static IReadOnlyList<StrategyParameter> Schema { get; } =
    [
        StrategyParameter.Integer("lookback_period", 90, 2, 1000, "Bars in the regression of ln(close) that gives the momentum score"),
        StrategyParameter.Decimal("top_percentage", 0.2m, 0m, 1m, "Fraction of the universe to hold, best scores first (above 0, at most 1)"),
        StrategyParameter.Decimal("risk_factor", 0.001m, 0m, 0.1m, "Fraction of equity one ATR of a position may move: shares = equity × risk_factor / ATR"),
        StrategyParameter.Integer("market_regime_period", 200, 1, 1000, "Bars in the market index's average it must close above for new buys"),
        StrategyParameter.Integer("trend_filter_period", 100, 1, 1000, "Bars in a stock's own average it must close above"),
        StrategyParameter.Decimal("max_gap", 0.15m, 0m, 1m, "Largest open-to-previous-close gap tolerated inside the window (0.15 is 15%)"),
        StrategyParameter.Integer("atr_period", 20, 1, 1000, "Bars in the average true range that is the risk unit"),
        StrategyParameter.Text("construction", "atr_risk_parity", "How picks become weights: " + string.Join(", ", PortfolioConstruction.Names)),
        StrategyParameter.Text("rebalance", "weekly", "When to rebalance: " + string.Join(", ", Schedules)),
        StrategyParameter.Text("rebalance_weekday", "wednesday", "Weekday of a weekly rebalance (the next trading day of that week when it is a holiday)"),
        StrategyParameter.Integer("rebalance_weeks", 1, 1, 52, "With rebalance=weekly: every this many weeks"),
        StrategyParameter.Integer("resize_every", 2, 1, 52, "Resize positions already held on every this many rebalances (2: every second Wednesday)"),
        StrategyParameter.Decimal("drift_threshold", 0m, 0m, 1m, "Also rebalance (and resize) on any day a weight drifts this far from its target; 0 is off"),
        StrategyParameter.Decimal("max_position_weight", 1m, 0m, 10m, "Largest weight of one position (1: no cap)"),
        StrategyParameter.Integer("max_positions", 0, 0, 100_000, "Most positions at once (0: no limit)"),
        StrategyParameter.Decimal("max_gross_exposure", 1m, 0m, 10m, "Largest sum of absolute weights (1: fully invested, no leverage)"),
        StrategyParameter.Decimal("min_cash_buffer", 0m, 0m, 0.99m, "Fraction of equity kept in cash, never spent on buys"),
        StrategyParameter.Decimal("buy_drawdown_limit", 1m, 0m, 1m, "No new buys while equity is this far below its peak of the last drawdown_window bars (1: off)"),
        StrategyParameter.Integer("drawdown_window", 252, 0, 100_000, "Bars back to the peak the drawdown is measured from (0: since the start); a window lets buying resume once the account has stopped falling for that long"),
        StrategyParameter.Decimal("min_trade_value", 0m, 0m, 1_000_000_000m, "Skip trades worth less than this (closing a position always trades)"),
    ];

    /// <summary>Rules that a single parameter's range cannot say.</summary>
    public static IReadOnlyList<ParameterRule> Checks { get; } =
    [
        Positive("top_percentage"),
        Positive("risk_factor"),
        Positive("max_gap"),
        Positive("max_position_weight"),
        Positive("max_gross_exposure"),
        Positive("buy_drawdown_limit"),
        Choice("construction", PortfolioConstruction.Names),
        Choice("rebalance", Schedules),
        Choice("rebalance_weekday", ["monday", "tuesday", "wednesday", "thursday", "friday"]),
    ];

    /// <summary>The typed settings of validated <paramref name="parameters"/>.</summary>
    public static MomentumParameters From(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var ranking = new MomentumSettings
        {
            LookbackPeriod = parameters.GetInt("lookback_period"),
            TopPercentage = (double)parameters.GetDecimal("top_percentage"),
            RiskFactor = (double)parameters.GetDecimal("risk_factor"),
            MarketRegimePeriod = parameters.GetInt("market_regime_period"),
            TrendFilterPeriod = parameters.GetInt("trend_filter_period"),
            MaxGap = (double)parameters.GetDecimal("max_gap"),
            AtrPeriod = parameters.GetInt("atr_period"),
        }.Validated();
        var maxPositions = parameters.GetInt("max_positions");
        return new MomentumParameters(
            ranking,
            PortfolioConstruction.Named(parameters.GetText("construction"), ranking.RiskFactor),
            new RiskRules
            {
                MaxPositionWeight = (double)parameters.GetDecimal("max_position_weight"),
                MaxPositions = maxPositions == 0 ? null : maxPositions,
                MaxGrossExposure = (double)parameters.GetDecimal("max_gross_exposure"),
                MinCashBuffer = (double)parameters.GetDecimal("min_cash_buffer"),
                DrawdownLimitForBuys = (double)parameters.GetDecimal("buy_drawdown_limit"),
            },
            parameters.GetText("rebalance").Trim().ToLowerInvariant(),
            Enum.Parse<DayOfWeek>(parameters.GetText("rebalance_weekday").Trim(), ignoreCase: true),
            parameters.GetInt("rebalance_weeks"),
            parameters.GetInt("resize_every"),
            (double)parameters.GetDecimal("drift_threshold"),
            parameters.GetDecimal("min_trade_value"),
            parameters.GetInt("drawdown_window"));
    }

    /// <summary>What momentum wants of an account, from a ranking: the picks (BUY signals, and the HOLD signals of
    /// symbols already held: keep, do not add), the desired portfolio by the construction model and the risk rules,
    /// and the plan of orders to get there (held positions keep their size unless <paramref name="resizeHeld"/>).</summary>
    public (DesiredPortfolio Desired, RebalancePlan Plan) Propose(
        MomentumRanking ranking,
        PortfolioState state,
        IReadOnlyDictionary<Symbol, double> prices,
        bool resizeHeld)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(state);
        var picks = ranking.Signals
            .Where(s => s.Action == SignalAction.Buy || (s.Action == SignalAction.Hold && state.Holds(s.Symbol)))
            .ToList();
        var desired = DesiredPortfolio.Build(picks, Construction, Risk, state);
        var plan = RebalancePlan.Create(desired, state, prices, Risk, new RebalanceOptions { MinTradeValue = MinTradeValue, ResizeHeld = resizeHeld });
        return (desired, plan);
    }

    /// <summary>The rebalancing schedule, anchored (for every-N-weeks) at <paramref name="firstDay"/> of the run.</summary>
    public IRebalanceSchedule Schedule(DateOnly firstDay) => Rebalance switch
    {
        "daily" => new EveryTradingDaySchedule(),
        "month_start" => new FirstTradingDayOfMonthSchedule(),
        "month_end" => new LastTradingDayOfMonthSchedule(),
        _ when RebalanceWeeks > 1 => new EveryNWeeksSchedule(RebalanceWeeks, Weekday, firstDay),
        _ => new WeeklySchedule(Weekday),
    };

    private static ParameterRule Positive(string name) => new($"{name} must be above 0", p =>
        p.GetDecimal(name) > 0 ? null : $"{name} must be above 0; got {StrategyParameter.Format(p.GetDecimal(name))}");

    private static ParameterRule Choice(string name, IReadOnlyList<string> choices) => new(
        $"{name} is one of {string.Join(", ", choices)}",
        p => choices.Contains(p.GetText(name).Trim().ToLower(CultureInfo.InvariantCulture))
            ? null
            : $"{name} must be one of {string.Join(", ", choices)}; got '{p.GetText(name)}'");
}
