namespace Trading.Nodes;

/// <summary>A node's journal cannot be replayed to the same result: the node stays stopped rather than trade from a
/// state it cannot explain.</summary>
public sealed class NodeRecoveryException : Exception
{
    public NodeRecoveryException(string nodeId, long sequence, string why)
        : base($"node {nodeId} cannot recover: at journal entry {sequence}, {why}")
    {
        NodeId = nodeId;
        Sequence = sequence;
    }

    public NodeRecoveryException()
    {
        NodeId = string.Empty;
    }

    public NodeRecoveryException(string message)
        : base(message)
    {
        NodeId = string.Empty;
    }

    public NodeRecoveryException(string message, Exception innerException)
        : base(message, innerException)
    {
        NodeId = string.Empty;
    }

    public string NodeId { get; }

    public long Sequence { get; }
}
