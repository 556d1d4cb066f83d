using Trading.Domain;

namespace Trading.Execution;

/// <summary>The default publisher: hands each event to the handlers subscribed in this process, if any.</summary>
public sealed class InProcessOrderEventPublisher : IOrderEventPublisher
{
    /// <summary>Raised for each published event, on the publisher's thread.</summary>
    public event Action<OrderEvent>? Published;

    public ValueTask PublishAsync(OrderEvent orderEvent, CancellationToken cancellationToken = default)
    {
        Published?.Invoke(orderEvent);
        return ValueTask.CompletedTask;
    }
}
