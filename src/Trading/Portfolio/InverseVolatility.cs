using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>The budget shared in proportion to 1 / volatility (annualised standard deviation of daily returns), so a
/// calm stock gets more than a wild one. A pick without a usable volatility gets nothing.</summary>
public sealed record InverseVolatility : ProportionalConstruction
{
    public override string Name => "inverse_volatility";

    protected override double ValueOf(Signal pick) => 1 / pick.Volatility;
}
