namespace Trading.Optimization;

/// <summary>A number a search ranks or constrains trials by (<c>sharpe</c>, <c>max_drawdown</c>, <c>trades</c>), and
/// whether more of it is better.</summary>
/// <param name="Name">snake_case, as typed after <c>--objective</c> and in a constraint.</param>
/// <param name="Better">Which way is better when it is the objective.</param>
/// <param name="Value">Its value for a trial; NaN where the run has none (a win rate without a closed trade).</param>
public sealed record SweepMetric(string Name, MetricDirection Better, Func<TrialResult, double> Value)
{
    /// <summary>Every metric a trial keeps, in the order reports write them.</summary>
    public static IReadOnlyList<SweepMetric> All { get; } =
    [
        new("total_return", MetricDirection.Higher, t => t.Metrics.TotalReturn),
        new("cagr", MetricDirection.Higher, t => t.Metrics.Cagr),
        new("sharpe", MetricDirection.Higher, t => t.Metrics.Sharpe),
        new("sortino", MetricDirection.Higher, t => t.Metrics.Sortino),
        new("calmar", MetricDirection.Higher, t => t.Metrics.Calmar),
        new("max_drawdown", MetricDirection.Lower, t => t.Metrics.MaxDrawdown),
        new("annual_volatility", MetricDirection.Lower, t => t.Metrics.AnnualVolatility),
        new("profit_factor", MetricDirection.Higher, t => t.Metrics.ProfitFactor ?? double.NaN),
        new("win_rate", MetricDirection.Higher, t => t.Metrics.WinRate ?? double.NaN),
        new("expectancy", MetricDirection.Higher, t => t.Metrics.Expectancy is { } e ? (double)e : double.NaN),
        new("alpha", MetricDirection.Higher, t => t.Metrics.Alpha ?? double.NaN),
        new("beta", MetricDirection.Lower, t => t.Metrics.Beta ?? double.NaN),
        new("exposure", MetricDirection.Higher, t => t.Metrics.Exposure),
        new("turnover", MetricDirection.Lower, t => t.Metrics.Turnover),
        new("trades", MetricDirection.Higher, t => t.TradeCount),
        new("commissions", MetricDirection.Lower, t => (double)t.Metrics.CommissionsPaid),
        new("final_equity", MetricDirection.Higher, t => (double)t.FinalEquity),
    ];

    /// <summary>The metric named <paramref name="name"/> (ignoring case), or throws listing the valid names.</summary>
    public static SweepMetric Parse(string? name) =>
        All.FirstOrDefault(m => m.Name.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown metric '{name}'; valid: {Names}");

    /// <summary>"total_return, cagr, sharpe, ...": for messages.</summary>
    public static string Names => string.Join(", ", All.Select(m => m.Name));

    public override string ToString() => Name;
}

/// <summary>Which way a metric is better.</summary>
public enum MetricDirection
{
    /// <summary>More is better (Sharpe, return).</summary>
    Higher,

    /// <summary>Less is better (drawdown, volatility).</summary>
    Lower,
}
