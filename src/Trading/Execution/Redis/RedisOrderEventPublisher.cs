using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Trading.Domain;

namespace Trading.Execution.Redis;

/// <summary>Publishes order events on a Redis pub/sub channel (<c>trading:orders</c> by default) as JSON
/// (<see cref="OrderEventJson"/>), for every process subscribed to it.</summary>
/// <remarks>Redis pub/sub delivers to the subscribers connected at that moment and keeps nothing: it is a live feed,
/// not a record (the ledger is the record). When Redis cannot be reached the event is dropped and the failure logged,
/// once per outage.</remarks>
public sealed class RedisOrderEventPublisher(
    IConnectionMultiplexer redis,
    string channel = RedisOrderEventPublisher.DefaultChannel,
    ILogger<RedisOrderEventPublisher>? logger = null) : IOrderEventPublisher
{
    public const string DefaultChannel = "trading:orders";

    private readonly RedisChannel _channel = RedisChannel.Literal(channel);
    private readonly ILogger _logger = logger ?? NullLogger<RedisOrderEventPublisher>.Instance;
    private int _failing;

    /// <summary>The channel's name.</summary>
    public string Channel { get; } = channel;

    public async ValueTask PublishAsync(OrderEvent orderEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(_channel, OrderEventJson.Serialize(orderEvent)).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                _logger.LogInformation("Order events reach Redis channel {Channel} again.", Channel);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                _logger.LogWarning(e, "Order events cannot reach Redis channel {Channel}; they are dropped until it answers.", Channel);
            }
        }
    }
}
