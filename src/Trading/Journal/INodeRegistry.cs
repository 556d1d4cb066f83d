namespace Trading.Journal;

/// <summary>The trading nodes a server runs, kept so that it resumes them after a restart.</summary>
/// <remarks>A node's row is apart from its journal and lease: saving its state never waits for, nor loses, an append.
/// The journal does not require a registered node (a replay can journal without one).</remarks>
public interface INodeRegistry
{
    /// <summary>Stores the node as given, replacing a node of the same id (its creation time too: the caller keeps it).</summary>
    Task SaveNodeAsync(NodeRecord node, CancellationToken cancellationToken = default);

    /// <summary>Every node, by id.</summary>
    Task<IReadOnlyList<NodeRecord>> ReadNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>The node, or null when there is none of that id.</summary>
    Task<NodeRecord?> ReadNodeAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>Removes the node, its journal and its lease in one transaction; false when there was none of them.
    /// A process still running the node is fenced off: its next append finds no lease.</summary>
    Task<bool> DeleteNodeAsync(string nodeId, CancellationToken cancellationToken = default);
}
