using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>One line of a rebalance: shares held, shares wanted, and the order that closes the gap (positive buys,
/// negative sells, zero for none), at the price the plan was made at; <see cref="Note"/> says why the order differs
/// from the plain difference (below the minimum trade, cut to the cash, not resized today).</summary>
/// <param name="Skipped">True when a trade was due but the plan placed none (too small, or no cash left).</param>
/// <param name="OnOrder">Signed shares of working orders kept toward <paramref name="Desired"/>, beside the new order
/// (see <see cref="ProjectedPositions"/>); 0 for a plan made without working orders.</param>
public sealed record PlannedTrade(Symbol Symbol, decimal Current, decimal Desired, decimal Quantity, double Price, string? Note, bool Skipped = false, decimal OnOrder = 0m)
{
    /// <summary>Buy or sell, or null when nothing is ordered.</summary>
    public OrderSide? Side => Quantity > 0 ? OrderSide.Buy : Quantity < 0 ? OrderSide.Sell : null;
}
