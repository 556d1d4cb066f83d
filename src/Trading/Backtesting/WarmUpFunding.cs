using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;

namespace Trading.Backtesting;

/// <summary>The account's say on orders during a warm-up: every order before <paramref name="tradeFrom"/> is refused
/// (the venue's rejection, an order event with this reason, as LEAN refuses orders while warming up); from then on,
/// the ledger's own checks.</summary>
/// <remarks>The strategy runs over the warm-up bars as over any others, so its indicators and state are what they
/// would be had it run from the first bar; only its orders do not reach the market.</remarks>
internal sealed class WarmUpFunding(Ledger ledger, DateTime tradeFrom, Func<DateTime> clock) : IOrderFunding
{
    public string? CheckOrder(OrderRequest order, decimal price, decimal committedCash) =>
        clock() < tradeFrom
            ? $"warming up: the run trades from {tradeFrom:yyyy-MM-dd HH:mm}; the bars before only warm the strategy up"
            : ledger.CheckOrder(order, price, committedCash);

    public decimal AffordableQuantity(Symbol symbol, OrderSide side, decimal quantity, decimal price, decimal commission) =>
        ledger.AffordableQuantity(symbol, side, quantity, price, commission);

    public VenueAccount Holdings() => ledger.Holdings();
}
