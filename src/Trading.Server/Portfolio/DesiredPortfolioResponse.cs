using Trading.Domain;
using Trading.Portfolio;
using Trading.Server.Paper;
using Trading.Server.Signals;

namespace Trading.Server.Portfolio;

/// <summary>The desired portfolio against the paper account: targets (weight, shares, price), the orders that close
/// the gap from the shares held and on order (sells first, then buys best first, cut to the cash), the working
/// orders the plan cancels, the notes (which day it was made as of and why, the risk rules, orders not counted), and
/// after a rebalance the orders cancelled and submitted.</summary>
internal sealed record DesiredPortfolioResponse(
    string AsOf,
    string MarketRegime,
    string Construction,
    decimal Equity,
    decimal Cash,
    double Drawdown,
    IReadOnlyList<TargetView> Targets,
    IReadOnlyList<PlannedOrderView> Orders,
    IReadOnlyList<CancelView> Cancels,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<OrderView>? Cancelled = null,
    IReadOnlyList<OrderView>? Submitted = null)
{
    /// <summary>The answer for <paramref name="proposal"/>, showing <paramref name="plan"/> (the proposal's own, or
    /// the one a rebalance sent) and what a rebalance did.</summary>
    public static DesiredPortfolioResponse Of(
        RankedUniverse ranked,
        PortfolioProposal proposal,
        RebalancePlan plan,
        IReadOnlyList<string> notes,
        IReadOnlyList<OrderView>? cancelled = null,
        IReadOnlyList<OrderView>? submitted = null)
    {
        var signals = SignalsResponse.Of(ranked);
        var equity = proposal.State.Equity;
        return new DesiredPortfolioResponse(
            signals.AsOf,
            signals.MarketRegime,
            ranked.Parameters.Construction.Name,
            Math.Round(equity, 2),
            Math.Round(proposal.Cash, 2),
            Math.Round(proposal.State.Drawdown, 6),
            [.. proposal.Desired.Targets.Select(t => new TargetView(t.Symbol.Value, Math.Round(t.Weight, 6), decimal.Truncate((decimal)t.Weight * equity / (decimal)t.Price), t.Price))],
            [.. plan.Trades.Select(PlannedOrderView.Of)],
            [.. proposal.Orders.Cancels.Select(CancelView.Of)],
            [.. ranked.Decision is { } decision ? [decision.Reason] : Array.Empty<string>(), .. proposal.Desired.Notes, .. proposal.Orders.Notes, .. notes],
            signals.Errors,
            cancelled,
            submitted);
    }
}

/// <summary>One target: its weight of equity and the whole shares that weight buys at the price.</summary>
internal sealed record TargetView(string Symbol, double Weight, decimal Shares, double Price);

/// <summary>One line of the rebalance plan: held, kept on order (signed), desired, the new order (buy, sell or none)
/// and why it differs from the plain difference.</summary>
internal sealed record PlannedOrderView(string Symbol, string? Side, decimal Quantity, decimal Current, decimal OnOrder, decimal Desired, double Price, string? Note)
{
    public static PlannedOrderView Of(PlannedTrade trade) => new(
        trade.Symbol.Value,
        trade.Side?.ToString().ToLowerInvariant(),
        Math.Abs(trade.Quantity),
        trade.Current,
        trade.OnOrder,
        trade.Desired,
        trade.Price,
        trade.Note);
}

/// <summary>A working order the plan cancels, and why.</summary>
internal sealed record CancelView(long OrderId, string Symbol, OrderSide Side, decimal Quantity, string Reason)
{
    public static CancelView Of(OrderCancel cancel) =>
        new(cancel.Order.Id, cancel.Order.Symbol.Value, cancel.Order.Side, cancel.Order.Remaining, cancel.Reason);
}
