using Trading.Data;
using Trading.Data.Yahoo;
using Trading.Domain;
using Trading.Feeds;
using Trading.Tests.Data.Yahoo;

namespace Trading.Tests.Feeds;

/// <summary>The polling feed over the real Yahoo provider, which talks HTTP to a fake Yahoo on 127.0.0.1.</summary>
public sealed class PollingFeedOverYahooTests
{
    /// <summary>After the 12 June 2024 close (16:00 New York is 20:00 UTC in summer).</summary>
    private static readonly DateTimeOffset AfterClose = new(2024, 6, 12, 20, 30, 0, TimeSpan.Zero);

    private static readonly Symbol Splt = Symbol.Parse("SPLT");

    private static DateTime June(int day) => new(2024, 6, day, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The provider makes one attempt per fetch, so each of the feed's polls is one request; the provider's
    /// own clock runs in real time (its resilience pipeline times with it), the feed's is fake.</summary>
    private static YahooFinanceHost Connect(Uri baseAddress) =>
        YahooFinanceHost.Create(
            o =>
            {
                o.BaseAddress = baseAddress;
                o.MaxRetries = 0;
                o.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.TotalTimeout = TimeSpan.FromSeconds(10);
            },
            new ShiftedClock(AfterClose));

    private static PollingFeed Feed(YahooFinanceHost yahoo, FeedClock clock) =>
        new(yahoo.Provider, NyseCalendar.Instance, clock, new PollingFeedOptions
        {
            Retry = new Backoff { Initial = TimeSpan.FromSeconds(2), Jitter = 0 },
        });

    [Fact]
    public async Task Yahoo_failing_twice_is_retried_with_backoff_and_then_the_complete_bars_since_the_resume_point_come_in_order()
    {
        await using var server = FakeYahooServer.InTurn(
            FakeResponse.Error(503),
            FakeResponse.Error(503),
            FakeResponse.Fixture("split-daily.json"));
        using var yahoo = Connect(server.BaseAddress);
        var clock = new FeedClock(AfterClose);
        var feed = Feed(yahoo, clock);
        await using var driver = new FeedDriver(feed, new FeedRequest([Splt], Interval.Daily, June(10)), clock);
        var next = driver.Pending;

        Assert.False(next.IsCompleted);
        var first = await clock.ArmedAsync();
        Assert.Equal(AfterClose.AddSeconds(2), first);
        Assert.Equal(FeedState.Retrying, feed.Status.State);
        Assert.Contains("503", feed.Status.LastError, StringComparison.Ordinal);
        clock.AdvanceTo(first);
        var second = await clock.ArmedAsync();
        Assert.Equal(first.AddSeconds(4), second);
        Assert.Equal(2, feed.Status.ConsecutiveFailures);
        clock.AdvanceTo(second);

        var (june11, _) = await driver.NextAsync(second);
        var (june12, _) = await driver.NextAsync(second);
        Assert.Equal((June(11), June(12)), (june11.Time, june12.Time));
        Assert.Equal(Splt, Assert.Single(june12.Bars).Symbol);
        Assert.Equal(FeedState.Live, feed.Status.State);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task A_symbol_Yahoo_does_not_know_stops_the_feed_with_a_message_naming_it()
    {
        var notFound = File.ReadAllText(FakeResponse.FixturePath("not-found.json"));
        await using var server = FakeYahooServer.Always(new FakeResponse(404, notFound));
        using var yahoo = Connect(server.BaseAddress);
        var feed = Feed(yahoo, new FeedClock(AfterClose));

        var refused = await Assert.ThrowsAsync<MarketDataUnavailableException>(async () =>
        {
            await foreach (var _ in feed.ReadAsync(new FeedRequest([Symbol.Parse("NOSUCH")], Interval.Daily)))
            {
            }
        });

        Assert.Equal(
            "Yahoo Finance has no 1d data for the symbol NOSUCH (Yahoo Finance has no data for NOSUCH: No data found, symbol may be delisted [Not Found] (HTTP 404 Not Found)); check the symbols: a polling feed needs one its provider knows.",
            refused.Message);
        Assert.Equal(FeedState.Failed, feed.Status.State);
    }
}
