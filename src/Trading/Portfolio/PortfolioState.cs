using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>The account as the portfolio sees it when it decides: equity, cash, shares held, and how far equity is
/// below its high-water mark (0.2 is twenty percent down).</summary>
public sealed record PortfolioState(decimal Equity, decimal Cash, IReadOnlyDictionary<Symbol, decimal> Holdings, double Drawdown)
{
    /// <summary>Shares of <paramref name="symbol"/> held: positive long, negative short, zero when flat.</summary>
    public decimal QuantityOf(Symbol symbol) => Holdings.TryGetValue(symbol, out var quantity) ? quantity : 0m;

    /// <summary>True when some shares of <paramref name="symbol"/> are held, long or short.</summary>
    public bool Holds(Symbol symbol) => QuantityOf(symbol) != 0m;
}
