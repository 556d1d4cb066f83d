using System.Collections;
using Trading.Domain;

namespace Trading.Accounting;

/// <summary>The ledger's transactions, in the order they were applied.</summary>
/// <remarks>A fill is kept as it came and read as its transaction (<see cref="Transaction.Of"/>) when asked for:
/// most entries are fills, and a backtest keeps its ledger as long as its results, so a second object per fill
/// would only be more for the garbage collector to trace.</remarks>
internal sealed class Journal : IReadOnlyList<Transaction>
{
    // Each entry is a Fill or a Transaction.
    private readonly List<object> _entries = [];

    public int Count => _entries.Count;

    public Transaction this[int index] => _entries[index] is Fill fill ? Transaction.Of(fill) : (Transaction)_entries[index];

    public void Add(Fill fill) => _entries.Add(fill);

    public void Add(Transaction transaction) => _entries.Add(transaction);

    public IEnumerator<Transaction> GetEnumerator()
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
