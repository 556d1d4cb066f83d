using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Feeds;
using Trading.Nodes;
using Trading.Tests.Data.Storage;
using Trading.Tests.Feeds;

namespace Trading.Tests.Nodes;

/// <summary>A node on a polling feed (Yahoo's path, here a scripted provider) on a clock a test moves: a daily bar is
/// stepped only after its session's close, its bars are stored before the step is journaled, the lease is kept
/// through the nights between bars, and a restart recovers from the stored bars.</summary>
public sealed class LiveNodeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteMarketDataStore _store;
    private readonly SqliteJournalStore _journal;

    public LiveNodeTests()
    {
        var path = Path.Combine(_directory.Path, "live.db");
        _store = new SqliteMarketDataStore(path);
        _journal = new SqliteJournalStore(path);
    }

    public void Dispose()
    {
        _journal.Dispose();
        _store.Dispose();
        _directory.Dispose();
    }

    private static DateTimeOffset NewYork(int day, int hour) =>
        new DateTimeOffset(2024, 11, day, hour, 0, 0, TimeSpan.FromHours(-5));

    private static DateTime Day(int day) => new(2024, 11, day, 0, 0, 0, DateTimeKind.Utc);

    private static async Task UntilAsync(Func<bool> done, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what()}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_daily_bar_is_stepped_after_its_close_stored_and_journaled_and_the_node_recovers_from_the_store()
    {
        var clock = new FeedClock(NewYork(25, 15));
        var provider = new ScriptedProvider(clock);
        provider.Publish("AAA", ScriptedProvider.Bar(Day(22), 100), ScriptedProvider.Bar(Day(25), 101));
        var definition = new NodeDefinition { Id = "live", Strategy = "buy_and_hold", Symbols = ["AAA"], Feed = "yahoo", Parameters = new Dictionary<string, string> { ["quantity"] = "10" } };
        var services = new NodeServices
        {
            Store = _store,
            Journal = _journal,
            Clock = clock,

            // Renewed every two hours of the test's clock, which moves an hour at a time.
            LeaseDuration = TimeSpan.FromHours(6),
            Feeds = _ => new PollingFeed(provider, NyseCalendar.Instance, clock, new PollingFeedOptions { PollInterval = TimeSpan.FromSeconds(1), GracePeriod = TimeSpan.FromSeconds(1), Retry = new Backoff { Jitter = 0 } }),
        };
        var created = clock.GetUtcNow().UtcDateTime;
        var node = await TradingNode.CreateAsync(definition, services, created);
        using var stop = new CancellationTokenSource();
        var running = node.RunAsync(stop.Token);
        await UntilAsync(() => node.Status.State == "running", () => "the node to start");

        // Before Monday's close nothing is stepped; after it, Monday's bar is.
        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(100);
        Assert.Equal(0, node.Status.Steps);
        clock.AdvanceTo(NewYork(25, 16).AddSeconds(2));
        await UntilAsync(() => node.Status.Steps == 1, () => $"Monday's step ({node.Status.State}, {node.Status.Reason}, feed {node.Status.Feed})");
        Assert.Equal(Day(25), node.Status.Time);

        // A night and a day later (the lease is kept meanwhile), Tuesday's bar fills the order made on Monday.
        provider.Publish("AAA", ScriptedProvider.Bar(Day(26), 103));
        for (var hour = 17; hour <= 40; hour++)
        {
            clock.AdvanceTo(NewYork(25, 0).AddHours(hour));
            await Task.Delay(5);
        }

        await UntilAsync(() => node.Status.Steps == 2, () => "Tuesday's step");
        Assert.Equal(1, node.Status.Positions);
        var fills = await node.ReadAsync(e => e.Fills.ToList());
        var fill = Assert.Single(fills);
        Assert.Equal(Day(26), fill.Time);
        Assert.Equal(103m, fill.Price);

        await stop.CancelAsync();
        await running;
        Assert.Equal("stopped", node.Status.State);

        // The bars it stepped are in the store, and a new node recovers from them to the same account.
        var stored = await _store.ReadBarsAsync(Symbol.Parse("AAA"), Interval.Daily);
        Assert.Equal([Day(25), Day(26)], stored.Time.ToArray());
        var again = await TradingNode.CreateAsync(definition, services with { Owner = NodeOwner.ThisProcess() }, created);
        using var stopAgain = new CancellationTokenSource();
        var recovering = again.RunAsync(stopAgain.Token);
        await UntilAsync(() => again.Status.State == "running", () => $"the recovery ({again.Status.State}, {again.Status.Reason})");
        Assert.Equal(2, again.Status.Steps);
        Assert.Equal(node.Status.Equity, again.Status.Equity);
        await stopAgain.CancelAsync();
        await recovering;
    }
}
