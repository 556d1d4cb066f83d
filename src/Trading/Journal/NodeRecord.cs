namespace Trading.Journal;

/// <summary>A trading node as the server remembers it across restarts: what it runs and whether it should be running.</summary>
/// <remarks>The definition (strategy, parameters, universe, feed, venue, risk limits) is the caller's JSON, stored as
/// given and never interpreted. The state is a short name such as <c>running</c>, <c>stopped</c> or <c>halted</c>, with
/// an optional reason a person reads ("kill switch: drawdown 12% over the 10% limit").</remarks>
public sealed record NodeRecord
{
    /// <exception cref="ArgumentException">A value breaks the <see cref="JournalRule"/>, or the node was updated before
    /// it was created.</exception>
    public NodeRecord(string id, string definition, string state, string? reason, DateTime createdAt, DateTime updatedAt)
    {
        Id = JournalRule.CheckName(id, "node id", nameof(id));
        Definition = JournalRule.CheckText(definition, JournalRule.MaxDefinitionBytes, "node definition", nameof(definition));
        State = JournalRule.CheckName(state, "node state", nameof(state));
        Reason = reason is null ? null : CheckReason(reason);
        CreatedAt = JournalRule.CheckTime(createdAt, "node's creation time", nameof(createdAt));
        UpdatedAt = JournalRule.CheckTime(updatedAt, "node's update time", nameof(updatedAt));
        if (updatedAt < createdAt)
        {
            throw new ArgumentException($"Node {id} cannot be updated ({updatedAt:O}) before it was created ({createdAt:O}).", nameof(updatedAt));
        }
    }

    public string Id { get; }

    /// <summary>The caller's JSON describing what the node runs.</summary>
    public string Definition { get; }

    public string State { get; }

    public string? Reason { get; }

    public DateTime CreatedAt { get; }

    public DateTime UpdatedAt { get; }

    /// <summary>The same node in another state, updated at <paramref name="at"/>.</summary>
    public NodeRecord WithState(string state, string? reason, DateTime at) => new(Id, Definition, state, reason, CreatedAt, at);

    private static string CheckReason(string reason)
    {
        JournalRule.CheckText(reason, int.MaxValue, "node state's reason", nameof(reason));
        return reason.Length <= JournalRule.MaxReasonLength
            ? reason
            : throw new ArgumentException($"A node state's reason is at most {JournalRule.MaxReasonLength:N0} characters; this one has {reason.Length:N0}.", nameof(reason));
    }
}
