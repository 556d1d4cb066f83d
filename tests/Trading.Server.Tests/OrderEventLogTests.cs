using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Trading.Domain;
using Trading.Execution;
using Trading.Server.OrderEvents;

namespace Trading.Server.Tests;

public sealed class OrderEventLogTests
{
    private static readonly DateTime Time = new(2024, 5, 6, 13, 30, 0, DateTimeKind.Utc);

    private static OrderEvent Accepted(long order) => new(order, Time, OrderStatus.Accepted);

    [Fact]
    public void Events_are_numbered_from_one_and_sent_as_their_channel_json_under_an_id_of_the_logs_epoch()
    {
        var log = new OrderEventLog(10, TimeProvider.System);
        var fill = new OrderEvent(7, Time, OrderStatus.PartiallyFilled, 50, 101.25m);

        var first = log.Append(LoggedOrderEvent.PaperSource, Accepted(7));
        var second = log.Append("node-1", fill);

        Assert.Equal((1L, 2L), (first.Sequence, second.Sequence));
        Assert.Equal("node-1", second.Source);
        Assert.Equal(OrderEventJson.Serialize(fill), second.Json);
        Assert.Equal($"id: {log.Epoch}-2\ndata: {OrderEventJson.Serialize(fill)}\n\n", Encoding.UTF8.GetString(second.Frame.Span));
        Assert.Equal(new OrderEventId(log.Epoch, 2), log.Last);
    }

    [Fact]
    public void Reading_after_a_position_copies_what_follows_as_far_as_it_fits()
    {
        var log = new OrderEventLog(10, TimeProvider.System);
        for (var i = 1; i <= 5; i++)
        {
            log.Append(LoggedOrderEvent.PaperSource, Accepted(i));
        }

        var first = new LoggedOrderEvent[3];
        var second = new LoggedOrderEvent[3];
        var read = log.ReadAfter(1, first);
        var rest = log.ReadAfter(4, second);
        var none = log.ReadAfter(5, new LoggedOrderEvent[3]);

        Assert.Equal((3, false), (read.Count, read.Missed));
        Assert.Equal([2L, 3, 4], first.Select(e => e.Sequence));
        Assert.Equal((1, false), (rest.Count, rest.Missed));
        Assert.Equal(5, second[0].Sequence);
        Assert.Equal((0, false, 5L), (none.Count, none.Missed, none.Last.Sequence));
    }

    [Fact]
    public void Once_the_ring_wraps_only_the_last_events_are_held_and_reading_from_before_them_is_missed()
    {
        var log = new OrderEventLog(3, TimeProvider.System);
        for (var i = 1; i <= 7; i++)
        {
            log.Append(LoggedOrderEvent.PaperSource, Accepted(i));
        }

        var into = new LoggedOrderEvent[10];

        Assert.Equal(new OrderEventId(log.Epoch, 5), log.Oldest);
        Assert.True(log.ReadAfter(3, into).Missed);
        Assert.True(log.ReadAfter(0, into).Missed);
        Assert.True(log.ReadAfter(8, into).Missed);
        var held = log.ReadAfter(4, into);
        Assert.Equal((3, false), (held.Count, held.Missed));
        Assert.Equal([5L, 6, 7], into.Take(3).Select(e => e.Sequence));
        Assert.Equal([5L, 6, 7], into.Take(3).Select(e => e.Event.OrderId));
    }

    [Fact]
    public async Task Waiting_readers_are_woken_by_the_next_append()
    {
        var log = new OrderEventLog(3, TimeProvider.System);
        var appended = log.Appended;

        Assert.False(appended.IsCompleted);
        log.Append(LoggedOrderEvent.PaperSource, Accepted(1));
        await appended.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(log.Appended.IsCompleted);
    }

    [Fact]
    public void Two_logs_of_one_process_never_share_an_epoch_even_on_a_stopped_clock()
    {
        var clock = new StoppedClock(new DateTimeOffset(2024, 5, 6, 13, 30, 0, TimeSpan.Zero));

        var epochs = Enumerable.Range(0, 5).Select(_ => new OrderEventLog(1, clock).Epoch).ToArray();

        Assert.Equal(epochs.Length, epochs.Distinct().Count());
        Assert.All(epochs, e => Assert.True(e >= clock.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task The_paper_accounts_events_are_recorded_in_the_servers_log_and_still_reach_the_transport()
    {
        using var database = new TemporaryDatabase();
        using var factory = new ServerFactory(database.Path);
        var transport = (InProcessOrderEventPublisher)factory.Services.GetRequiredKeyedService<IOrderEventPublisher>(OrderEventLogRegistration.TransportKey);
        var sent = new List<OrderEvent>();
        transport.Published += sent.Add;
        using var client = factory.CreateClient();

        using var order = await client.PostAsJsonAsync("/api/v1/paper/orders", new { symbol = "AAPL", side = "buy", quantity = 1 });

        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        var log = factory.Services.GetRequiredService<OrderEventLog>();
        var into = new LoggedOrderEvent[4];
        var read = log.ReadAfter(0, into);
        Assert.Equal(1, read.Count);
        Assert.Equal(LoggedOrderEvent.PaperSource, into[0].Source);
        Assert.Equal(OrderStatus.Accepted, into[0].Event.Status);
        Assert.Equal([into[0].Event], sent);
    }

    [Theory]
    [InlineData("1718000000000-42", 1718000000000L, 42L)]
    [InlineData("1-0", 1L, 0L)]
    [InlineData("9223372036854775807-9223372036854775807", long.MaxValue, long.MaxValue)]
    public void An_id_reads_back_as_written(string text, long epoch, long sequence)
    {
        Assert.True(OrderEventId.TryParse(text, out var id));
        Assert.Equal(new OrderEventId(epoch, sequence), id);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("-42")]
    [InlineData("1--2")]
    [InlineData("1-2 ")]
    [InlineData("١-٢")]
    [InlineData("9223372036854775808-1")]
    public void Anything_else_is_not_an_id(string text)
    {
        Assert.False(OrderEventId.TryParse(text, out _));
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
