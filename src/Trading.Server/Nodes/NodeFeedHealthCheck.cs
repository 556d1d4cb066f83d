using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trading.Feeds;

namespace Trading.Server.Nodes;

/// <summary>Reports the feeds of the nodes this server runs: degraded while any is retrying its source (Yahoo down,
/// the store away for a replay), naming the node, the failures in a row, the next attempt and the error; the nodes wait
/// and go on by themselves when the source answers again.</summary>
internal sealed class NodeFeedHealthCheck(NodeHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var running = host.Nodes;
        var retrying = new List<string>();
        foreach (var node in running)
        {
            if (node.Status.Feed is { State: FeedState.Retrying } feed)
            {
                retrying.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{node.Definition.Id}: {node.Definition.Feed} feed retrying after {feed.ConsecutiveFailures} failed attempts, next at {feed.NextRetryAt:O} ({feed.LastError})"));
            }
        }

        var data = new Dictionary<string, object> { ["running"] = running.Count, ["retrying"] = retrying.Count };
        return Task.FromResult(retrying.Count == 0
            ? HealthCheckResult.Healthy($"{running.Count} nodes running, their feeds answering", data)
            : HealthCheckResult.Degraded(string.Join("; ", retrying), data: data));
    }
}
