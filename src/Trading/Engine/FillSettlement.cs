using System.Collections;
using Trading.Accounting;
using Trading.Domain;

namespace Trading.Engine;

/// <summary>Where the venue puts fills during a backtest: each one reaches the ledger the moment it happens.</summary>
/// <remarks>
/// Settling at once matters: when two orders of one symbol fill on the same bar, the second is checked against the
/// cash the first left, and a strategy reading the account from an order event sees the fill already booked.
/// </remarks>
internal sealed class FillSettlement(Ledger ledger, EngineContext context, BarSeries[] series) : ICollection<Fill>
{
    private readonly List<Fill> _fills = [];

    /// <summary>Every fill of the run, in the order it happened.</summary>
    public IReadOnlyList<Fill> Fills => _fills;

    public int Count => _fills.Count;

    public bool IsReadOnly => false;

    /// <summary>The symbol whose orders the venue is matching, set by the engine before it asks: a fill is
    /// nearly always of it, and then its index needs no lookup.</summary>
    public int SymbolIndex { get; set; }

    public void Add(Fill item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ledger.Apply(item);
        var index = SymbolIndex < series.Length && context.Symbols[SymbolIndex] == item.Symbol ? SymbolIndex : context.IndexOf(item.Symbol);
        // The ledger keeps one position per symbol for its whole life: while it is open the context has it.
        var position = context.Positions[index] ?? ledger.PositionOf(item.Symbol);
        position?.Mark(context.Close(index));
        context.Track(index, position);
        context.AccountChanged();
        _fills.Add(item);
    }

    public void Clear() => throw new NotSupportedException("Fills are history: they cannot be cleared.");

    public bool Contains(Fill item) => _fills.Contains(item);

    public void CopyTo(Fill[] array, int arrayIndex) => _fills.CopyTo(array, arrayIndex);

    public bool Remove(Fill item) => throw new NotSupportedException("Fills are history: they cannot be removed.");

    public IEnumerator<Fill> GetEnumerator() => _fills.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
