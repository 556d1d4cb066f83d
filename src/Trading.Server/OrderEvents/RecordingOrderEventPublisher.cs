using Trading.Domain;
using Trading.Execution;

namespace Trading.Server.OrderEvents;

/// <summary>Records each order event in the server's <see cref="OrderEventLog"/>, tagged with its source, then passes
/// it on to the transport (Redis pub/sub when configured, else in-process): the order streams and the channel see the
/// same events, in the order they were published.</summary>
internal sealed class RecordingOrderEventPublisher(IOrderEventPublisher transport, OrderEventLog log, string source) : IOrderEventPublisher
{
    public ValueTask PublishAsync(OrderEvent orderEvent, CancellationToken cancellationToken = default)
    {
        // Recording takes a short lock and never waits for a reader, so it cannot hold up the order that changed.
        log.Append(source, orderEvent);
        return transport.PublishAsync(orderEvent, cancellationToken);
    }
}
