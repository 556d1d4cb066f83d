namespace Trading.Accounting;

/// <summary>How a run did. Returns and ratios are fractions (0.12 is 12%), annualised with the bar frequency;
/// drawdown is positive (0.25 is a 25% fall from a peak). Alpha and beta are null without a benchmark.</summary>
public sealed partial record PerformanceMetrics
{
    public double TotalReturn { get; init; }

    /// <summary>Compound annual growth rate over the calendar span of the run.</summary>
    public double Cagr { get; init; }

    public double AnnualVolatility { get; init; }

    public double Sharpe { get; init; }

    public double Sortino { get; init; }

    /// <summary>CAGR over maximum drawdown.</summary>
    public double Calmar { get; init; }

    public double MaxDrawdown { get; init; }

    /// <summary>The longest time from a peak to the recovery of that peak (or to the end, if never recovered).</summary>
    public TimeSpan MaxDrawdownDuration { get; init; }

    /// <summary>Annualised Jensen's alpha against the benchmark.</summary>
    public double? Alpha { get; init; }

    public double? Beta { get; init; }

    /// <summary>Share of round trips with a profit.</summary>
    public double WinRate { get; init; }

    /// <summary>Gross profit of winners over gross loss of losers (infinity with no losers, 0 with no trades).</summary>
    public double ProfitFactor { get; init; }

    /// <summary>Average profit per round trip, in currency.</summary>
    public decimal Expectancy { get; init; }

    /// <summary>Average share of equity invested (gross exposure over equity).</summary>
    public double Exposure { get; init; }

    /// <summary>Traded value per year over average equity.</summary>
    public double Turnover { get; init; }

    public int TradeCount { get; init; }

    public decimal CommissionsPaid { get; init; }

    /// <summary>The annual risk-free rate used for Sharpe, Sortino and alpha.</summary>
    public double RiskFreeRate { get; init; }
}
