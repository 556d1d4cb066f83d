using Trading.Accounting;

namespace Trading.Server.Paper;

/// <summary>The account's equity after each processed bar time, with its total return and deepest drawdown so far,
/// and the backtests' metrics over the same equity points (CAGR, Sharpe, ...), as a node's performance has them.</summary>
internal sealed record PerformanceView(decimal InitialCash, decimal Equity, double TotalReturn, double MaxDrawdown, PerformanceMetrics Metrics, IReadOnlyList<EquityPointView> EquityCurve)
{
    public static PerformanceView Of(PaperAccountState state)
    {
        var initial = (double)state.Ledger.InitialCash;
        var equity = (double)state.Ledger.Equity;
        var peak = initial;
        var deepest = 0.0;
        foreach (var point in state.History)
        {
            peak = Math.Max(peak, point.Equity);
            deepest = peak > 0 ? Math.Min(deepest, (point.Equity / peak) - 1) : deepest;
        }

        return new PerformanceView(
            state.Ledger.InitialCash,
            state.Ledger.Equity,
            initial > 0 ? (equity / initial) - 1 : 0,
            deepest,
            PerformanceMetrics.Compute(state.History, state.Ledger.RoundTrips, state.Ledger.TradedValue, state.Ledger.CommissionsPaid, new MetricsSettings(), null),
            [.. state.History.Select(p => new EquityPointView(p.Time, p.Equity, p.Cash, p.GrossExposure))]);
    }
}

/// <summary>The account at one bar time.</summary>
internal sealed record EquityPointView(DateTime Time, double Equity, double Cash, double GrossExposure);
