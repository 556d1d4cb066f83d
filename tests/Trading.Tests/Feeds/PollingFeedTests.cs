using Trading.Data;
using Trading.Domain;
using Trading.Feeds;

namespace Trading.Tests.Feeds;

public sealed class PollingFeedTests
{
    private static readonly TimeSpan Patience = FeedDriver.Patience;

    private static readonly PollingFeedOptions Quick = new()
    {
        PollInterval = TimeSpan.FromSeconds(10),
        GracePeriod = TimeSpan.FromSeconds(30),
        Retry = new Backoff { Initial = TimeSpan.FromSeconds(1), Max = TimeSpan.FromSeconds(3), Jitter = 0 },
    };

    private static DateTimeOffset NewYork(int month, int day, int hour, int minute, int second = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2024, month, day, hour, minute, second), NyseCalendar.Instance.TimeZone));

    private static DateTime Day(int month, int day) => new(2024, month, day, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A minute bar's UTC start on 15 March 2024 (13:30 UTC is the 09:30 New York open).</summary>
    private static DateTime Minute(int hour, int minute) => new(2024, 3, 15, hour, minute, 0, DateTimeKind.Utc);

    private static DateTimeOffset Utc(DateTime time) => new(time);

    private static FeedRequest Request(Interval interval, DateTime? after, params string[] symbols) =>
        new(symbols.Select(Symbol.Parse), interval, after);

    private static Bar Bar(DateTime time, double close = 100) => ScriptedProvider.Bar(time, close);

    private sealed record Setup(PollingFeed Feed, FeedClock Clock, ScriptedProvider Provider, CapturedLog<PollingFeed> Log)
    {
        public FeedDriver Read(FeedRequest request) => new(Feed, request, Clock);
    }

    private static Setup At(DateTimeOffset now, PollingFeedOptions? options = null)
    {
        var clock = new FeedClock(now);
        var provider = new ScriptedProvider(clock);
        var log = new CapturedLog<PollingFeed>();
        return new Setup(new PollingFeed(provider, NyseCalendar.Instance, clock, options ?? Quick, log), clock, provider, log);
    }

    private static string Symbols(BarSlice slice) => string.Join(",", slice.Bars.Select(b => b.Symbol.Value));

    [Fact]
    public async Task Todays_daily_bar_is_not_delivered_before_the_16_00_New_York_close_and_is_delivered_at_it()
    {
        var (feed, clock, provider, _) = At(NewYork(11, 26, 15, 0));
        provider.Publish("A", Bar(Day(11, 25)), Bar(Day(11, 26), 101));
        provider.Publish("B", Bar(Day(11, 25)), Bar(Day(11, 26), 102));
        await using var slices = feed.ReadAsync(Request(Interval.Daily, Day(11, 25), "A", "B")).GetAsyncEnumerator();

        var next = slices.MoveNextAsync().AsTask();
        var due = await clock.ArmedAsync();
        Assert.Equal(NewYork(11, 26, 16, 0), due);
        Assert.Single(provider.Requests, r => r.Symbol.Value == "A");
        clock.AdvanceTo(due.AddMilliseconds(-1));
        Assert.False(next.IsCompleted);

        clock.AdvanceTo(due);

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(Day(11, 26), slices.Current.Time);
        Assert.Equal([new SymbolBar(Symbol.Parse("A"), Bar(Day(11, 26), 101)), new SymbolBar(Symbol.Parse("B"), Bar(Day(11, 26), 102))], slices.Current.Bars);
        Assert.Equal(new FeedStatus(FeedState.Live, Day(11, 26), null, 0, null), feed.Status);
    }

    [Fact]
    public async Task On_the_early_close_after_Thanksgiving_the_daily_bar_is_delivered_at_13_00_New_York_and_Thanksgiving_is_no_gap()
    {
        var (feed, clock, provider, log) = At(NewYork(11, 29, 12, 0));
        provider.Publish("A", Bar(Day(11, 27)), Bar(Day(11, 29)));
        await using var slices = feed.ReadAsync(Request(Interval.Daily, Day(11, 27), "A")).GetAsyncEnumerator();

        var next = slices.MoveNextAsync().AsTask();
        var due = await clock.ArmedAsync();
        Assert.Equal(NewYork(11, 29, 13, 0), due);
        clock.AdvanceTo(due.AddMilliseconds(-1));
        Assert.False(next.IsCompleted);
        clock.AdvanceTo(due);

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(Day(11, 29), slices.Current.Time);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public async Task An_hour_bar_that_the_close_cuts_short_is_delivered_at_the_close()
    {
        var (feed, clock, provider, _) = At(NewYork(3, 15, 15, 45));
        provider.Publish("A", Bar(Minute(18, 30)), Bar(Minute(19, 30)));
        await using var driver = new FeedDriver(feed, Request(Interval.OneHour, Minute(18, 30), "A"), clock);

        var (slice, at) = await driver.NextAsync();

        Assert.Equal(Minute(19, 30), slice.Time);
        Assert.Equal(NewYork(3, 15, 16, 0), at);
    }

    [Fact]
    public async Task Minute_bars_come_when_their_minute_is_over_starting_after_the_last_bar_complete_when_the_feed_starts()
    {
        var (feed, clock, provider, log) = At(NewYork(3, 15, 9, 30, 30));
        provider.Publish("A", Bar(Minute(19, 58).AddDays(-1)), Bar(Minute(19, 59).AddDays(-1)), Bar(Minute(13, 30)));
        await using var driver = new FeedDriver(feed, Request(Interval.OneMinute, null, "A"), clock);

        var (first, firstAt) = await driver.NextAsync();
        Assert.Equal(Minute(13, 30), first.Time);
        Assert.Equal(Utc(Minute(13, 31)), firstAt);

        provider.Publish("A", Bar(Minute(13, 31)));
        var (second, secondAt) = await driver.NextAsync();
        Assert.Equal(Minute(13, 31), second.Time);
        Assert.Equal(Utc(Minute(13, 32)), secondAt);

        // Each poll asks from just after the symbol's latest complete bar, and the feed sleeps between bars.
        Assert.Equal(
            [(Minute(19, 59).AddDays(-1).AddTicks(1), Utc(first.Time).AddSeconds(30)), (Minute(19, 59).AddDays(-1).AddTicks(1), firstAt), (Minute(13, 30).AddTicks(1), secondAt)],
            provider.Requests.Select(r => (r.From, r.At)));
        Assert.Empty(log.Lines);
    }

    [Fact]
    public async Task With_a_From_and_no_resume_point_the_feed_catches_up_from_that_day_at_once_and_a_resume_point_wins_over_it()
    {
        var options = Quick with { From = Day(11, 22) };
        var (feed, clock, provider, log) = At(NewYork(11, 27, 17, 0), options);
        provider.Publish("A", Bar(Day(11, 21)), Bar(Day(11, 22)), Bar(Day(11, 25)), Bar(Day(11, 26)), Bar(Day(11, 27)));
        await using (var driver = new FeedDriver(feed, Request(Interval.Daily, null, "A"), clock))
        {
            foreach (var day in new[] { 22, 25, 26, 27 })
            {
                var (slice, at) = await driver.NextAsync();
                Assert.Equal((Day(11, day), NewYork(11, 27, 17, 0)), (slice.Time, at));
            }
        }

        Assert.Equal(Day(11, 22), Assert.Single(provider.Requests).From);
        Assert.Empty(log.Lines);

        var resumed = At(NewYork(11, 27, 17, 0), options);
        resumed.Provider.Publish("A", Bar(Day(11, 22)), Bar(Day(11, 25)), Bar(Day(11, 26)), Bar(Day(11, 27)));
        await using var again = resumed.Read(Request(Interval.Daily, Day(11, 25), "A"));
        Assert.Equal(Day(11, 26), (await again.NextAsync()).Slice.Time);
    }

    [Fact]
    public async Task A_slice_waits_for_a_missing_symbol_for_the_grace_period_then_goes_without_it_and_its_late_bar_is_dropped_with_one_line()
    {
        var setup = At(Utc(Minute(13, 31)));
        setup.Provider.Publish("A", Bar(Minute(13, 30)));
        setup.Provider.Publish("B", Bar(Minute(13, 29)));
        await using var driver = setup.Read(Request(Interval.OneMinute, Minute(13, 29), "A", "B"));

        var (slice, at) = await driver.NextAsync();

        Assert.Equal(Minute(13, 30), slice.Time);
        Assert.Equal("A", Symbols(slice));
        Assert.Equal(Utc(Minute(13, 31)).AddSeconds(30), at);
        Assert.Equal(
            [0, 10, 20, 30],
            setup.Provider.Requests.Where(r => r.Symbol.Value == "B").Select(r => (int)(r.At - Utc(Minute(13, 31))).TotalSeconds));

        setup.Provider.Publish("B", Bar(Minute(13, 30)), Bar(Minute(13, 31)));
        setup.Provider.Publish("A", Bar(Minute(13, 31)));
        var (next, nextAt) = await driver.NextAsync();
        Assert.Equal(Minute(13, 31), next.Time);
        Assert.Equal("A,B", Symbols(next));
        Assert.Equal(Utc(Minute(13, 32)), nextAt);

        setup.Provider.Publish("A", Bar(Minute(13, 32)));
        setup.Provider.Publish("B", Bar(Minute(13, 32)));
        Assert.Equal(Minute(13, 32), (await driver.NextAsync()).Slice.Time);

        var late = Assert.Single(setup.Log.Lines);
        Assert.Contains("B 1m bar at 2024-03-15T13:30:00Z", late, StringComparison.Ordinal);
        Assert.Contains("dropped as late", late, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_bars_are_dropped_with_one_line_each_however_often_they_come()
    {
        var setup = At(Utc(Minute(13, 32)), Quick with { GracePeriod = TimeSpan.FromSeconds(90) });
        var (_, clock, provider, log) = setup;
        provider.IgnoresFrom = true;
        provider.Publish("A", Bar(Minute(13, 30)), Bar(Minute(13, 31)));
        provider.Publish("B", Bar(Minute(13, 30)), Bar(Minute(13, 31)));
        await using var driver = setup.Read(Request(Interval.OneMinute, Minute(13, 29), "A", "B"));
        Assert.Equal(Minute(13, 30), (await driver.NextAsync(clock.GetUtcNow())).Slice.Time);
        Assert.Equal(Minute(13, 31), (await driver.NextAsync(clock.GetUtcNow())).Slice.Time);

        // A skips 13:32 and sends 13:33; B is silent, so 13:32 and 13:33 wait out their grace.
        provider.Publish("A", Bar(Minute(13, 33)));
        await driver.RunUntilAsync(Utc(Minute(13, 34)).AddSeconds(5));
        provider.Publish("A", Bar(Minute(13, 32)));
        await driver.RunUntilAsync(Utc(Minute(13, 34)).AddSeconds(25));
        provider.Publish("B", Bar(Minute(13, 32)), Bar(Minute(13, 33)));

        var (slice32, _) = await driver.NextAsync();
        var (slice33, _) = await driver.NextAsync();
        Assert.Equal((Minute(13, 32), "B"), (slice32.Time, Symbols(slice32)));
        Assert.Equal((Minute(13, 33), "A,B"), (slice33.Time, Symbols(slice33)));

        Assert.True(provider.Requests.Count(r => r.Symbol.Value == "A") > 8);
        // Every bar this provider sends again is a duplicate: those delivered, and A's 13:33 while it waited.
        Assert.Equal(5, log.With("came again; dropped as a duplicate").Count);
        foreach (var (symbol, minute) in new[] { ("A", 30), ("A", 31), ("B", 30), ("B", 31), ("A", 33) })
        {
            Assert.Single(log.With($"{symbol} 1m bar at 2024-03-15T13:{minute}:00Z came again"));
        }

        Assert.Equal(
            "Warning: Polling: A 1m bar at 2024-03-15T13:32:00Z came after its bar at 2024-03-15T13:33:00Z; dropped as out of order",
            Assert.Single(log.With("out of order")));
        Assert.Single(log.With("A 1m has no bar for 1 expected time(s), 2024-03-15T13:32:00Z to 2024-03-15T13:32:00Z"));
        Assert.Equal(7, log.Lines.Count);
    }

    [Fact]
    public async Task A_bar_from_before_the_calendars_years_sent_again_is_dropped_as_late_without_asking_the_calendar()
    {
        var setup = At(NewYork(11, 26, 16, 5));
        setup.Provider.IgnoresFrom = true;
        setup.Provider.Publish("A", Bar(new DateTime(1990, 1, 2, 0, 0, 0, DateTimeKind.Utc)), Bar(Day(11, 26)));
        await using var driver = setup.Read(Request(Interval.Daily, Day(11, 25), "A"));

        Assert.Equal(Day(11, 26), (await driver.NextAsync()).Slice.Time);

        Assert.Equal(
            "Warning: Polling: A 1d bar at 1990-01-02 came after the slice for 2024-11-25 went out; dropped as late",
            Assert.Single(setup.Log.Lines));
    }

    [Fact]
    public async Task A_missing_daily_bar_is_logged_once_as_a_gap_and_holidays_and_weekends_are_not_gaps()
    {
        var setup = At(NewYork(11, 27, 17, 0));
        var (_, _, provider, log) = setup;
        provider.Publish("A", Bar(Day(11, 22)), Bar(Day(11, 25)), Bar(Day(11, 27)));
        provider.Publish("B", Bar(Day(11, 22)), Bar(Day(11, 25)), Bar(Day(11, 26)), Bar(Day(11, 27)));
        await using var driver = setup.Read(Request(Interval.Daily, Day(11, 22), "A", "B"));

        Assert.Equal((Day(11, 25), "A,B"), await Take(driver));
        Assert.Equal((Day(11, 26), "B"), await Take(driver));
        Assert.Equal((Day(11, 27), "A,B"), await Take(driver));
        provider.Publish("A", Bar(Day(11, 29)));
        provider.Publish("B", Bar(Day(11, 29)));
        Assert.Equal((Day(11, 29), "A,B"), await Take(driver));

        Assert.Equal(
            "Warning: Polling: A 1d has no bar for 1 expected time(s), 2024-11-26 to 2024-11-26; its next bar is 2024-11-27",
            Assert.Single(log.Lines));

        static async Task<(DateTime, string)> Take(FeedDriver driver)
        {
            var (slice, _) = await driver.NextAsync();
            return (slice.Time, Symbols(slice));
        }
    }

    [Fact]
    public async Task Missing_minute_bars_within_a_session_are_logged_once_as_one_gap()
    {
        var setup = At(Utc(Minute(13, 35)));
        setup.Provider.Publish("A", Bar(Minute(13, 30)), Bar(Minute(13, 31)), Bar(Minute(13, 34)));
        await using var driver = setup.Read(Request(Interval.OneMinute, Minute(13, 29), "A"));

        Assert.Equal(Minute(13, 30), (await driver.NextAsync()).Slice.Time);
        Assert.Equal(Minute(13, 31), (await driver.NextAsync()).Slice.Time);
        Assert.Equal(Minute(13, 34), (await driver.NextAsync()).Slice.Time);
        await driver.RunUntilAsync(Utc(Minute(13, 40)));

        Assert.Equal(
            "Warning: Polling: A 1m has no bar for 2 expected time(s), 2024-03-15T13:32:00Z to 2024-03-15T13:33:00Z; its next bar is 2024-03-15T13:34:00Z",
            Assert.Single(setup.Log.Lines));
    }

    [Fact]
    public async Task An_outage_is_retried_with_doubling_capped_waits_shown_in_the_status_then_the_feed_is_live_again()
    {
        var start = NewYork(11, 26, 16, 5);
        var (feed, clock, provider, log) = At(start);
        provider.Publish("A", Bar(Day(11, 26)));
        var failures = 0;
        provider.Failure = symbol => ++failures <= 3 ? new MarketDataUnavailableException($"Scripted failed for {symbol}: HTTP 503 (try {failures})") : null;
        await using var slices = feed.ReadAsync(Request(Interval.Daily, Day(11, 25), "A")).GetAsyncEnumerator();
        var next = slices.MoveNextAsync().AsTask();

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var due = await clock.ArmedAsync();
            waits.Add(due - clock.GetUtcNow());
            Assert.Equal(new FeedStatus(FeedState.Retrying, null, $"Scripted failed for A: HTTP 503 (try {attempt})", attempt, due), feed.Status);
            Assert.False(next.IsCompleted);
            clock.AdvanceTo(due);
        }

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(Day(11, 26), slices.Current.Time);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], waits);
        Assert.Equal(new FeedStatus(FeedState.Live, Day(11, 26), "Scripted failed for A: HTTP 503 (try 3)", 0, null), feed.Status);
        Assert.Equal([start, start.AddSeconds(1), start.AddSeconds(3), start.AddSeconds(6)], provider.Requests.Select(r => r.At));
        Assert.Equal(3, log.With("retrying in").Count);
        Assert.Single(log.With("answers again after 3 failed polls"));
    }

    [Fact]
    public async Task A_symbol_the_provider_does_not_know_is_logged_once_and_not_waited_for()
    {
        var setup = At(NewYork(11, 26, 16, 5));
        setup.Provider.Publish("A", Bar(Day(11, 26)));
        await using var driver = setup.Read(Request(Interval.Daily, Day(11, 25), "A", "ZZZ"));

        var (slice, at) = await driver.NextAsync();
        Assert.Equal((Day(11, 26), "A"), (slice.Time, Symbols(slice)));
        Assert.Equal(NewYork(11, 26, 16, 5), at);
        setup.Provider.Publish("A", Bar(Day(11, 27)));
        await driver.NextAsync();

        Assert.True(setup.Provider.Requests.Count(r => r.Symbol.Value == "ZZZ") >= 2);
        Assert.Equal("Warning: Polling: Scripted has no data for ZZZ (Scripted has no data for ZZZ); it is absent from slices until it has", Assert.Single(setup.Log.Lines));
    }

    [Fact]
    public async Task A_provider_that_knows_none_of_the_symbols_stops_the_feed_naming_them()
    {
        var (feed, _, _, _) = At(NewYork(11, 26, 16, 5));

        var refused = await Assert.ThrowsAsync<MarketDataUnavailableException>(async () =>
        {
            await foreach (var _ in feed.ReadAsync(Request(Interval.Daily, null, "ZZZ", "YYY")))
            {
            }
        });

        Assert.True(refused.IsNoData);
        Assert.StartsWith("Scripted has no 1d data for any of the symbols ZZZ, YYY (", refused.Message, StringComparison.Ordinal);
        Assert.Equal(FeedState.Failed, feed.Status.State);
        Assert.Equal(refused.Message, feed.Status.LastError);
    }

    [Fact]
    public async Task A_failure_retrying_cannot_mend_stops_the_feed_as_failed_with_its_message()
    {
        var (feed, _, provider, _) = At(NewYork(11, 26, 16, 5));
        provider.Publish("A", Bar(Day(11, 26)));
        provider.Failure = _ => new InvalidOperationException("The provider is misconfigured");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in feed.ReadAsync(Request(Interval.Daily, Day(11, 25), "A")))
            {
            }
        });

        Assert.Equal("The provider is misconfigured", failure.Message);
        Assert.Equal(new FeedStatus(FeedState.Failed, null, "The provider is misconfigured", 0, null), feed.Status);
    }

    [Fact]
    public async Task A_bar_that_breaks_the_bar_rule_is_dropped_with_one_line_and_not_waited_for()
    {
        var setup = At(NewYork(11, 26, 16, 5));
        setup.Provider.Publish("A", new Bar(Day(11, 26), 100, 99, 101, 100, 1_000));
        setup.Provider.Publish("B", Bar(Day(11, 26)));
        await using var driver = setup.Read(Request(Interval.Daily, Day(11, 25), "A", "B"));

        var (slice, at) = await driver.NextAsync();
        Assert.Equal((Day(11, 26), "B"), (slice.Time, Symbols(slice)));
        Assert.Equal(NewYork(11, 26, 16, 5), at);
        setup.Provider.Publish("A", Bar(Day(11, 27)));
        setup.Provider.Publish("B", Bar(Day(11, 27)));
        Assert.Equal("A,B", Symbols((await driver.NextAsync()).Slice));

        Assert.Equal(
            "Warning: Polling: A 1d bar at 2024-11-26 breaks the bar rule (high 99 is below low 101); dropped",
            Assert.Single(setup.Log.Lines));
    }

    [Fact]
    public async Task Cancelling_ends_the_reading_at_once_while_it_sleeps_until_the_close()
    {
        var setup = At(NewYork(11, 26, 10, 0));
        setup.Provider.Publish("A", Bar(Day(11, 25)));
        using var cancel = new CancellationTokenSource();
        await using var slices = setup.Feed.ReadAsync(Request(Interval.Daily, null, "A"), cancel.Token).GetAsyncEnumerator();
        var next = slices.MoveNextAsync().AsTask();
        Assert.Equal(NewYork(11, 26, 16, 0), await setup.Clock.ArmedAsync());

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Patience));
        Assert.Equal(FeedState.Ended, setup.Feed.Status.State);
    }

    [Fact]
    public async Task Cancelling_ends_the_reading_at_once_while_a_fetch_hangs()
    {
        var setup = At(NewYork(11, 26, 16, 5));
        setup.Provider.Gate = new TaskCompletionSource().Task;
        using var cancel = new CancellationTokenSource();
        await using var slices = setup.Feed.ReadAsync(Request(Interval.Daily, null, "A"), cancel.Token).GetAsyncEnumerator();
        var next = slices.MoveNextAsync().AsTask();
        Assert.Single(setup.Provider.Requests);
        Assert.False(next.IsCompleted);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Patience));
        Assert.Equal(FeedState.Ended, setup.Feed.Status.State);
    }

    [Fact]
    public void Weekly_bars_and_settings_that_cannot_work_are_refused_with_what_would()
    {
        var setup = At(NewYork(11, 26, 16, 5));
        Assert.Contains("intraday (1m to 1h) and daily", Assert.Throws<ArgumentException>(() => setup.Feed.ReadAsync(Request(Interval.Weekly, null, "A"))).Message, StringComparison.Ordinal);
        Assert.Contains("poll interval", Assert.Throws<ArgumentException>(() => new PollingFeed(setup.Provider, NyseCalendar.Instance, setup.Clock, Quick with { PollInterval = TimeSpan.Zero })).Message, StringComparison.Ordinal);
        Assert.Contains("jitter", Assert.Throws<ArgumentException>(() => new PollingFeed(setup.Provider, NyseCalendar.Instance, setup.Clock, Quick with { Retry = new Backoff { Jitter = 2 } })).Message, StringComparison.Ordinal);
    }
}
