namespace Trading.Accounting;

/// <summary>What moved the account: money in, a trade, a dividend or a split.</summary>
public enum TransactionKind
{
    Deposit = 1,
    Buy = 2,
    Sell = 3,
    Dividend = 4,
    Split = 5,
}
