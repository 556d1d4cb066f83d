namespace Trading.Portfolio;

/// <summary>How a desired portfolio turns into orders.</summary>
public sealed record RebalanceOptions
{
    /// <summary>Trades worth less than this are skipped (closing a position always goes through). Default 0.</summary>
    public decimal MinTradeValue { get; init; }

    /// <summary>When false, positions already held keep their share count; only new buys and full exits trade
    /// (momentum resizes every second week only). Default true.</summary>
    public bool ResizeHeld { get; init; } = true;
}
