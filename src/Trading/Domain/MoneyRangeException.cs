namespace Trading.Domain;

/// <summary>A price, a quantity or an amount beyond what the ledger's decimals can account for, refused before
/// anything is booked: the message names the symbol, the value and the limit.</summary>
public sealed class MoneyRangeException : ArgumentException
{
    public MoneyRangeException(Symbol symbol, string message)
        : base(message)
    {
        Symbol = symbol;
    }

    public MoneyRangeException(string message)
        : base(message)
    {
    }

    public MoneyRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MoneyRangeException()
    {
    }

    /// <summary>The symbol whose price or position is out of range, when one is.</summary>
    public Symbol? Symbol { get; }
}
