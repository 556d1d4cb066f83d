using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>Desired versus actual for one symbol of one rebalance: shares before, wanted, ordered, filled and after,
/// how it ended and why.</summary>
/// <param name="Ordered">Signed: positive bought, negative sold.</param>
/// <param name="Filled">Signed like <paramref name="Ordered"/>.</param>
public sealed record ReconciliationLine(
    Symbol Symbol,
    decimal Before,
    decimal Desired,
    decimal Ordered,
    decimal Filled,
    decimal After,
    ReconciliationOutcome Outcome,
    string? Reason)
{
    /// <summary>Shares the portfolio ended away from its desired size.</summary>
    public decimal Shortfall => Desired - After;
}
