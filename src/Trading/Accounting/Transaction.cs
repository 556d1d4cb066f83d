using Trading.Domain;

namespace Trading.Accounting;

/// <summary>One entry of the ledger's journal, in the order it was applied.</summary>
/// <param name="Symbol">Null for a deposit.</param>
/// <param name="Quantity">Shares the entry added to the position, with sign: positive for a buy, negative for a sell,
/// the change in share count for a split (negative for a reverse split), the shares held for a dividend (negative
/// when short), zero for a deposit.</param>
/// <param name="Price">The fill price for a trade, the amount per share for a dividend, the ratio (new shares per
/// old share) for a split, zero for a deposit.</param>
/// <param name="Amount">The entry's effect on cash, commission included (negative for a buy or a dividend paid on a
/// short position, zero for a split).</param>
/// <param name="Commission">The commission of a trade (part of <paramref name="Amount"/>), zero otherwise.</param>
public sealed record Transaction(
    DateTime Time,
    TransactionKind Kind,
    Symbol? Symbol,
    decimal Quantity,
    decimal Price,
    decimal Amount,
    decimal Commission,
    string Description);
