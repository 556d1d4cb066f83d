using Trading.Feeds;

namespace Trading.Nodes;

/// <summary>Where a node is, for a status line or <c>GET /api/v1/nodes/{id}</c>: an immutable snapshot.</summary>
public sealed record NodeStatus
{
    public required string Id { get; init; }

    /// <summary>starting, recovering, running, halted, stopped, finished (the feed ended) or failed.</summary>
    public required string State { get; init; }

    /// <summary>Whether the kill switch is on: working orders were cancelled and new ones are refused until a person
    /// resumes the node.</summary>
    public bool Halted { get; init; }

    /// <summary>The last bar time stepped.</summary>
    public DateTime? Time { get; init; }

    public decimal Equity { get; init; }

    public decimal Cash { get; init; }

    public int Positions { get; init; }

    public int WorkingOrders { get; init; }

    public long Steps { get; init; }

    public long JournalSequence { get; init; }

    /// <summary>The last order event, as a person reads it.</summary>
    public string? LastEvent { get; init; }

    /// <summary>Why the node halted, failed or paused.</summary>
    public string? Reason { get; init; }

    public FeedStatus? Feed { get; init; }
}
