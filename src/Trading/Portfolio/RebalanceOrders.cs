namespace Trading.Portfolio;

/// <summary>What a rebalance sends when orders are already working: the working orders to cancel first, then the
/// new orders (the lines of <see cref="Plan"/>: shares held, shares kept on order, desired, and the new order).</summary>
public sealed record RebalanceOrders(IReadOnlyList<OrderCancel> Cancels, RebalancePlan Plan, IReadOnlyList<string> Notes);
