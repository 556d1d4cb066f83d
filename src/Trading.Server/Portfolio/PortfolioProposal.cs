using Trading.Domain;
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
        var peak = account.History.Count == 0 ? ledger.Equity : Math.Max(account.History.Max(p => (decimal)p.Equity), ledger.Equity);
        var drawdown = peak > 0 ? (double)(1 - (ledger.Equity / peak)) : 0;
        var state = new PortfolioState(ledger.Equity, ledger.Cash, holdings, drawdown);
        foreach (var signal in ranked.Ranking.Signals.Where(s => double.IsFinite(s.CurrentPrice) && s.CurrentPrice > 0))
        {
            prices[signal.Symbol] = signal.CurrentPrice;
        }

        var picks = ranked.Ranking.Signals
            .Where(s => s.Action == SignalAction.Buy || (s.Action == SignalAction.Hold && state.Holds(s.Symbol)))
            .ToList();
        var parameters = ranked.Parameters;
        var desired = DesiredPortfolio.Build(picks, parameters.Construction, parameters.Risk, state);
        var plan = RebalancePlan.Create(desired, state, prices, parameters.Risk, new RebalanceOptions { MinTradeValue = parameters.MinTradeValue });
        return new PortfolioProposal(state, desired, plan);
    }
}
