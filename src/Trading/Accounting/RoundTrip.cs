using Trading.Domain;

namespace Trading.Accounting;

/// <summary>Long or short.</summary>
public enum PositionSide
{
    Long = 1,
    Short = -1,
}

/// <summary>A closed trade: a position opened and (partly or wholly) closed. Profit is after the commissions of
/// both legs; a partial close is a round trip of its own for the quantity it closed.</summary>
public sealed record RoundTrip(
    Symbol Symbol,
    PositionSide Side,
    DateTime EntryTime,
    DateTime ExitTime,
    decimal Quantity,
    decimal EntryPrice,
    decimal ExitPrice,
    decimal Commission,
    decimal ProfitAndLoss)
{
    /// <summary>Return on the capital the trade tied up: profit over entry value.</summary>
    public decimal ReturnOnEntry => EntryPrice == 0 || Quantity == 0 ? 0 : ProfitAndLoss / (EntryPrice * Quantity);
}
