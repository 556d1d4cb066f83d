namespace Trading.Journal;

/// <summary>Who may write a node's journal, and until when: the one process running the node.</summary>
/// <remarks>A lease that has expired is still stored until another owner takes it or its owner releases it; it no
/// longer lets its owner write.</remarks>
public sealed record JournalLease(string NodeId, string Owner, DateTime ExpiresAt)
{
    /// <summary>Whether the lease still lets its owner write at <paramref name="now"/>: it ends at
    /// <see cref="ExpiresAt"/> exactly.</summary>
    public bool IsHeldAt(DateTime now) => ExpiresAt > now;
}
