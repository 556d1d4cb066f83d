using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>How the picks of a strategy become weights: risk parity by ATR, equal weight, inverse volatility, by score.</summary>
/// <remarks>Risk rules come after (see <see cref="RiskRules"/>); a model only answers "how much of each, relative to
/// the others".</remarks>
public interface IPortfolioConstruction
{
    /// <summary>snake_case, as a parameter value: <c>atr_risk_parity</c>.</summary>
    string Name { get; }

    /// <summary>Weights for <paramref name="picks"/>, in their order. Models that split a whole (equal weight, inverse
    /// volatility, score) share out <paramref name="budget"/>, the gross exposure the risk rules allow; risk parity
    /// sizes each position on its own and leaves the budget to the rules. A pick the model cannot weigh (no usable
    /// volatility, a score of zero or less) gets weight 0.</summary>
    IReadOnlyList<TargetWeight> Weigh(IReadOnlyList<Signal> picks, double budget);
}
