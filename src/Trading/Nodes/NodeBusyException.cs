using Trading.Journal;

namespace Trading.Nodes;

/// <summary>Another process drives the node (it holds the node's lease in the store).</summary>
public sealed class NodeBusyException : Exception
{
    public NodeBusyException(string nodeId, JournalLease? lease)
        : base(lease is null
            ? $"node {nodeId} is driven by another process"
            : $"node {nodeId} is driven by another process ({lease.Owner}) until {lease.ExpiresAt:yyyy-MM-dd HH:mm:ss} UTC unless it renews its lease; stop that one first, or wait until its lease expires if it was killed")
    {
        NodeId = nodeId;
    }

    public NodeBusyException()
    {
        NodeId = string.Empty;
    }

    public NodeBusyException(string message)
        : base(message)
    {
        NodeId = string.Empty;
    }

    public NodeBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
        NodeId = string.Empty;
    }

    public string NodeId { get; }
}
