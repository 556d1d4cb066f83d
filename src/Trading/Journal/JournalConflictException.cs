using System.Globalization;

namespace Trading.Journal;

/// <summary>An append was refused and wrote nothing: the writer does not hold the node's lease, or the journal does
/// not end where the writer expected. The message names the node, what was expected and what was found.</summary>
/// <remarks>Not a store failure: retrying the same call cannot succeed. A node that gets it stops and recovers from
/// the journal (or stops for good when another process took it over).</remarks>
public sealed class JournalConflictException : Exception
{
    public JournalConflictException(string nodeId, JournalConflict conflict, long expectedNextSequence, long? lastSequence, JournalLease? lease, string message)
        : base(message)
    {
        NodeId = nodeId;
        Conflict = conflict;
        ExpectedNextSequence = expectedNextSequence;
        LastSequence = lastSequence;
        Lease = lease;
    }

    public JournalConflictException()
    {
    }

    public JournalConflictException(string message)
        : base(message)
    {
    }

    public JournalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string NodeId { get; } = string.Empty;

    public JournalConflict Conflict { get; }

    /// <summary>The sequence the refused append would have started at.</summary>
    public long ExpectedNextSequence { get; }

    /// <summary>The journal's last sequence when it was refused for its sequence; null when the lease refused it first.</summary>
    public long? LastSequence { get; }

    /// <summary>The lease as found (null when there was none).</summary>
    public JournalLease? Lease { get; }

    /// <summary>The journal does not end at <paramref name="expectedNextSequence"/> - 1.</summary>
    public static JournalConflictException SequenceMismatch(string nodeId, long expectedNextSequence, long lastSequence)
    {
        var why = lastSequence >= expectedNextSequence ? "another writer appended first" : "entries would be missing";
        return new(
            nodeId,
            JournalConflict.SequenceMismatch,
            expectedNextSequence,
            lastSequence,
            null,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The journal of node {nodeId} was not appended to: the step was to start at sequence {expectedNextSequence}, so the journal should end at {expectedNextSequence - 1}, but it ends at {lastSequence} ({why}). Recover from the journal."));
    }

    /// <summary><paramref name="owner"/> does not hold an unexpired lease on the node at <paramref name="now"/>.</summary>
    public static JournalConflictException LeaseNotHeld(string nodeId, string owner, long expectedNextSequence, JournalLease? found, DateTime now)
    {
        var (conflict, what) = found switch
        {
            null => (JournalConflict.NoLease, "nobody holds its lease"),
            _ when found.Owner != owner => (JournalConflict.LeaseHeldByAnother, $"its lease is held by {found.Owner} until {found.ExpiresAt:O}"),
            _ => (JournalConflict.LeaseExpired, $"the lease of {owner} expired at {found.ExpiresAt:O}"),
        };
        return new(
            nodeId,
            conflict,
            expectedNextSequence,
            null,
            found,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The journal of node {nodeId} was not appended to by {owner} (from sequence {expectedNextSequence}) at {now:O}: {what}. Only the lease holder writes; take the lease first."));
    }
}
