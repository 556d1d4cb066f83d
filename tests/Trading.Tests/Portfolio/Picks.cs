using Trading.Domain;
using Trading.Portfolio;

namespace Trading.Tests.Portfolio;

/// <summary>Signals and account states written out by hand for the construction, risk and plan tests.</summary>
internal static class Picks
{
    public static Symbol S(string symbol) => Symbol.Parse(symbol);

    /// <summary>A BUY signal with the numbers the models read.</summary>
    public static Signal Buy(string symbol, double price, double atr = 2, double score = 0.5, double volatility = 0.2, int rank = 1) =>
        new(S(symbol), SignalAction.Buy, atr, score, price, rank, volatility, null);

    /// <summary>An account: equity, cash and shares held (symbol, shares); no drawdown unless given.</summary>
    public static PortfolioState State(decimal equity, decimal cash, double drawdown = 0, params (string Symbol, decimal Shares)[] holdings) =>
        new(equity, cash, holdings.ToDictionary(h => S(h.Symbol), h => h.Shares), drawdown);

    public static DesiredPortfolio Desired(params (string Symbol, double Weight, double Price)[] targets) =>
        new([.. targets.Select(t => new TargetWeight(S(t.Symbol), t.Weight, t.Price))], []);

    public static Dictionary<Symbol, double> Prices(params (string Symbol, double Price)[] prices) =>
        prices.ToDictionary(p => S(p.Symbol), p => p.Price);
}
