using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>What became of one order of a rebalance, as the venue reported it: what filled, its final status and the
/// venue's reason (rejections, cancellations, expiry).</summary>
/// <param name="Filled">Shares filled, unsigned.</param>
public sealed record OrderOutcome(decimal Filled, OrderStatus Status, string? Reason);
