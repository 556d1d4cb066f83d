using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Clenow's risk parity: shares = equity × risk factor / ATR, so one average day moves each position's value
/// by the same fraction of the account. As a weight: risk factor × price / ATR.</summary>
public sealed record AtrRiskParity : IPortfolioConstruction
{
    public AtrRiskParity(double riskFactor)
    {
        if (!(riskFactor > 0 && riskFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(riskFactor), riskFactor, $"The risk factor is a fraction of equity in (0, 1]; got {riskFactor}.");
        }

        RiskFactor = riskFactor;
    }

    public double RiskFactor { get; }

    public string Name => "atr_risk_parity";

    public IReadOnlyList<TargetWeight> Weigh(IReadOnlyList<Signal> picks, double budget)
    {
        ArgumentNullException.ThrowIfNull(picks);
        return [.. picks.Select(p => new TargetWeight(
            p.Symbol,
            p.RiskUnit > 0 && p.CurrentPrice > 0 ? RiskFactor * p.CurrentPrice / p.RiskUnit : 0,
            p.CurrentPrice))];
    }
}
