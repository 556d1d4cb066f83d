using Trading.Feeds;
using Trading.Journal;
using Trading.Nodes;

namespace Trading.Server.Nodes;

/// <summary>A node as the API shows it: its state and account, and what it runs.</summary>
internal sealed record NodeView(
    string Id,
    string State,
    bool Halted,
    string? Reason,
    DateTime? Time,
    decimal? Equity,
    decimal? Cash,
    int? Positions,
    int? WorkingOrders,
    long? Steps,
    long? JournalSequence,
    string? LastEvent,
    FeedStatus? Feed,
    NodeDefinition? Definition)
{
    public static NodeView Of(NodeStatus status, NodeDefinition definition) => new(
        status.Id, status.State, status.Halted, status.Reason, status.Time, status.Equity, status.Cash, status.Positions, status.WorkingOrders,
        status.Steps, status.JournalSequence, status.LastEvent, status.Feed, definition);

    /// <summary>A node this server does not drive (stopped, finished, failed): its record only.</summary>
    public static NodeView Stored(NodeRecord record)
    {
        NodeDefinition? definition = null;
        try
        {
            definition = NodeDefinition.FromJson(record.Definition);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return new(record.Id, record.State, false, record.Reason, null, null, null, null, null, null, null, null, null, definition);
    }
}
