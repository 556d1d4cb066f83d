namespace Trading.Domain;

/// <summary>Shares that changed hands for one order at one price. Quantity is positive; the side gives the sign.
/// Price is after slippage; commission is charged on top (never folded into the price).</summary>
public sealed record Fill(long OrderId, DateTime Time, Symbol Symbol, OrderSide Side, decimal Quantity, decimal Price, decimal Commission)
{
    /// <summary>Quantity with the sign of the side: what the fill adds to the position.</summary>
    public decimal SignedQuantity => Side == OrderSide.Buy ? Quantity : -Quantity;

    /// <summary>Cash the fill moves, commission included: negative for a buy, positive for a sell.</summary>
    public decimal CashFlow => (-SignedQuantity * Price) - Commission;
}
