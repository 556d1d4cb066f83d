namespace Trading.Accounting;

/// <summary>How a run did. Returns and ratios are fractions (0.12 is 12%), annualised with the bar frequency;
/// drawdown is positive (0.25 is a 25% fall from a peak). Alpha and beta are null without a benchmark.</summary>
public sealed partial record PerformanceMetrics
{
    public double TotalReturn { get; init; }

    /// <summary>Compound annual growth rate over the calendar span of the run: (last / first)^(365.25 / days) − 1.</summary>
    public double Cagr { get; init; }

    public double AnnualVolatility { get; init; }

    public double Sharpe { get; init; }

    public double Sortino { get; init; }

    /// <summary>CAGR over maximum drawdown.</summary>
    public double Calmar { get; init; }

    public double MaxDrawdown { get; init; }

    /// <summary>When the peak before the maximum drawdown was set; null without a drawdown.</summary>
    public DateTime? MaxDrawdownPeak { get; init; }

    /// <summary>When the maximum drawdown bottomed; null without a drawdown.</summary>
    public DateTime? MaxDrawdownTrough { get; init; }

    /// <summary>When equity first got back to the maximum drawdown's peak; null if it never did (or never fell).</summary>
    public DateTime? MaxDrawdownRecovery { get; init; }

    /// <summary>Whether the maximum drawdown was made good by the end of the run (true without a drawdown).</summary>
    public bool MaxDrawdownRecovered { get; init; }

    /// <summary>The maximum drawdown's own duration: trading days from its peak to its recovery, or to the end of the
    /// run if it did not recover.</summary>
    public int MaxDrawdownTradingDays { get; init; }

    /// <summary>The longest time under water, in calendar time: from any peak to the first point back at it (or to
    /// the end). Often not the maximum drawdown's own spell.</summary>
    public TimeSpan LongestDrawdown { get; init; }

    /// <summary>Annualised Jensen's alpha against the benchmark.</summary>
    public double? Alpha { get; init; }

    public double? Beta { get; init; }

    /// <summary>Share of round trips with a profit; null with no round trip closed.</summary>
    public double? WinRate { get; init; }

    /// <summary>Gross profit of winners over gross loss of losers (infinity with no losers, 0 with no winners); null
    /// with no round trip closed.</summary>
    public double? ProfitFactor { get; init; }

    /// <summary>Average profit per round trip, in currency; null with no round trip closed.</summary>
    public decimal? Expectancy { get; init; }

    /// <summary>Average share of equity invested (gross exposure over equity).</summary>
    public double Exposure { get; init; }

    /// <summary>Traded value per year over average equity.</summary>
    public double Turnover { get; init; }

    public int TradeCount { get; init; }

    public decimal CommissionsPaid { get; init; }

    /// <summary>The annual risk-free rate used for Sharpe, Sortino and alpha.</summary>
    public double RiskFreeRate { get; init; }
}
