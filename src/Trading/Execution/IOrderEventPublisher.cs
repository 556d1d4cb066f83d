using Trading.Domain;

namespace Trading.Execution;

/// <summary>Tells whoever listens (a dashboard, another process) that an order changed: accepted, filled, cancelled.</summary>
/// <remarks>Publishing is a notification, not part of the order's life: a listener that is down or slow must not
/// stop trading, so implementations do not throw for their transport's failures.</remarks>
public interface IOrderEventPublisher
{
    ValueTask PublishAsync(OrderEvent orderEvent, CancellationToken cancellationToken = default);
}
