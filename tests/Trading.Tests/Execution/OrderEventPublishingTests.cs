using StackExchange.Redis;
using Trading.Domain;
using Trading.Execution;
using Trading.Execution.Redis;
using Trading.Tests.Services;

namespace Trading.Tests.Execution;

/// <summary>Order events reach listeners: in this process by default, and over Redis pub/sub as snake_case JSON.</summary>
public sealed class OrderEventPublishingTests : IDisposable
{
    private static readonly OrderEvent PartialFill = new(
        42, new DateTime(2024, 5, 6, 13, 30, 0, DateTimeKind.Utc), OrderStatus.PartiallyFilled, 50m, 101.2500m);

    private readonly RedisTestConnections _redis = new();

    public void Dispose() => _redis.Dispose();

    [Fact]
    public void The_json_payload_is_snake_case_with_exact_decimals_and_reads_back_equal()
    {
        var json = OrderEventJson.Serialize(PartialFill);

        Assert.Equal(
            """{"order_id":42,"time":"2024-05-06T13:30:00Z","status":"partially_filled","fill_quantity":50,"fill_price":101.2500,"reason":null}""",
            json);
        Assert.Equal(PartialFill, OrderEventJson.Deserialize(json));
    }

    [Fact]
    public async Task The_in_process_publisher_hands_each_event_to_its_subscribers()
    {
        var publisher = new InProcessOrderEventPublisher();
        var received = new List<OrderEvent>();
        publisher.Published += received.Add;

        await publisher.PublishAsync(PartialFill);

        Assert.Equal([PartialFill], received);
    }

    [SkippableFact]
    public async Task A_subscriber_on_redis_receives_a_published_event()
    {
        var channel = _redis.Prefix + "orders";
        var listener = _redis.Connect();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, message) => received.TrySetResult(message!));
        var publisher = new RedisOrderEventPublisher(_redis.Connect(), channel);

        await publisher.PublishAsync(PartialFill);
        var json = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(PartialFill, OrderEventJson.Deserialize(json));
        Assert.Contains("\"status\":\"partially_filled\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_while_redis_is_down_drops_the_event_without_failing_the_caller()
    {
        using var unreachable = ConnectionMultiplexer.Connect(
            Trading.Data.Caching.Redis.RedisConnectionSettings.Parse("127.0.0.1:1,connectTimeout=300"));
        var publisher = new RedisOrderEventPublisher(unreachable);

        await publisher.PublishAsync(PartialFill);

        Assert.False(unreachable.IsConnected);
    }
}
