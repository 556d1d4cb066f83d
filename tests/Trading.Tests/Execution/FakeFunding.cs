using Trading.Domain;
using Trading.Execution;

namespace Trading.Tests.Execution;

/// <summary>An account for venue tests: refuses orders with a set reason, and pays for buys from a set amount of
/// cash (unlimited when null). It records what the venue asked.</summary>
internal sealed class FakeFunding : IOrderFunding
{
    public string? Refusal { get; set; }

    public decimal? Cash { get; set; }

    public List<(OrderRequest Order, decimal Price, decimal CommittedCash)> Checks { get; } = [];

    public string? CheckOrder(OrderRequest order, decimal price, decimal committedCash)
    {
        Checks.Add((order, price, committedCash));
        return Refusal;
    }

    public decimal AffordableQuantity(Symbol symbol, OrderSide side, decimal quantity, decimal price, decimal commission)
    {
        if (side == OrderSide.Sell || Cash is not { } cash || (quantity * price) + commission <= cash)
        {
            return quantity;
        }

        return Math.Max(0m, Math.Floor((cash - commission) / price));
    }

    public VenueAccount Holdings() => new(Cash ?? 0m, new Dictionary<Symbol, decimal>());
}
