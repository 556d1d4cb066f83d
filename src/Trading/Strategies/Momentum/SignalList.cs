using Trading.Domain;

namespace Trading.Strategies.Momentum;

/// <summary>A ranking as plain data, in the original system's shape: serialised with snake_case names it is
/// <c>{"signals": [{"symbol", "signal": "BUY", "risk_unit", "momentum_score", "current_price", "rank", "reason"}],
/// "as_of", "market_regime", "universe_size", "top_count"}</c>. Numbers that do not exist (no history) are null.</summary>
public sealed record SignalList(IReadOnlyList<SignalEntry> Signals, string AsOf, string MarketRegime, int UniverseSize, int TopCount)
{
    public static SignalList Of(MomentumRanking ranking, Interval interval)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return new SignalList(
            [.. ranking.Signals.Select(SignalEntry.Of)],
            ranking.AsOf == DateTime.MinValue ? string.Empty : interval.Format(ranking.AsOf),
            ranking.Regime.Description,
            ranking.Signals.Count,
            ranking.TopCount);
    }
}

/// <summary>One signal of a <see cref="SignalList"/>.</summary>
/// <param name="Signal">BUY, HOLD or SELL.</param>
public sealed record SignalEntry(string Symbol, string Signal, double? RiskUnit, double? MomentumScore, double? CurrentPrice, int? Rank, string? Reason)
{
    public static SignalEntry Of(Domain.Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return new SignalEntry(
            signal.Symbol.Value,
            signal.Action.ToString().ToUpperInvariant(),
            Finite(signal.RiskUnit),
            Finite(signal.MomentumScore),
            Finite(signal.CurrentPrice),
            signal.Rank,
            signal.Reason);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
