using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Risk;

namespace Trading.Nodes;

/// <summary>The account's say on an order, with a node's pre-trade risk checks asked first: a refusal by either is the
/// venue's rejection of the order, an order event with its reason, as the account's own refusals already are.</summary>
/// <remarks>Risk sits here, between the strategy and the venue, because every order passes through the venue's
/// funding check whatever submitted it (the strategy, a person through the API, a pair or bracket), and because the
/// venue already turns a refusal into a rejected order with its event.</remarks>
internal sealed class RiskCheckedFunding(Ledger ledger, PreTradeRisk risk, Func<IRiskAccount> account, Func<DateTime> clock) : IOrderFunding
{
    public string? CheckOrder(OrderRequest order, decimal price, decimal committedCash)
    {
        // A node without limits, not halted, has nothing to ask: the account's own check is all.
        if (!risk.IsHalted && risk.Limits == RiskLimits.None)
        {
            return ledger.CheckOrder(order, price, committedCash);
        }

        var decision = risk.Check(order, price, account(), clock());
        return decision.IsAccepted ? ledger.CheckOrder(order, price, committedCash) : decision.Reason;
    }

    public decimal AffordableQuantity(Symbol symbol, OrderSide side, decimal quantity, decimal price, decimal commission) =>
        ledger.AffordableQuantity(symbol, side, quantity, price, commission);

    public VenueAccount Holdings() => ledger.Holdings();
}
