using Trading.Domain;
using Trading.Portfolio;
using Trading.Server.Paper;
using Trading.Server.Signals;

namespace Trading.Server.Portfolio;

/// <summary>What the momentum strategy wants the paper account to hold, and the orders that would get it there: the
/// Portfolio module's construction, risk rules and rebalance plan over the account's positions plus its orders
/// already working (<see cref="ProjectedPositions"/>), then what to cancel and what to send.</summary>
/// <param name="Cash">The account's cash (the plan's state counts the orders on order as filled).</param>
/// <param name="Prices">The price of every symbol the plan touches, as of the decision.</param>
internal sealed record PortfolioProposal(
    decimal Cash,
    PortfolioState State,
    DesiredPortfolio Desired,
    ProjectedPositions Book,
    RebalanceOrders Orders,
    IReadOnlyDictionary<Symbol, double> Prices)
{
    /// <summary>Builds the proposal from a ranking and the account; every position is resized (a manual rebalance
    /// is a full one).</summary>
    /// <param name="onOrderPrices">Prices of symbols on order that are neither held nor ranked.</param>
    public static PortfolioProposal Of(RankedUniverse ranked, PaperAccountState account, IEnumerable<WorkingOrder> working, IReadOnlyDictionary<Symbol, double> onOrderPrices)
    {
        var ledger = account.Ledger;
        var held = ledger.OpenPositions.ToDictionary(p => p.Symbol, p => p.Quantity);
        var prices = new Dictionary<Symbol, double>(onOrderPrices);
        foreach (var position in ledger.OpenPositions)
        {
            prices[position.Symbol] = position.LastPrice;
        }

        foreach (var signal in ranked.Ranking.Signals.Where(s => double.IsFinite(s.CurrentPrice) && s.CurrentPrice > 0))
        {
            prices[signal.Symbol] = signal.CurrentPrice;
        }

        var book = new ProjectedPositions(held, working);

        // The drawdown rule's peak is that of the strategy's window, as in a backtest.
        var window = ranked.Parameters.DrawdownWindow;
        var history = window > 0 ? account.History.TakeLast(window) : account.History;
        var peak = history.Select(p => (decimal)p.Equity).Append(ledger.Equity).Max();
        var drawdown = peak > 0 ? (double)(1 - (ledger.Equity / peak)) : 0;
        var state = new PortfolioState(ledger.Equity, book.Cash(ledger.Cash, s => prices[s]), book.Holdings, drawdown);
        var (desired, plan) = ranked.Parameters.Propose(ranked.Ranking, state, prices, resizeHeld: true);
        return new PortfolioProposal(ledger.Cash, state, desired, book, book.Reconcile(desired, plan), prices);
    }
}
