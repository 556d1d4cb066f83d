using Microsoft.Extensions.Logging;
using Trading.Data;
using Trading.Domain;
using Trading.Feeds;

namespace Trading.Nodes;

/// <summary>The feed a node's definition describes: a replay of its days (From to To, whole days) at its pace, or
/// polling that starts on its first day (From) when given, else at once.</summary>
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

    public static PollingFeed Poll(NodeDefinition definition, IMarketDataProvider provider, TimeProvider clock, ILogger<PollingFeed>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new PollingFeed(provider, NyseCalendar.Instance, clock, new PollingFeedOptions
        {
            From = definition.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        }, logger);
    }
}
