using Trading.Data;
using Trading.Data.Storage;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Feeds;
using Trading.Tests.Data.Storage;

namespace Trading.Tests.Feeds;

public sealed class ReplayFeedTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteMarketDataStore _store;

    public ReplayFeedTests() => _store = new SqliteMarketDataStore(_directory.File("bars.db"));

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private static DateTime June(int day) => new(2024, 6, day, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime At(int hour, int minute) => new(2024, 3, 15, hour, minute, 0, DateTimeKind.Utc);

    private static FeedRequest Request(Interval interval, DateTime? after, params string[] symbols) =>
        new(symbols.Select(Symbol.Parse), interval, after);

    private async Task StoreAsync(string symbol, Interval interval, params DateTime[] times) =>
        await _store.WriteAsync(new MarketDataBatch(
            [BarSeries.FromBars(Symbol.Parse(symbol), interval, times.Select((t, i) => ScriptedProvider.Bar(t, 100 + i)))],
            []));

    /// <summary>A and B on overlapping days: A on 3-7 June, B on 4, 6 and 10 June.</summary>
    private async Task StoreTwoSymbolsAsync()
    {
        await StoreAsync("A", Interval.Daily, June(3), June(4), June(5), June(6), June(7));
        await StoreAsync("B", Interval.Daily, June(4), June(6), June(10));
    }

    private static async Task<List<BarSlice>> ReadAllAsync(IBarFeed feed, FeedRequest request)
    {
        var slices = new List<BarSlice>();
        await foreach (var slice in feed.ReadAsync(request))
        {
            slices.Add(slice);
        }

        return slices;
    }

    /// <summary>"day:symbols" per slice: 04:B,A 05:A ...</summary>
    private static string Shape(IEnumerable<BarSlice> slices) =>
        string.Join(" ", slices.Select(s => $"{s.Time:dd}:{string.Join(",", s.Bars.Select(b => b.Symbol.Value))}"));

    [Fact]
    public async Task Slices_come_once_per_time_in_order_with_the_symbols_that_have_a_bar_then_in_request_order()
    {
        await StoreTwoSymbolsAsync();
        var feed = new ReplayFeed(_store, new NoClock());

        var slices = await ReadAllAsync(feed, Request(Interval.Daily, null, "B", "A"));

        Assert.Equal("03:A 04:B,A 05:A 06:B,A 07:A 10:B", Shape(slices));
        Assert.All(slices, s => Assert.All(s.Bars, b => Assert.Equal(s.Time, b.Bar.Time)));
        Assert.All(slices, s => Assert.Equal(DateTimeKind.Utc, s.Time.Kind));
        Assert.True(slices[3].TryGet(Symbol.Parse("B"), out var b));
        Assert.Equal(ScriptedProvider.Bar(June(6), 101), b);
        Assert.True(slices[3].TryGet(Symbol.Parse("A"), out var a));
        Assert.Equal(ScriptedProvider.Bar(June(6), 103), a);
        Assert.False(slices[0].TryGet(Symbol.Parse("B"), out _));
    }

    [Fact]
    public async Task Resuming_after_a_time_delivers_only_the_times_strictly_after_it()
    {
        await StoreTwoSymbolsAsync();
        var feed = new ReplayFeed(_store, new NoClock());

        Assert.Equal("07:A 10:B", Shape(await ReadAllAsync(feed, Request(Interval.Daily, June(6), "A", "B"))));
        Assert.Equal("10:B", Shape(await ReadAllAsync(feed, Request(Interval.Daily, June(8), "A", "B"))));
        Assert.Empty(await ReadAllAsync(feed, Request(Interval.Daily, June(10), "A", "B")));
        Assert.Equal(FeedState.Ended, feed.Status.State);
    }

    [Fact]
    public async Task From_and_to_are_inclusive_and_a_resume_point_inside_them_starts_later()
    {
        await StoreTwoSymbolsAsync();
        var bounded = new ReplayFeed(_store, new NoClock(), new ReplayFeedOptions { From = June(4), To = June(7) });

        Assert.Equal("04:A,B 05:A 06:A,B 07:A", Shape(await ReadAllAsync(bounded, Request(Interval.Daily, null, "A", "B"))));
        Assert.Equal("06:A,B 07:A", Shape(await ReadAllAsync(bounded, Request(Interval.Daily, June(5), "A", "B"))));
        Assert.Equal("04:A,B 05:A", Shape(await ReadAllAsync(
            new ReplayFeed(_store, new NoClock(), new ReplayFeedOptions { From = June(4), To = June(5) }),
            Request(Interval.Daily, June(2), "A", "B"))));
    }

    [Fact]
    public async Task At_speed_0_the_replay_never_reads_the_clock_nor_sets_a_timer_and_reads_in_chunks()
    {
        await StoreTwoSymbolsAsync();
        var counting = new CountingMarketDataStore(_store);
        var chunked = new ReplayFeed(counting, new NoClock(), new ReplayFeedOptions { ChunkLength = TimeSpan.FromDays(2) });

        var slices = await ReadAllAsync(chunked, Request(Interval.Daily, null, "B", "A"));

        Assert.Equal("03:A 04:B,A 05:A 06:B,A 07:A 10:B", Shape(slices));
        Assert.Equal(2 * 4, counting.BarReads); // 3-4, 5-6, 7-8 and 9-10 June, each symbol once
    }

    [Fact]
    public async Task At_speed_60_minute_bars_come_one_per_second_of_clock_time_never_before_their_time_and_without_drift()
    {
        await StoreAsync("A", Interval.OneMinute, At(13, 30), At(13, 31), At(13, 32), At(13, 33), At(13, 34));
        await StoreAsync("B", Interval.OneMinute, At(13, 32));
        var clock = new FeedClock(Start);
        var feed = new ReplayFeed(_store, clock, new ReplayFeedOptions { Speed = 60 });
        await using var slices = feed.ReadAsync(Request(Interval.OneMinute, null, "A", "B")).GetAsyncEnumerator();

        Assert.True(await slices.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(At(13, 30), slices.Current.Time);
        Assert.False(clock.WhenArmedAsync().IsCompleted);

        for (var k = 1; k <= 4; k++)
        {
            // A slow reader: the next slice is still due k seconds after the first, not a second after this call.
            clock.Advance(TimeSpan.FromMilliseconds(300));
            var next = slices.MoveNextAsync().AsTask();
            var due = await clock.ArmedAsync();
            Assert.Equal(Start.AddSeconds(k), due);

            var fired = clock.Fired;
            clock.AdvanceTo(due.AddMilliseconds(-1));
            Assert.Equal(fired, clock.Fired);
            Assert.False(next.IsCompleted);

            clock.AdvanceTo(due);
            Assert.True(await next.WaitAsync(Patience));
            Assert.Equal(At(13, 30 + k), slices.Current.Time);
            Assert.Equal(k == 2 ? 2 : 1, slices.Current.Count);
        }

        Assert.False(await slices.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(FeedState.Ended, feed.Status.State);
        Assert.Equal(At(13, 34), feed.Status.LastSliceTime);
    }

    [Fact]
    public async Task A_paced_replay_waiting_for_its_next_slice_stops_at_once_when_cancelled()
    {
        await StoreTwoSymbolsAsync();
        var clock = new FeedClock(Start);
        var feed = new ReplayFeed(_store, clock, new ReplayFeedOptions { Speed = 1 });
        using var cancel = new CancellationTokenSource();
        await using var slices = feed.ReadAsync(Request(Interval.Daily, null, "A"), cancel.Token).GetAsyncEnumerator();
        Assert.True(await slices.MoveNextAsync().AsTask().WaitAsync(Patience));
        var next = slices.MoveNextAsync().AsTask();
        Assert.Equal(Start.AddDays(1), await clock.ArmedAsync());

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Patience));
        Assert.Equal(FeedState.Ended, feed.Status.State);
        Assert.Equal(June(3), feed.Status.LastSliceTime);
    }

    [Fact]
    public async Task A_symbol_without_stored_bars_is_absent_with_one_warning_and_a_request_with_none_stored_says_so()
    {
        await StoreTwoSymbolsAsync();
        var log = new CapturedLog<ReplayFeed>();
        var feed = new ReplayFeed(_store, new NoClock(), logger: log);

        Assert.Equal("03:A 04:A 05:A 06:A 07:A", Shape(await ReadAllAsync(feed, Request(Interval.Daily, null, "A", "NONE"))));
        Assert.Single(log.With("NONE"));

        var refused = await Assert.ThrowsAsync<MarketDataNotFoundException>(() => ReadAllAsync(feed, Request(Interval.OneHour, null, "A", "NONE")));
        Assert.Contains("no 1h bars of A, NONE", refused.Message, StringComparison.Ordinal);
        Assert.Equal(FeedState.Failed, feed.Status.State);
        Assert.Equal(refused.Message, feed.Status.LastError);
    }

    [Fact]
    public async Task A_store_outage_is_retried_with_doubling_waits_shown_in_the_status_and_then_the_replay_goes_on()
    {
        await StoreTwoSymbolsAsync();
        var store = new FailingStore(_store);
        store.FailNextReads(new MarketDataStoreUnavailableException("store down"), new MarketDataStoreUnavailableException("store still down"));
        var clock = new FeedClock(Start);
        var feed = new ReplayFeed(store, clock, new ReplayFeedOptions { Retry = new Backoff { Initial = TimeSpan.FromSeconds(1), Jitter = 0 } });
        await using var slices = feed.ReadAsync(Request(Interval.Daily, null, "A", "B")).GetAsyncEnumerator();

        var next = slices.MoveNextAsync().AsTask();
        var due = await clock.ArmedAsync();
        Assert.Equal(Start.AddSeconds(1), due);
        Assert.Equal(new FeedStatus(FeedState.Retrying, null, "store down", 1, due), feed.Status);

        clock.AdvanceTo(due);
        due = await clock.ArmedAsync();
        Assert.Equal(Start.AddSeconds(3), due);
        Assert.Equal(new FeedStatus(FeedState.Retrying, null, "store still down", 2, due), feed.Status);

        clock.AdvanceTo(due);
        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(June(3), slices.Current.Time);
        Assert.Equal(new FeedStatus(FeedState.Live, June(3), "store still down", 0, null), feed.Status);
    }

    [Fact]
    public async Task A_broken_store_fails_the_replay_with_its_message()
    {
        await StoreTwoSymbolsAsync();
        var store = new FailingStore(_store);
        store.FailNextReads(new MarketDataStoreException("The database file is corrupt"));
        var feed = new ReplayFeed(store, new NoClock());

        var failure = await Assert.ThrowsAsync<MarketDataStoreException>(() => ReadAllAsync(feed, Request(Interval.Daily, null, "A")));

        Assert.Equal("The database file is corrupt", failure.Message);
        Assert.Equal(new FeedStatus(FeedState.Failed, null, "The database file is corrupt", 0, null), feed.Status);
    }

    [Fact]
    public async Task A_second_reader_at_once_is_refused_and_the_feed_is_free_again_after_the_first()
    {
        await StoreTwoSymbolsAsync();
        var feed = new ReplayFeed(_store, new NoClock());
        await using (var first = feed.ReadAsync(Request(Interval.Daily, null, "A")).GetAsyncEnumerator())
        {
            Assert.True(await first.MoveNextAsync());
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(feed, Request(Interval.Daily, null, "A")));
            Assert.Contains("one reader at a time", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(5, (await ReadAllAsync(feed, Request(Interval.Daily, null, "A"))).Count);
    }

    [Fact]
    public void Settings_that_cannot_work_are_refused_with_what_would()
    {
        Assert.Contains("speed", Assert.Throws<ArgumentException>(() => new ReplayFeed(_store, new NoClock(), new ReplayFeedOptions { Speed = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("before its From", Assert.Throws<ArgumentException>(() => new ReplayFeed(_store, new NoClock(), new ReplayFeedOptions { From = June(5), To = June(4) })).Message, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Request(Interval.Daily, null, "A", "a")).Message, StringComparison.Ordinal);
        Assert.Contains("at least one symbol", Assert.Throws<ArgumentException>(() => Request(Interval.Daily, null)).Message, StringComparison.Ordinal);
    }
}
