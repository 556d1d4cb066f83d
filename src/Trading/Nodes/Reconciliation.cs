using Trading.Accounting;
using Trading.Execution;

namespace Trading.Nodes;

/// <summary>A node's account three ways, which must agree to the cent and the share: the ledger rebuilt from the
/// journal, the venue's own account (a broker's, once one is the venue), and the journal's transactions summed (the
/// cash of every deposit, fill, commission and dividend; each position of its fills and splits).</summary>
/// <remarks>A difference means shares or cash that no journaled event explains: a venue that filled an order the
/// node did not hear of, or a bug. It is reported, never corrected silently.</remarks>
public sealed record Reconciliation(
    DateTime? AsOf,
    decimal LedgerCash,
    decimal VenueCash,
    decimal JournalCash,
    IReadOnlyList<PositionReconciliation> Positions,
    IReadOnlyList<string> Differences)
{
    /// <summary>Whether the three agree.</summary>
    public bool Agreed => Differences.Count == 0;

    /// <summary>The reconciliation of <paramref name="ledger"/> with <paramref name="venue"/> now.</summary>
    public static Reconciliation Of(Ledger ledger, IVenue venue, DateTime? asOf)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(venue);
        var account = venue.Account();
        var journalCash = 0m;
        var fromFills = new Dictionary<Domain.Symbol, decimal>();
        foreach (var t in ledger.Transactions)
        {
            journalCash += t.Amount;
            if (t.Symbol is { } symbol && t.Kind is TransactionKind.Buy or TransactionKind.Sell or TransactionKind.Split)
            {
                fromFills[symbol] = fromFills.GetValueOrDefault(symbol) + t.Quantity;
            }
        }

        var symbols = fromFills.Keys.Concat(account.Positions.Keys).Concat(ledger.OpenPositions.Select(p => p.Symbol)).Distinct().OrderBy(s => s.Value, StringComparer.Ordinal);
        var positions = new List<PositionReconciliation>();
        var differences = new List<string>();
        if (ledger.Cash != account.Cash || ledger.Cash != journalCash)
        {
            differences.Add($"cash: the ledger has {ledger.Cash}, the venue {account.Cash}, the journal's transactions sum to {journalCash}");
        }

        foreach (var symbol in symbols)
        {
            var held = ledger.QuantityOf(symbol);
            var atVenue = account.Positions.GetValueOrDefault(symbol);
            var filled = fromFills.GetValueOrDefault(symbol);
            if (held == 0 && atVenue == 0 && filled == 0)
            {
                continue;
            }

            positions.Add(new PositionReconciliation(symbol.Value, held, atVenue, filled));
            if (held != atVenue || held != filled)
            {
                differences.Add($"{symbol}: the ledger holds {held}, the venue {atVenue}, the journal's fills and splits sum to {filled}");
            }
        }

        return new Reconciliation(asOf, ledger.Cash, account.Cash, journalCash, positions, differences);
    }
}

/// <summary>One symbol's shares as the ledger, the venue and the journal's fills and splits have them.</summary>
public sealed record PositionReconciliation(string Symbol, decimal Ledger, decimal Venue, decimal Fills);
