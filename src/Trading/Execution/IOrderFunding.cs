using Trading.Domain;

namespace Trading.Execution;

/// <summary>The account's say on orders and fills: a cash account refuses what it cannot pay for, a margin account
/// what would exceed its leverage. Null means yes; otherwise the reason, phrased for a person.</summary>
public interface IOrderFunding
{
    /// <summary>May this order be accepted, at an estimated <paramref name="price"/>, given
    /// <paramref name="committedCash"/> already promised to other working buy orders?</summary>
    string? CheckOrder(OrderRequest order, decimal price, decimal committedCash);

    /// <summary>The largest part of a fill of <paramref name="quantity"/> at <paramref name="price"/> (with
    /// <paramref name="commission"/> for the whole quantity) the account can take now: the quantity itself when it
    /// can take it all, fewer whole shares, or zero.</summary>
    decimal AffordableQuantity(Symbol symbol, OrderSide side, decimal quantity, decimal price, decimal commission);

    /// <summary>Cash and open positions as the account holds them now.</summary>
    VenueAccount Holdings();
}
