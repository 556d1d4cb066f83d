using System.Collections;
using Trading.Accounting;
using Trading.Domain;

namespace Trading.Server.Paper;

/// <summary>Where the paper venue puts fills: each is booked in the ledger the moment it happens, so a second fill
/// on the same bar is checked against the cash the first left.</summary>
internal sealed class PaperFills(Ledger ledger) : ICollection<Fill>
{
    private readonly List<Fill> _fills = [];

    public int Count => _fills.Count;

    public bool IsReadOnly => false;

    public IReadOnlyList<Fill> All => _fills;

    public void Add(Fill item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ledger.Apply(item);
        _fills.Add(item);
    }

    public void Clear() => throw new NotSupportedException("Fills are history: they cannot be cleared.");

    public bool Contains(Fill item) => _fills.Contains(item);

    public void CopyTo(Fill[] array, int arrayIndex) => _fills.CopyTo(array, arrayIndex);

    public bool Remove(Fill item) => throw new NotSupportedException("Fills are history: they cannot be removed.");

    public IEnumerator<Fill> GetEnumerator() => _fills.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
