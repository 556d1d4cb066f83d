using Trading.Accounting;

namespace Trading.Server.Paper;

/// <summary>One entry of the ledger's journal.</summary>
internal sealed record TransactionView(DateTime Time, TransactionKind Kind, string? Symbol, decimal Quantity, decimal Price, decimal Amount, decimal Commission, string Description)
{
    public static TransactionView Of(Transaction t) =>
        new(t.Time, t.Kind, t.Symbol?.Value, t.Quantity, t.Price, t.Amount, t.Commission, t.Description);
}
