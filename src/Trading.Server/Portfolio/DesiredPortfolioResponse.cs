using Trading.Portfolio;
using Trading.Server.Paper;
using Trading.Server.Signals;

namespace Trading.Server.Portfolio;

/// <summary>The desired portfolio against the paper account: targets (weight, shares, price), the orders that close
/// the gap (sells first, then buys best first, cut to the cash), the notes of the risk rules, and after a rebalance
/// the orders submitted.</summary>
internal sealed record DesiredPortfolioResponse(
    string AsOf,
    string MarketRegime,
    string Construction,
    decimal Equity,
    decimal Cash,
    double Drawdown,
    IReadOnlyList<TargetView> Targets,
    IReadOnlyList<PlannedOrderView> Orders,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<OrderView>? Submitted = null)
{
    public static DesiredPortfolioResponse Of(RankedUniverse ranked, PortfolioProposal proposal, IReadOnlyList<OrderView>? submitted = null, IReadOnlyList<string>? extraNotes = null)
    {
        var signals = SignalsResponse.Of(ranked);
        var equity = proposal.State.Equity;
        return new DesiredPortfolioResponse(
            signals.AsOf,
            signals.MarketRegime,
            ranked.Parameters.Construction.Name,
            Math.Round(equity, 2),
            Math.Round(proposal.State.Cash, 2),
            Math.Round(proposal.State.Drawdown, 6),
            [.. proposal.Desired.Targets.Select(t => new TargetView(t.Symbol.Value, Math.Round(t.Weight, 6), decimal.Truncate((decimal)t.Weight * equity / (decimal)t.Price), t.Price))],
            [.. proposal.Plan.Trades.Select(PlannedOrderView.Of)],
            [.. proposal.Desired.Notes, .. extraNotes ?? []],
            signals.Errors,
            submitted);
    }
}

/// <summary>One target: its weight of equity and the whole shares that weight buys at the price.</summary>
internal sealed record TargetView(string Symbol, double Weight, decimal Shares, double Price);

/// <summary>One line of the rebalance plan: held, desired, the order (buy, sell or none) and why it differs.</summary>
internal sealed record PlannedOrderView(string Symbol, string? Side, decimal Quantity, decimal Current, decimal Desired, double Price, string? Note)
{
    public static PlannedOrderView Of(PlannedTrade trade) => new(
        trade.Symbol.Value,
        trade.Side?.ToString().ToLowerInvariant(),
        Math.Abs(trade.Quantity),
        trade.Current,
        trade.Desired,
        trade.Price,
        trade.Note);
}
