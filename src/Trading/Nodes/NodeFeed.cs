using Trading.Data;
using Trading.Feeds;

namespace Trading.Nodes;

/// <summary>The replay feed a node's definition describes: its days (From to To, whole days) at its pace.</summary>
public static class NodeFeed
{
    public static ReplayFeed Replay(NodeDefinition definition, IMarketDataStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new ReplayFeed(store, clock, new ReplayFeedOptions
        {
            From = definition.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            To = definition.To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddTicks(-1),
            Speed = definition.Speed,
        });
    }
}
