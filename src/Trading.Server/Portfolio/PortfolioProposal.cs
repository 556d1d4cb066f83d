using Trading.Portfolio;
using Trading.Server.Paper;
using Trading.Server.Signals;

namespace Trading.Server.Portfolio;

/// <summary>What the momentum strategy wants the paper account to hold, and the orders that would get it there: the
/// Portfolio module's construction, risk rules and rebalance plan over the account as it stands.</summary>
internal sealed record PortfolioProposal(PortfolioState State, DesiredPortfolio Desired, RebalancePlan Plan)
{
    /// <summary>Builds the proposal from a ranking and the account; every position is resized (a manual rebalance
    /// is a full one).</summary>
    public static PortfolioProposal Of(RankedUniverse ranked, PaperAccountState account)
    {
        var ledger = account.Ledger;
        var holdings = ledger.OpenPositions.ToDictionary(p => p.Symbol, p => p.Quantity);
        var prices = ledger.OpenPositions.ToDictionary(p => p.Symbol, p => p.LastPrice);
        // The drawdown rule's peak is that of the strategy's window, as in a backtest.
        var window = ranked.Parameters.DrawdownWindow;
        var history = window > 0 ? account.History.TakeLast(window) : account.History;
        var peak = history.Select(p => (decimal)p.Equity).Append(ledger.Equity).Max();
        var drawdown = peak > 0 ? (double)(1 - (ledger.Equity / peak)) : 0;
        var state = new PortfolioState(ledger.Equity, ledger.Cash, holdings, drawdown);
        foreach (var signal in ranked.Ranking.Signals.Where(s => double.IsFinite(s.CurrentPrice) && s.CurrentPrice > 0))
        {
            prices[signal.Symbol] = signal.CurrentPrice;
        }

        var (desired, plan) = ranked.Parameters.Propose(ranked.Ranking, state, prices, resizeHeld: true);
        return new PortfolioProposal(state, desired, plan);
    }
}
