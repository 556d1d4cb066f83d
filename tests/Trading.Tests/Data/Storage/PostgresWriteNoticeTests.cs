using Npgsql;
using Trading.Data;
using Trading.Data.Caching;
using Trading.Data.Storage.Postgres;
using Trading.Domain;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>A cache of PostgreSQL learns of other processes' writes from notices on a connection of its own; when that
/// connection is lost it must neither serve what it cached nor miss what was written while it was not listening.</summary>
public sealed class PostgresWriteNoticeTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly PostgresTestSchemas _schemas = new();

    public void Dispose() => _schemas.Dispose();

    [SkippableFact]
    public async Task Reads_go_to_the_store_while_the_listening_connection_is_lost_and_writes_made_meanwhile_are_retired_once_it_is_back()
    {
        var schema = _schemas.Create();
        await using var postgres = new PostgresMarketDataStore(schema);
        await using var otherProcess = new PostgresMarketDataStore(schema);
        var counting = new CountingMarketDataStore(postgres);
        using var cache = new CachedMarketDataStore(counting, new MemoryMarketDataCache());
        await otherProcess.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 100)], []));
        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        await cache.ReadBarsAsync(Aapl, Interval.Daily);
        var watch = (PostgresWriteWatch)cache.WriteWatch!;
        var listener = watch.ListenerProcessId ?? throw new InvalidOperationException("the cache does not listen");

        await using (var admin = new NpgsqlConnection(_schemas.Server))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand($"SELECT pg_terminate_backend({listener});", admin);
            await terminate.ExecuteNonQueryAsync();
        }

        await Until(() => watch.ListenerProcessId is null, "the lost connection was not noticed");
        await otherProcess.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 120)], []));
        var whileLost = await cache.ReadBarsAsync(Aapl, Interval.Daily);
        await Until(() => watch.ListenerProcessId is not null, "the watch did not listen again");
        var back = await cache.ReadBarsAsync(Aapl, Interval.Daily);
        var cachedAgain = await cache.ReadBarsAsync(Aapl, Interval.Daily);

        Assert.Equal(120, whileLost.Count);
        Assert.Equal(120, back.Count);
        Assert.Same(back, cachedAgain);
        Assert.Equal(3, counting.BarReads);
    }

    [SkippableFact]
    public async Task A_write_of_more_symbols_than_one_notice_carries_retires_every_one_of_them()
    {
        var schema = _schemas.Create();
        await using var postgres = new PostgresMarketDataStore(schema);
        await using var otherProcess = new PostgresMarketDataStore(schema);
        using var cache = new CachedMarketDataStore(postgres, new MemoryMarketDataCache());
        var symbols = Enumerable.Range(0, 300).Select(i => $"S{i:D3}-{new string('X', 27)}").ToArray();
        await otherProcess.WriteAsync(new MarketDataBatch([.. symbols.Select(s => SampleBars.Daily(s, 5))], []));
        foreach (var symbol in symbols)
        {
            await cache.ReadBarsAsync(Symbol.Parse(symbol), Interval.Daily);
        }

        var heard = cache.WriteNoticesHeard;
        await otherProcess.WriteAsync(new MarketDataBatch([.. symbols.Select(s => SampleBars.Daily(s, 5, basePrice: 200))], []));
        await Until(() => cache.WriteNoticesHeard >= heard + 3, "three notices (140 symbols each at most) did not arrive");
        var closes = new List<double>();
        foreach (var symbol in symbols)
        {
            closes.Add((await cache.ReadBarsAsync(Symbol.Parse(symbol), Interval.Daily)).Close[0]);
        }

        Assert.All(closes, close => Assert.Equal(200 + (1.0 / 3.0), close));
    }

    private static async Task Until(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{failure} within {Patience.TotalSeconds} s");
            await Task.Delay(10);
        }
    }
}
