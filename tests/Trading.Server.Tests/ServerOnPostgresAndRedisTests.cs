using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using Trading.Data.Storage.Postgres;
using Trading.Tests.Services;

namespace Trading.Server.Tests;

/// <summary>The server configured for a team: bars and settings in PostgreSQL, the cache and order events in Redis,
/// on the real servers that <c>.ci/run</c> starts.</summary>
public sealed class ServerOnPostgresAndRedisTests : IDisposable
{
    private readonly PostgresTestSchemas _schemas = new();
    private readonly TemporaryDatabase _unused = new(seeded: false);

    public void Dispose()
    {
        _schemas.Dispose();
        _unused.Dispose();
    }

    [SkippableFact]
    public async Task It_serves_bars_keeps_settings_and_publishes_order_events_through_postgres_and_redis()
    {
        var postgres = _schemas.Create();
        var redis = TestServices.Redis();
        await using (var store = new PostgresMarketDataStore(postgres))
        {
            await store.WriteAsync(TemporaryDatabase.Seed());
        }

        var channel = $"test:orders:{Guid.NewGuid():N}";
        using var subscriber = await ConnectionMultiplexer.ConnectAsync(redis);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await subscriber.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, message) => received.TrySetResult(message.ToString()));
        using var factory = new ServerFactory(_unused.Path, new Dictionary<string, string?>
        {
            ["Store:Provider"] = "postgres",
            ["Store:PostgresConnectionString"] = postgres,
            ["Cache:RedisConnectionString"] = redis,
            ["OrderEvents:Channel"] = channel,
        });
        using var client = factory.CreateClient();

        var stock = JsonDocument.Parse(await client.GetStringAsync("/api/v1/data/stock/AAPL?start_date=2023-01-02&end_date=2023-04-09&interval=1d")).RootElement;
        using var configured = await client.PostAsJsonAsync("/api/v1/strategy/configure_strategy/momentum", new { lookback_period = 120 });
        using var order = await client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 10, type = "market" });
        var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;

        Assert.True(stock.GetProperty("data_points").GetArrayLength() > 60);
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        await using (var check = new PostgresMarketDataStore(postgres))
        {
            Assert.Equal("120", (await new PostgresStrategySettingsStore(check).ReadAsync("momentum"))["lookback_period"]);
        }

        var published = JsonDocument.Parse(await received.Task.WaitAsync(TimeSpan.FromSeconds(10))).RootElement;
        var id = JsonDocument.Parse(await order.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(id, published.GetProperty("order_id").GetInt64());
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Contains("PostgreSQL", health.GetProperty("checks").GetProperty("store").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("redis", health.GetProperty("checks").GetProperty("cache").GetProperty("component").GetString());
        Assert.False(File.Exists(_unused.Path), "nothing may be written to SQLite when PostgreSQL is the store");
    }
}
