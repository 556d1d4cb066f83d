using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Trading.Execution;
using Trading.Server.OrderEvents;
using Trading.Tests.Services;

namespace Trading.Server.Tests;

/// <summary><c>GET /api/v1/orders/stream</c>: the order events of the paper account as Server-Sent Events, read by a
/// real HTTP client while orders are submitted and filled.</summary>
public sealed class OrderStreamTests : IDisposable
{
    private const string Key = "order-stream-test-key-0123456789";

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private ServerFactory Server(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        new(_database.Path, settings, services);

    /// <summary>The JSON of every event the server handed to its transport, as the Redis publisher would send it.</summary>
    private static List<string> Published(ServerFactory factory)
    {
        var published = new List<string>();
        var transport = (InProcessOrderEventPublisher)factory.Services.GetRequiredKeyedService<IOrderEventPublisher>(OrderEventLogRegistration.TransportKey);
        transport.Published += e =>
        {
            lock (published)
            {
                published.Add(OrderEventJson.Serialize(e));
            }
        };
        return published;
    }

    private static async Task StartAccountAsync(HttpClient client)
    {
        using var reset = await client.PostAsJsonAsync("/api/v1/paper/reset", new { cash = 1_000_000, start_date = "2023-03-01" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    private static async Task<long> SubmitAsync(HttpClient client, string symbol = "AAPL", int quantity = 10)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol, side = "buy", quantity });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> AdvanceAsync(HttpClient client, string to = "2023-03-10")
    {
        using var response = await client.PostAsJsonAsync("/api/v1/paper/advance", new { to });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string[] Statuses(IEnumerable<ServerSentBlock> events) =>
        [.. events.Select(e => $"{JsonDocument.Parse(e.Data!).RootElement.GetProperty("order_id").GetInt64()}:{JsonDocument.Parse(e.Data!).RootElement.GetProperty("status").GetString()}")];

    private static (long Epoch, long Sequence) Split(string? id)
    {
        Assert.NotNull(id);
        var parts = id.Split('-');
        Assert.Equal(2, parts.Length);
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static JsonElement ResetData(ServerSentBlock block, string reason)
    {
        Assert.True(block.Type == "reset", $"expected a reset event, got {block}");
        var data = JsonDocument.Parse(block.Data!).RootElement.Clone();
        Assert.Equal(reason, data.GetProperty("reason").GetString());
        Assert.Contains("/api/v1/paper/orders", data.GetProperty("message").GetString(), StringComparison.Ordinal);
        return data;
    }

    [Fact]
    public async Task Events_arrive_in_order_as_orders_are_accepted_and_filled_each_with_the_json_of_the_redis_channel()
    {
        using var factory = Server();
        var published = Published(factory);
        using var client = factory.CreateClient();
        await using var stream = await EventStreamReader.OpenAsync(client);
        var start = await stream.NextBlockAsync();

        await StartAccountAsync(client);
        var apple = await SubmitAsync(client, "AAPL", 10);
        var microsoft = await SubmitAsync(client, "MSFT", 5);
        var advance = await AdvanceAsync(client);
        var events = await stream.NextEventsAsync(4);

        // A new stream starts with its position alone (an id without data), so a reconnection before any event misses none.
        Assert.NotNull(start);
        Assert.Null(start.Data);
        Assert.Equal(0, Split(start.Id).Sequence);
        Assert.Equal(2, advance.GetProperty("fills").GetArrayLength());
        Assert.Equal([$"{apple}:accepted", $"{microsoft}:accepted"], Statuses(events.Take(2)));
        Assert.Equal([$"{apple}:filled", $"{microsoft}:filled"], Statuses(events.Skip(2)).Order(StringComparer.Ordinal));
        lock (published)
        {
            Assert.Equal(published, events.Select(e => e.Data));
        }

        Assert.All(events, e => Assert.Equal("message", e.Type));
        Assert.Equal([1L, 2, 3, 4], events.Select(e => Split(e.Id).Sequence));
        Assert.All(events, e => Assert.Equal(Split(start.Id).Epoch, Split(e.Id).Epoch));
        var filled = JsonDocument.Parse(events[2].Data!).RootElement;
        var fill = advance.GetProperty("fills").EnumerateArray().Single(f => f.GetProperty("order_id").GetInt64() == filled.GetProperty("order_id").GetInt64());
        Assert.Equal(fill.GetProperty("price").GetDecimal(), filled.GetProperty("fill_price").GetDecimal());
    }

    [SkippableFact]
    public async Task With_redis_configured_each_event_carries_exactly_the_message_published_on_the_channel()
    {
        var redis = TestServices.Redis();
        var channel = $"test:orders:{Guid.NewGuid():N}";
        using var subscriber = await ConnectionMultiplexer.ConnectAsync(redis);
        var messages = new List<string>();
        var four = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The queue hands messages over one at a time, in the order Redis delivered them.
        var queue = await subscriber.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel));
        queue.OnMessage(message =>
        {
            lock (messages)
            {
                messages.Add(message.Message.ToString());
                if (messages.Count == 4)
                {
                    four.TrySetResult();
                }
            }
        });
        using var factory = Server(new()
        {
            ["Cache:RedisConnectionString"] = redis,
            ["Cache:RedisKeyPrefix"] = $"test:{Guid.NewGuid():N}:",
            ["OrderEvents:Channel"] = channel,
        });
        using var client = factory.CreateClient();
        await StartAccountAsync(client);
        await using var stream = await EventStreamReader.OpenAsync(client);

        await SubmitAsync(client, "AAPL");
        await SubmitAsync(client, "MSFT");
        await AdvanceAsync(client);
        var events = await stream.NextEventsAsync(4);
        await four.Task.WaitAsync(EventStreamReader.Patience);

        lock (messages)
        {
            Assert.Equal(messages, events.Select(e => e.Data));
        }
    }

    [Fact]
    public async Task Reconnecting_with_last_event_id_gets_exactly_the_missed_events_then_the_new_ones()
    {
        using var factory = Server();
        var published = Published(factory);
        using var client = factory.CreateClient();
        await StartAccountAsync(client);
        string lastSeen;
        await using (var first = await EventStreamReader.OpenAsync(client))
        {
            await SubmitAsync(client);
            await first.NextEventAsync();
            lastSeen = first.LastEventId!;
        }

        await SubmitAsync(client, "MSFT");
        await SubmitAsync(client, "GOOGL");
        await AdvanceAsync(client);
        await using var again = await EventStreamReader.OpenAsync(client, lastSeen);
        var missed = await again.NextEventsAsync(5);
        var fourth = await SubmitAsync(client);
        var next = await again.NextEventAsync();

        lock (published)
        {
            Assert.Equal(published.Skip(1).Take(5), missed.Select(e => e.Data));
        }

        Assert.Equal([2L, 3, 4, 5, 6], missed.Select(e => Split(e.Id).Sequence));
        Assert.Equal([$"{fourth}:accepted"], Statuses([next]));
        Assert.Equal(7, Split(next.Id).Sequence);
    }

    [Fact]
    public async Task A_last_event_id_from_before_a_restart_gets_a_reset_event_then_the_new_events()
    {
        string before;
        using (var earlier = Server())
        {
            using var client = earlier.CreateClient();
            await StartAccountAsync(client);
            await using var stream = await EventStreamReader.OpenAsync(client);
            await SubmitAsync(client);
            await stream.NextEventAsync();
            before = stream.LastEventId!;
        }

        using var factory = Server();
        using var restarted = factory.CreateClient();
        await StartAccountAsync(restarted);
        await using var resumed = await EventStreamReader.OpenAsync(restarted, before);
        var reset = await resumed.NextBlockAsync();
        var order = await SubmitAsync(restarted);
        var next = await resumed.NextEventAsync();

        Assert.NotNull(reset);
        var data = ResetData(reset, "restarted");
        Assert.Contains(before, data.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(Split(before).Epoch, Split(reset.Id).Epoch);
        Assert.Equal(0, Split(reset.Id).Sequence);
        Assert.Equal([$"{order}:accepted"], Statuses([next]));
        Assert.Equal(1, Split(next.Id).Sequence);
    }

    [Fact]
    public async Task A_last_event_id_older_than_the_server_holds_or_never_sent_gets_a_reset_event()
    {
        using var factory = Server(new() { ["Server:OrderEventsKept"] = "2" });
        using var client = factory.CreateClient();
        await StartAccountAsync(client);
        long epoch;
        await using (var watch = await EventStreamReader.OpenAsync(client))
        {
            epoch = Split((await watch.NextBlockAsync())?.Id).Epoch;
        }

        for (var i = 0; i < 4; i++)
        {
            await SubmitAsync(client);
        }

        string[] ids = [$"{epoch}-1", $"{epoch}-2", $"{epoch}-3", $"{epoch}-4"];

        await using var expired = await EventStreamReader.OpenAsync(client, ids[0]);
        var expiredReset = await expired.NextBlockAsync();
        await using var held = await EventStreamReader.OpenAsync(client, ids[1]);
        var replayed = await held.NextEventsAsync(2);
        await using var unknown = await EventStreamReader.OpenAsync(client, $"{epoch}-99");
        var unknownReset = await unknown.NextBlockAsync();
        var order = await SubmitAsync(client);

        Assert.NotNull(expiredReset);
        ResetData(expiredReset, "expired");
        Assert.Equal(ids[3], expiredReset.Id);
        Assert.Equal(ids[2..], replayed.Select(e => e.Id));
        Assert.NotNull(unknownReset);
        ResetData(unknownReset, "unknown");
        Assert.Equal(ids[3], unknownReset.Id);
        foreach (var stream in new[] { expired, held, unknown })
        {
            Assert.Equal([$"{order}:accepted"], Statuses([await stream.NextEventAsync()]));
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("1-2-3")]
    [InlineData("1 - 2")]
    [InlineData("+1-2")]
    [InlineData("0x10-2")]
    [InlineData("99999999999999999999-1")]
    [InlineData("1-2,1-3")]
    public async Task A_malformed_last_event_id_is_a_400_problem_naming_the_header(string id)
    {
        using var factory = Server();
        using var client = factory.CreateClient();

        using var response = await EventStreamReader.RequestAsync(client, id);

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "Last-Event-ID");
    }

    [Fact]
    public async Task Beyond_the_most_open_streams_a_client_gets_a_503_problem_until_one_closes()
    {
        using var factory = Server(new() { ["Server:MaxOrderStreams"] = "2" });
        using var client = factory.CreateClient();
        await using var one = await EventStreamReader.OpenAsync(client);
        var two = await EventStreamReader.OpenAsync(client);

        using var refused = await EventStreamReader.RequestAsync(client);
        await Problems.AssertProblem(refused, HttpStatusCode.ServiceUnavailable, "streams");
        await two.DisposeAsync();

        // The slot comes back when the server sees the client gone, which takes a moment.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await EventStreamReader.RequestAsync(client);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await Problems.AssertProblem(response, HttpStatusCode.ServiceUnavailable, "streams");
            Assert.True(deadline.Elapsed < EventStreamReader.Patience, "a closed stream's slot was not given back");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task With_an_api_key_configured_the_stream_needs_it()
    {
        using var factory = Server(new() { ["Server:ApiKey"] = Key });
        using var client = factory.CreateClient();

        using var without = await EventStreamReader.RequestAsync(client);
        using var wrong = await EventStreamReader.RequestAsync(client, apiKey: Key + "x");
        await using var with = await EventStreamReader.OpenAsync(client, apiKey: Key);

        await Problems.AssertProblem(without, HttpStatusCode.Unauthorized, "X-API-Key");
        await Problems.AssertProblem(wrong, HttpStatusCode.Unauthorized, "X-API-Key");
        Assert.NotNull(await with.NextBlockAsync());
    }

    [Fact]
    public async Task Opening_streams_counts_against_the_rate_limit()
    {
        using var factory = Server(new() { ["Server:RateLimit:PermitLimit"] = "2", ["Server:RateLimit:Window"] = "00:10:00" });
        using var client = factory.CreateClient();
        await using var one = await EventStreamReader.OpenAsync(client);
        await using var two = await EventStreamReader.OpenAsync(client);

        using var limited = await EventStreamReader.RequestAsync(client);

        await Problems.AssertProblem(limited, HttpStatusCode.TooManyRequests, "client");
    }

    [Fact]
    public async Task A_silent_stream_sends_a_keep_alive_comment()
    {
        using var factory = Server(new() { ["Server:OrderStreamHeartbeat"] = "00:00:00.100" });
        using var client = factory.CreateClient();
        await using var stream = await EventStreamReader.OpenAsync(client);

        var start = await stream.NextBlockAsync();
        var next = await stream.NextBlockAsync();

        Assert.NotNull(start);
        Assert.NotNull(next);
        Assert.Equal(["keep-alive"], next.Comments);
        Assert.Null(next.Data);
        Assert.Null(next.Id);
    }

    [Fact]
    public async Task A_client_that_stops_reading_holds_up_no_order_and_is_told_to_resync_when_it_reads_again()
    {
        const int Orders = 400;
        using var factory = Server(new() { ["Server:OrderEventsKept"] = "50" });
        using var client = factory.CreateClient();
        await StartAccountAsync(client);
        await using var slow = await EventStreamReader.OpenAsync(client);
        Assert.NotNull(await slow.NextBlockAsync());
        // 800 events, about 120 kB: more than the slow client's connection buffers before its stream must wait.
        for (var i = 0; i < Orders; i++)
        {
            await SubmitAsync(client, quantity: 1);
        }

        var advance = AdvanceAsync(client);
        Assert.True(advance == await Task.WhenAny(advance, Task.Delay(EventStreamReader.Patience)), "the advance waited on a client that is not reading");
        Assert.Equal(Orders, (await advance).GetProperty("fills").GetArrayLength());

        // Reading again, the slow client gets what was buffered for it, in order, and a reset where events were lost
        // (its connection held about 500 of the 800 events and the server 50), never a gap without one.
        var position = 0L;
        var resets = 0;
        while (position < 2 * Orders)
        {
            var block = await slow.NextEventAsync();
            var sequence = Split(block.Id).Sequence;
            if (block.Type == "reset")
            {
                ResetData(block, "fell_behind");
                Assert.True(sequence > position + 1, $"a reset at {block.Id} after {position}");
                resets++;
            }
            else
            {
                Assert.Equal(position + 1, sequence);
            }

            position = sequence;
        }

        Assert.True(resets > 0, "the slow client missed events without being told");
        var order = await SubmitAsync(client);
        Assert.Equal([$"{order}:accepted"], Statuses([await slow.NextEventAsync()]));
        Assert.Contains(factory.Logs.Lines, l => l.Contains("fell more than 50 order events behind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_streams_and_does_not_wait_for_them()
    {
        var factory = Server(services: s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(5)));
        var client = factory.CreateClient();
        await using var stream = await EventStreamReader.OpenAsync(client);
        Assert.NotNull(await stream.NextBlockAsync());
        var ended = stream.NextBlockAsync();

        var stopping = Stopwatch.StartNew();
        await factory.DisposeAsync().AsTask().WaitAsync(EventStreamReader.Patience);

        Assert.True(stopping.Elapsed < EventStreamReader.Patience, $"stopping took {stopping.Elapsed}");
        Assert.Null(await ended.WaitAsync(EventStreamReader.Patience));
        client.Dispose();
    }

    [SkippableFact]
    public async Task Trade_serve_streams_an_orders_events_as_it_fills_and_stops_at_once_with_the_stream_open()
    {
        Skip.If(OperatingSystem.IsWindows(), "the server is stopped as a service manager stops it, with SIGTERM");
        await using var server = await TradeServeProcess.StartAsync(_database.Directory, new Dictionary<string, string>(), "--db", _database.Path);
        await StartAccountAsync(server.Client);
        await using var stream = await EventStreamReader.OpenAsync(server.Client);
        Assert.NotNull(await stream.NextBlockAsync());

        var order = await SubmitAsync(server.Client);
        await AdvanceAsync(server.Client);
        var events = await stream.NextEventsAsync(2);
        var view = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/paper/orders/{order}")).RootElement;
        var ended = stream.NextBlockAsync();
        var exitCode = await server.StopAsync(EventStreamReader.Patience * 2);

        Assert.Equal([$"{order}:accepted", $"{order}:filled"], Statuses(events));
        var sent = events.Select(e => OrderEventJson.Deserialize(e.Data!)).ToArray();
        var recorded = view.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(recorded.Select(e => e.GetProperty("time").GetDateTime().ToUniversalTime()), sent.Select(e => e.Time));
        Assert.Equal(recorded.Select(e => e.GetProperty("fill_price").GetDecimal()), sent.Select(e => e.FillPrice));
        // Were the stream to hold up the shutdown, `trade serve` would give up waiting after its termination timeout
        // (two seconds) with a failing exit code, and the stream would be cut, not ended.
        Assert.True(exitCode == 0, server.Output());
        Assert.Null(await ended.WaitAsync(EventStreamReader.Patience));
    }

    [Theory]
    [InlineData("Server:OrderEventsKept", "0")]
    [InlineData("Server:OrderEventsKept", "2000000")]
    [InlineData("Server:MaxOrderStreams", "0")]
    [InlineData("Server:OrderStreamHeartbeat", "00:00:00")]
    [InlineData("Server:OrderStreamHeartbeat", "02:00:00")]
    public async Task A_bad_order_stream_setting_stops_the_server_at_start_naming_it(string setting, string value)
    {
        var error = await RefusedStart.Of(_database.Path, new Dictionary<string, string?> { [setting] = value });

        Assert.True(error.Message.Contains(setting, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task OpenApi_describes_the_stream_with_its_header_and_the_key()
    {
        using var factory = Server();
        using var client = factory.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var get = document.GetProperty("paths").GetProperty(EventStreamReader.Route).GetProperty("get");
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _), get.ToString());
        Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Last-Event-ID" && p.GetProperty("in").GetString() == "header");
        Assert.True(get.GetProperty("security")[0].TryGetProperty("ApiKey", out _), get.ToString());
        Assert.True(get.GetProperty("responses").TryGetProperty("503", out _), get.ToString());
    }
}
