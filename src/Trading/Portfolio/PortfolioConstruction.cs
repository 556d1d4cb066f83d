namespace Trading.Portfolio;

/// <summary>The construction models by name, for parameters and the command line.</summary>
public static class PortfolioConstruction
{
    /// <summary>Every model name, in the order a user reads them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["atr_risk_parity", "equal_weight", "inverse_volatility", "score_weighted"];

    /// <summary>The model named <paramref name="name"/>; <paramref name="riskFactor"/> is used by risk parity only.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static IPortfolioConstruction Named(string name, double riskFactor) => name?.Trim().ToLowerInvariant() switch
    {
        "atr_risk_parity" => new AtrRiskParity(riskFactor),
        "equal_weight" => new EqualWeight(),
        "inverse_volatility" => new InverseVolatility(),
        "score_weighted" => new ScoreWeighted(),
        _ => throw new ArgumentException($"unknown construction '{name}'; valid: {string.Join(", ", Names)}"),
    };
}
