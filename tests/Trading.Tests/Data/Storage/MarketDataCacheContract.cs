using Trading.Data;
using Trading.Data.Caching;
using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>What the cache adds to a store, whatever the cache (this process's memory, Redis): reads served without
/// reaching the store, and writes that make what they touch stale, whoever makes them. A cache's test class derives
/// from this and says which store and which cache; each test gets fresh ones.</summary>
public abstract class MarketDataCacheContract : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol Msft = Symbol.Parse("MSFT");

    private CountingMarketDataStore? _counting;
    private CachedMarketDataStore? _cache;

    /// <summary>A new, empty store for the cache to read through to.</summary>
    protected abstract IMarketDataStore CreateStore();

    /// <summary>A new, empty cache.</summary>
    protected abstract IMarketDataCache CreateCache();

    /// <summary>Another store on the database of the last one made, as another process (a command-line import) would
    /// open it: it knows nothing of the cache.</summary>
    protected abstract IMarketDataStore CreateOtherWriter();

    /// <summary>True when the store tells a cache of other processes' writes (a notice arrives a moment after the
    /// commit) rather than the cache asking before its next read.</summary>
    protected virtual bool WritesAreNotified => false;

    /// <summary>Releases the stores, caches and servers the derived class made.</summary>
    protected abstract void DisposeResources();

    private protected CountingMarketDataStore Counting => _counting ??= new CountingMarketDataStore(CreateStore());

    private protected CachedMarketDataStore Cache => _cache ??= new CachedMarketDataStore(Counting, CreateCache());

    public void Dispose()
    {
        _cache?.Dispose();
        DisposeResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes through another process's store and returns once the cache can know of it: at once when the
    /// cache asks the store before each read, after the notice has arrived when the store sends one.</summary>
    private async Task OtherProcessWritesAsync(MarketDataBatch batch)
    {
        var heard = Cache.WriteNoticesHeard;
        var other = CreateOtherWriter();
        try
        {
            await other.WriteAsync(batch);
        }
        finally
        {
            (other as IDisposable)?.Dispose();
        }

        // Past the deadline the test goes on, and its assertions say what the cache served.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (WritesAreNotified && Cache.WriteNoticesHeard == heard && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    private Task Seed() => Cache.WriteAsync(new MarketDataBatch(
        [SampleBars.Daily("AAPL", 100), SampleBars.Daily("MSFT", 100)],
        [CorporateAction.Split(Aapl, new DateOnly(2020, 8, 31), 4m), CorporateAction.Split(Msft, new DateOnly(2003, 2, 18), 2m)]));

    [SkippableFact]
    public async Task A_repeated_read_is_served_without_reaching_the_store()
    {
        await Seed();

        var first = await Cache.ReadBarsAsync(Aapl, Interval.Daily, SampleBars.Day(2020, 1, 10), SampleBars.Day(2020, 2, 10));
        var second = await Cache.ReadBarsAsync(Aapl, Interval.Daily, SampleBars.Day(2020, 1, 10), SampleBars.Day(2020, 2, 10));
        await Cache.ReadActionsAsync(Aapl);
        await Cache.ReadActionsAsync(Aapl);
        await Cache.ListAsync();
        await Cache.ListAsync();

        Assert.Equal(first.Time.ToArray(), second.Time.ToArray());
        Assert.Equal(first.Close.ToArray(), second.Close.ToArray());
        Assert.Equal(1, Counting.BarReads);
        Assert.Equal(1, Counting.ActionReads);
        Assert.Equal(1, Counting.Lists);
    }

    [SkippableFact]
    public async Task A_universe_read_goes_to_the_store_as_one_read_every_time_and_leaves_the_cache_alone()
    {
        await Seed();
        var cached = await Cache.ReadBarsAsync(Aapl, Interval.Daily);

        var first = await Cache.ReadUniverseAsync([Aapl, Msft], Interval.Daily);
        var second = await Cache.ReadUniverseAsync([Aapl, Msft], Interval.Daily);
        await Cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(2, Counting.UniverseReads);
        Assert.Equal(1, Counting.BarReads);
        Assert.Equal(0, Counting.ActionReads);
        Assert.Equal(cached.Close.ToArray(), first.Series[0].Close.ToArray());
        Assert.Equal(first.Series[1].Close.ToArray(), second.Series[1].Close.ToArray());
        Assert.Equal(2, second.Actions.Count);
    }

    [SkippableFact]
    public async Task Different_ranges_are_different_entries()
    {
        await Seed();

        await Cache.ReadBarsAsync(Aapl, Interval.Daily);
        await Cache.ReadBarsAsync(Aapl, Interval.Daily, from: SampleBars.Day(2020, 2, 1));
        await Cache.ReadBarsAsync(Aapl, Interval.Weekly);

        Assert.Equal(3, Counting.BarReads);
    }

    [SkippableFact]
    public async Task A_write_evicts_the_reads_of_its_symbols_and_keeps_the_others()
    {
        await Seed();
        await Cache.ReadBarsAsync(Aapl, Interval.Daily);
        await Cache.ReadBarsAsync(Msft, Interval.Daily);
        await Cache.ReadActionsAsync(Aapl);

        await Cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 120)], []));
        var aapl = await Cache.ReadBarsAsync(Aapl, Interval.Daily);
        await Cache.ReadBarsAsync(Msft, Interval.Daily);
        await Cache.ReadActionsAsync(Aapl);

        Assert.Equal(120, aapl.Count);
        Assert.Equal(3, Counting.BarReads);
        Assert.Equal(2, Counting.ActionReads);
    }

    [SkippableFact]
    public async Task A_write_by_another_process_is_served_at_the_next_read_and_the_other_symbols_stay_cached()
    {
        await Seed();
        var before = await Cache.ReadBarsAsync(Aapl, Interval.Daily);
        await Cache.ReadBarsAsync(Msft, Interval.Daily);

        await OtherProcessWritesAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100, basePrice: 200)], []));
        var after = await Cache.ReadBarsAsync(Aapl, Interval.Daily);
        await Cache.ReadBarsAsync(Msft, Interval.Daily);

        Assert.Equal(100 + (1.0 / 3.0), before.Close[0]);
        Assert.Equal(200 + (1.0 / 3.0), after.Close[0]);
        Assert.Equal(3, Counting.BarReads);
    }

    [SkippableFact]
    public async Task A_write_by_another_process_retires_the_list_and_the_corporate_actions_it_touched()
    {
        await Seed();
        await Cache.ListAsync();
        await Cache.ReadActionsAsync(Msft);
        await Cache.ReadActionsAsync(Aapl);

        await OtherProcessWritesAsync(new MarketDataBatch(
            [SampleBars.Daily("IBM", 10)],
            [CorporateAction.CashDividend(Msft, new DateOnly(2020, 2, 19), 0.51m)]));
        var list = await Cache.ListAsync();
        var msft = await Cache.ReadActionsAsync(Msft);
        await Cache.ReadActionsAsync(Aapl);

        Assert.Equal(["AAPL", "IBM", "MSFT"], list.Select(s => s.Symbol.Value));
        Assert.Equal(2, msft.Count);
        Assert.Equal(3, Counting.ActionReads);
    }

    [SkippableFact]
    public async Task A_write_of_corporate_actions_evicts_that_symbol()
    {
        await Seed();
        await Cache.ReadActionsAsync(Msft);

        await Cache.WriteAsync(new MarketDataBatch([], [CorporateAction.CashDividend(Msft, new DateOnly(2020, 2, 19), 0.51m)]));

        Assert.Equal(2, (await Cache.ReadActionsAsync(Msft)).Count);
        Assert.Equal(2, Counting.ActionReads);
    }

    [SkippableFact]
    public async Task Any_write_evicts_the_list()
    {
        await Seed();
        await Cache.ListAsync();

        await Cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("IBM", 10)], []));
        var list = await Cache.ListAsync();

        Assert.Equal(3, list.Count);
        Assert.Equal(2, Counting.Lists);
    }

    [SkippableFact]
    public async Task A_failed_write_still_evicts_what_it_may_have_touched()
    {
        await Seed();
        await Cache.ReadBarsAsync(Aapl, Interval.Daily);
        var bad = BarSeries.FromBars(Aapl, Interval.Daily, [new Bar(SampleBars.Day(2020, 1, 1), 1, 2, 0.5, double.NaN, 10)]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Cache.WriteAsync(new MarketDataBatch([bad], [])));
        await Cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(2, Counting.BarReads);
    }

    [SkippableFact]
    public async Task Concurrent_misses_for_one_key_share_one_read_of_the_store()
    {
        await Seed();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Counting.BarReadGate = gate.Task;

        var readers = Enumerable.Range(0, 8).Select(_ => Cache.ReadBarsAsync(Aapl, Interval.Daily)).ToArray();

        // A shared cache answers each reader's miss after a round trip: hold the first read of the store until the
        // others have had ample time to miss too and join it.
        while (Counting.BarReads == 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(300);
        gate.SetResult();
        var results = await Task.WhenAll(readers);

        Assert.Equal(1, Counting.BarReads);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [SkippableFact]
    public async Task A_read_that_started_before_a_write_is_not_shared_with_reads_after_it()
    {
        await Seed();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Counting.BarReadGate = gate.Task;
        var before = Cache.ReadBarsAsync(Aapl, Interval.Daily);

        Counting.BarReadGate = null;
        await Cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 150)], []));
        var after = await Cache.ReadBarsAsync(Aapl, Interval.Daily);
        gate.SetResult();
        await before;
        var later = await Cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(150, after.Count);
        Assert.Equal(150, later.Count);
    }

    [SkippableFact]
    public async Task A_caller_that_cancels_stops_waiting_without_failing_the_shared_read()
    {
        await Seed();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Counting.BarReadGate = gate.Task;
        using var cancellation = new CancellationTokenSource();

        var impatient = Cache.ReadBarsAsync(Aapl, Interval.Daily, cancellationToken: cancellation.Token);
        var patient = Cache.ReadBarsAsync(Aapl, Interval.Daily);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        gate.SetResult();

        Assert.Equal(100, (await patient).Count);
        Assert.Equal(1, Counting.BarReads);
    }
}
