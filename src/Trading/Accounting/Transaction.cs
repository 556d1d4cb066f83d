using System.Globalization;
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
    decimal Commission)
{
    /// <summary>The entry of a fill: a buy or sell of its signed quantity at its price, moving its cash flow.</summary>
    public static Transaction Of(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return new(
            fill.Time,
            fill.Side == OrderSide.Buy ? TransactionKind.Buy : TransactionKind.Sell,
            fill.Symbol,
            fill.SignedQuantity,
            fill.Price,
            fill.CashFlow,
            fill.Commission);
    }

    /// <summary>The entry in words. Written when asked for, so booking a fill formats no text.</summary>
    public string Description => Kind switch
    {
        TransactionKind.Deposit => $"Deposit {Money(Amount)}",
        TransactionKind.Buy => $"Buy {Shares(Quantity)} {Symbol} at {Price}" + Fee(),
        TransactionKind.Sell => $"Sell {Shares(-Quantity)} {Symbol} at {Price}" + Fee(),
        TransactionKind.Dividend when Amount >= 0 => $"Dividend {Price} a share on {Shares(Quantity)} {Symbol}: {Money(Amount)} received",
        TransactionKind.Dividend => $"Dividend {Price} a share on {Shares(-Quantity)} {Symbol} short: {Money(-Amount)} paid",
        TransactionKind.Split => $"{Symbol} split {Price}:1, {(Quantity >= 0 ? "+" : string.Empty)}{Shares(Quantity)} shares",
        _ => Kind.ToString(),
    };

    public override string ToString() => $"{Time:yyyy-MM-dd HH:mm} {Description}";

    private string Fee() => Commission == 0 ? string.Empty : $", commission {Money(Commission)}";

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Shares(decimal quantity) => quantity.ToString("0.##########", CultureInfo.InvariantCulture);
}
