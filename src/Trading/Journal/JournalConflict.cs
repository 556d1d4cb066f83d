namespace Trading.Journal;

/// <summary>Why an append was refused: the writer is not the node's one owner, or not where the journal is.</summary>
public enum JournalConflict
{
    /// <summary>The journal's last sequence is not the one before the append's first: another writer got there
    /// first, or the caller lost track.</summary>
    SequenceMismatch,

    /// <summary>Nobody holds the node's lease (never taken, released, or the node deleted).</summary>
    NoLease,

    /// <summary>Another owner holds the lease: it took over, and this writer is fenced off.</summary>
    LeaseHeldByAnother,

    /// <summary>The writer's own lease expired: it must take it again (and find out whether anyone wrote meanwhile).</summary>
    LeaseExpired,
}
