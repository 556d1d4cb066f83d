namespace Trading.Portfolio;

/// <summary>How one line of a rebalance ended.</summary>
public enum ReconciliationOutcome
{
    /// <summary>Nothing was to be traded (already at the desired size, or held until a resize day).</summary>
    Unchanged,

    /// <summary>The order filled in full.</summary>
    Filled,

    /// <summary>Part of the order filled (volume cap, or cash at the fill price); the rest expired or was cancelled.</summary>
    PartiallyFilled,

    /// <summary>The order was accepted but nothing filled (no bar, price never reached, expired, cancelled).</summary>
    Unfilled,

    /// <summary>The venue or the account refused the order; the reason says why (cash, for example).</summary>
    Rejected,

    /// <summary>The plan placed no order: below the minimum trade value, or no cash left for it.</summary>
    Skipped,
}
