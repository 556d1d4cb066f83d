namespace Trading.Domain;

/// <summary>A strategy's view of one symbol at one time, in the original system's terms: the action, the risk unit
/// (price movement one share carries in a day: the average true range), the momentum score and the price it was
/// computed at, plus why — every SELL and every HOLD that is not a plain "keep" carries a reason.</summary>
/// <param name="Rank">1 for the best score among the symbols that qualified; null for a disqualified symbol.</param>
/// <param name="Volatility">Annualised standard deviation of daily log returns over the scoring window (NaN when
/// there is not enough history), for inverse-volatility weighting.</param>
public sealed record Signal(
    Symbol Symbol,
    SignalAction Action,
    double RiskUnit,
    double MomentumScore,
    double CurrentPrice,
    int? Rank,
    double Volatility,
    string? Reason)
{
    /// <summary>True when the symbol passed every filter (it has a rank), whatever its action.</summary>
    public bool Qualified => Rank is not null;
}
