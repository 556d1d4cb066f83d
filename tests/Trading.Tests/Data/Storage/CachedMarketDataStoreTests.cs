using Microsoft.Extensions.Caching.Memory;
using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>What the cache adds to the contract: reads served from memory, and writes that evict what they touch.</summary>
public sealed class CachedMarketDataStoreTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol Msft = Symbol.Parse("MSFT");

    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteMarketDataStore _sqlite;
    private readonly CountingMarketDataStore _counting;
    private readonly CachedMarketDataStore _cache;

    public CachedMarketDataStoreTests()
    {
        _sqlite = new SqliteMarketDataStore(_directory.File("cache.db"));
        _counting = new CountingMarketDataStore(_sqlite);
        _cache = new CachedMarketDataStore(_counting);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _sqlite.Dispose();
        _directory.Dispose();
    }

    private Task Seed() => _cache.WriteAsync(new MarketDataBatch(
        [SampleBars.Daily("AAPL", 100), SampleBars.Daily("MSFT", 100)],
        [CorporateAction.Split(Aapl, new DateOnly(2020, 8, 31), 4m), CorporateAction.Split(Msft, new DateOnly(2003, 2, 18), 2m)]));

    [Fact]
    public async Task A_repeated_read_is_served_without_reaching_the_store()
    {
        await Seed();

        var first = await _cache.ReadBarsAsync(Aapl, Interval.Daily, SampleBars.Day(2020, 1, 10), SampleBars.Day(2020, 2, 10));
        var second = await _cache.ReadBarsAsync(Aapl, Interval.Daily, SampleBars.Day(2020, 1, 10), SampleBars.Day(2020, 2, 10));
        await _cache.ReadActionsAsync(Aapl);
        await _cache.ReadActionsAsync(Aapl);
        await _cache.ListAsync();
        await _cache.ListAsync();

        Assert.Same(first, second);
        Assert.Equal(1, _counting.BarReads);
        Assert.Equal(1, _counting.ActionReads);
        Assert.Equal(1, _counting.Lists);
    }

    [Fact]
    public async Task Different_ranges_are_different_entries()
    {
        await Seed();

        await _cache.ReadBarsAsync(Aapl, Interval.Daily);
        await _cache.ReadBarsAsync(Aapl, Interval.Daily, from: SampleBars.Day(2020, 2, 1));
        await _cache.ReadBarsAsync(Aapl, Interval.Weekly);

        Assert.Equal(3, _counting.BarReads);
    }

    [Fact]
    public async Task A_write_evicts_the_reads_of_its_symbols_and_keeps_the_others()
    {
        await Seed();
        await _cache.ReadBarsAsync(Aapl, Interval.Daily);
        await _cache.ReadBarsAsync(Msft, Interval.Daily);
        await _cache.ReadActionsAsync(Aapl);

        await _cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 120)], []));
        var aapl = await _cache.ReadBarsAsync(Aapl, Interval.Daily);
        await _cache.ReadBarsAsync(Msft, Interval.Daily);
        await _cache.ReadActionsAsync(Aapl);

        Assert.Equal(120, aapl.Count);
        Assert.Equal(3, _counting.BarReads);
        Assert.Equal(2, _counting.ActionReads);
    }

    [Fact]
    public async Task A_write_of_corporate_actions_evicts_that_symbol()
    {
        await Seed();
        await _cache.ReadActionsAsync(Msft);

        await _cache.WriteAsync(new MarketDataBatch([], [CorporateAction.CashDividend(Msft, new DateOnly(2020, 2, 19), 0.51m)]));

        Assert.Equal(2, (await _cache.ReadActionsAsync(Msft)).Count);
        Assert.Equal(2, _counting.ActionReads);
    }

    [Fact]
    public async Task Any_write_evicts_the_list()
    {
        await Seed();
        await _cache.ListAsync();

        await _cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("IBM", 10)], []));
        var list = await _cache.ListAsync();

        Assert.Equal(3, list.Count);
        Assert.Equal(2, _counting.Lists);
    }

    [Fact]
    public async Task A_failed_write_still_evicts_what_it_may_have_touched()
    {
        await Seed();
        await _cache.ReadBarsAsync(Aapl, Interval.Daily);
        var bad = BarSeries.FromBars(Aapl, Interval.Daily, [new Bar(SampleBars.Day(2020, 1, 1), 1, 2, 0.5, double.NaN, 10)]);

        await Assert.ThrowsAsync<ArgumentException>(() => _cache.WriteAsync(new MarketDataBatch([bad], [])));
        await _cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(2, _counting.BarReads);
    }

    [Fact]
    public async Task Concurrent_misses_for_one_key_share_one_read_of_the_store()
    {
        await Seed();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _counting.BarReadGate = gate.Task;

        var readers = Enumerable.Range(0, 8).Select(_ => _cache.ReadBarsAsync(Aapl, Interval.Daily)).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(readers);

        Assert.Equal(1, _counting.BarReads);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task A_read_that_started_before_a_write_is_not_shared_with_reads_after_it()
    {
        await Seed();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _counting.BarReadGate = gate.Task;
        var before = _cache.ReadBarsAsync(Aapl, Interval.Daily);

        _counting.BarReadGate = null;
        await _cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 150)], []));
        var after = await _cache.ReadBarsAsync(Aapl, Interval.Daily);
        gate.SetResult();
        await before;
        var later = await _cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(150, after.Count);
        Assert.Equal(150, later.Count);
    }

    [Fact]
    public async Task A_caller_that_cancels_stops_waiting_without_failing_the_shared_read()
    {
        await Seed();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _counting.BarReadGate = gate.Task;
        using var cancellation = new CancellationTokenSource();

        var impatient = _cache.ReadBarsAsync(Aapl, Interval.Daily, cancellationToken: cancellation.Token);
        var patient = _cache.ReadBarsAsync(Aapl, Interval.Daily);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        gate.SetResult();

        Assert.Equal(100, (await patient).Count);
        Assert.Equal(1, _counting.BarReads);
    }

    [Fact]
    public async Task Entries_carry_a_size_so_a_bounded_shared_cache_accepts_them()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 1_000_000, TrackStatistics = true });
        var cache = new CachedMarketDataStore(_counting, memory);
        await cache.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));

        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        await cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(1, _counting.BarReads);
        Assert.InRange(memory.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0, 100 * 48, 100_000);
    }

    [Fact]
    public async Task Two_caches_sharing_one_memory_cache_do_not_see_each_others_entries()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        using var otherDirectory = new TemporaryDirectory();
        using var otherSqlite = new SqliteMarketDataStore(otherDirectory.File("other.db"));
        var one = new CachedMarketDataStore(_sqlite, memory);
        var other = new CachedMarketDataStore(otherSqlite, memory);
        await one.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));

        Assert.Equal(100, (await one.ReadBarsAsync(Aapl, Interval.Daily)).Count);
        Assert.True((await other.ReadBarsAsync(Aapl, Interval.Daily)).IsEmpty);
    }
}
