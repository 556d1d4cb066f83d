namespace Trading.Journal;

/// <summary>Where a trading node's journal lives: every order event, fill, cash movement, corporate action and
/// equity point, appended one engine step at a time, from which the ledger is rebuilt at start.</summary>
/// <remarks>
/// <para>One writer per node: a process takes the node's lease before it appends, renews it while it runs, and every
/// append checks the lease in its own transaction, so a process whose lease was taken over (it hung, or was thought
/// dead) can never write again. The same transaction checks the sequence, so no entry is lost or written twice.</para>
/// <para>Time comes from the caller (a <see cref="TimeProvider"/> upstream), never from the database's clock, so tests
/// are deterministic. Processes sharing a database must therefore keep their clocks synchronized (NTP): a lease is as
/// exclusive as the clocks agree, to within much less than its duration. The sequence check stands even if they do
/// not: two writers can never both store the same sequence.</para>
/// <para>A store failure (a file that cannot be written, a server that cannot be reached) is a
/// <see cref="Trading.Data.Storage.MarketDataStoreException"/>. After one, an append may or may not have been stored
/// whole (never in part): <see cref="LastSequenceAsync"/> says which.</para>
/// </remarks>
public interface IJournalStore
{
    /// <summary>Appends one step's entries, all or none, numbered <paramref name="expectedNextSequence"/>, +1, ... .</summary>
    /// <param name="leaseOwner">Who writes: must hold an unexpired lease on the node at <paramref name="now"/>.</param>
    /// <param name="expectedNextSequence">The first entry's number: the journal must end at one less (1 for a new
    /// node).</param>
    /// <param name="entries">The step's entries, in order; none checks the lease and the sequence and writes nothing.</param>
    /// <param name="now">The caller's clock, which the lease's expiry is judged by.</param>
    /// <exception cref="JournalConflictException">The lease is not held by <paramref name="leaseOwner"/> or has
    /// expired, or the journal does not end at <paramref name="expectedNextSequence"/> - 1. Nothing was written.</exception>
    /// <exception cref="ArgumentException">A node id or owner that breaks the <see cref="JournalRule"/>, or a step of
    /// more than <see cref="JournalRule.MaxStepPayloadBytes"/>.</exception>
    Task AppendAsync(
        string nodeId,
        string leaseOwner,
        long expectedNextSequence,
        IReadOnlyList<JournalRecordDraft> entries,
        DateTime now,
        CancellationToken cancellationToken = default);

    /// <summary>The node's entries after <paramref name="afterSequence"/> (0 for all), in order, streamed: a node's
    /// whole history is read without holding it twice.</summary>
    /// <remarks>The entries are those committed when the read starts; an append during the read is not seen.</remarks>
    IAsyncEnumerable<JournalRecord> ReadAsync(string nodeId, long afterSequence = 0, CancellationToken cancellationToken = default);

    /// <summary>The node's last sequence, 0 when its journal is empty.</summary>
    Task<long> LastSequenceAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>Takes the node's lease until <paramref name="now"/> + <paramref name="duration"/> if it is free, has
    /// expired, or is already <paramref name="owner"/>'s (then it is extended); false when another owner holds it.</summary>
    Task<bool> TryAcquireLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Extends <paramref name="owner"/>'s unexpired lease to <paramref name="now"/> + <paramref name="duration"/>;
    /// false when it was lost (taken over, released, or expired: then take it again with
    /// <see cref="TryAcquireLeaseAsync"/> and recover, as someone may have written meanwhile).</summary>
    Task<bool> RenewLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Gives up <paramref name="owner"/>'s lease, so another process may take the node at once; false when
    /// <paramref name="owner"/> did not hold it.</summary>
    Task<bool> ReleaseLeaseAsync(string nodeId, string owner, CancellationToken cancellationToken = default);

    /// <summary>The node's lease as stored, expired or not; null when nobody holds it.</summary>
    Task<JournalLease?> ReadLeaseAsync(string nodeId, CancellationToken cancellationToken = default);
}
