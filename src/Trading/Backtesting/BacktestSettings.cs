using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;

namespace Trading.Backtesting;

/// <summary>How a backtest runs: money, account, venue realism, benchmark and risk-free rate.</summary>
public sealed record BacktestSettings
{
    public decimal InitialCash { get; init; } = 100_000m;

    public AccountSettings Account { get; init; } = new();

    /// <summary>Fill, slippage and commission models; zero costs by default.</summary>
    public VenueSettings Venue { get; init; } = new();

    /// <summary>The annual risk-free rate for Sharpe, Sortino and alpha (0.02 is 2%).</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>Checks the settings, naming what is wrong.</summary>
    public void Validate()
    {
        if (InitialCash <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialCash), InitialCash, $"Initial cash must be positive; got {InitialCash}.");
        }

        if (!double.IsFinite(RiskFreeRate) || RiskFreeRate <= -1 || RiskFreeRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RiskFreeRate), RiskFreeRate, $"The risk-free rate is an annual fraction between -1 and 1 (0.02 is 2%); got {RiskFreeRate}.");
        }
    }
}

/// <summary>What a backtest runs over: the traded universe, its corporate actions, and optionally a benchmark series
/// (traded or not) for alpha and beta.</summary>
public sealed record BacktestInput(IReadOnlyList<BarSeries> Universe, IReadOnlyList<CorporateAction> Actions, BarSeries? Benchmark = null)
{
    /// <summary>A market index the strategy may read, up to the clock's time only, for a regime filter (not traded).</summary>
    public BarSeries? MarketIndex { get; init; }

    /// <summary>The exchange calendar of the data, for rebalancing schedules (default: NYSE).</summary>
    public TradingCalendar? Calendar { get; init; }

    /// <summary>When set, the bars before it are a warm-up: the strategy runs over them (its indicators fill) but its
    /// orders are refused, and the account, the equity curve and the metrics start at the first bar at or after it,
    /// with the initial cash. Null: the run trades from its first bar.</summary>
    public DateTime? TradeFrom { get; init; }
}
