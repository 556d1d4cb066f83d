using Trading.Execution.Redis;

namespace Trading.Execution;

/// <summary>Where order events go when Redis is configured (section <c>OrderEvents</c>).</summary>
public sealed class OrderEventOptions
{
    public const string Section = "OrderEvents";

    /// <summary>The Redis pub/sub channel (default <c>trading:orders</c>).</summary>
    public string Channel { get; set; } = RedisOrderEventPublisher.DefaultChannel;
}
