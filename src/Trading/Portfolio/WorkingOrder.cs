using Trading.Domain;

namespace Trading.Portfolio;

/// <summary>An order still working at the venue, as a plan sees it: what is left of it and how it fills.</summary>
/// <param name="Remaining">Shares still to fill, positive.</param>
/// <param name="Price">Its limit (else stop) price; null for one that fills at the market or trails it.</param>
public sealed record WorkingOrder(long Id, Symbol Symbol, OrderSide Side, OrderType Type, decimal Remaining, decimal? Price)
{
    /// <summary>Remaining shares, positive for a buy and negative for a sell.</summary>
    public decimal Signed => Side == OrderSide.Buy ? Remaining : -Remaining;

    /// <summary>True for the orders that fill at the next price whatever it is (market, on the open, on the close):
    /// the ones a plan can count on. Limit and stop orders fill only if the market reaches their price.</summary>
    public bool AtMarket => Type is OrderType.Market or OrderType.MarketOnOpen or OrderType.MarketOnClose;

    public override string ToString() => $"#{Id} {Side.ToString().ToLowerInvariant()} {Remaining} {Symbol}";
}
