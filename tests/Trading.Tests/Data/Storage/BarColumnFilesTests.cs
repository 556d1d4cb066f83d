using Trading.Data;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>A universe read from SQLite keeps each whole series as a column file beside the database and reads it
/// back from there: the same bars as the database, and never stale, damaged or cut ones (the database answers).</summary>
public sealed class BarColumnFilesTests : IDisposable
{
    private static readonly Symbol[] Universe = [Symbol.Parse("AAPL"), Symbol.Parse("^GSPC"), Symbol.Parse("BRK.B"), Symbol.Parse("NONE")];

    private readonly TemporaryDirectory _directory = new();

    public BarColumnFilesTests()
    {
        using var store = new SqliteMarketDataStore(DatabasePath);
        store.WriteAsync(new MarketDataBatch(
            [SampleBars.Daily("AAPL", 300), SampleBars.Daily("^GSPC", 250, basePrice: 3000), SampleBars.Daily("BRK.B", 10, basePrice: 200)],
            [CorporateAction.Split(Symbol.Parse("AAPL"), DateOnly.FromDateTime(SampleBars.Start.AddDays(100)), 4m), CorporateAction.Split(Symbol.Parse("MSFT"), new DateOnly(2020, 2, 3), 2m)])).GetAwaiter().GetResult();
    }

    private string DatabasePath => _directory.File("store.db");

    private string Columns => DatabasePath + ".columns";

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_second_read_comes_from_the_column_files_and_gives_exactly_the_databases_bars_and_actions()
    {
        using var store = new SqliteMarketDataStore(DatabasePath);
        var (from, to) = (SampleBars.Start.AddDays(20), SampleBars.Start.AddDays(200));

        var first = await store.ReadUniverseAsync(Universe, Interval.Daily, from, to);
        var files = Directory.GetFiles(Columns, "*.bars");
        var second = await store.ReadUniverseAsync(Universe, Interval.Daily, from, to);

        Assert.Equal(3, files.Length);
        for (var i = 0; i < Universe.Length; i++)
        {
            var expected = await store.ReadBarsAsync(Universe[i], Interval.Daily, from, to);
            AssertSame(expected, first.Series[i]);
            AssertSame(expected, second.Series[i]);
        }

        Assert.True(second.Series[3].IsEmpty);
        Assert.Equal([Symbol.Parse("AAPL")], second.Actions.Select(a => a.Symbol));
    }

    [Fact]
    public async Task A_write_by_another_process_is_seen_at_the_next_read_and_the_older_file_goes()
    {
        using var store = new SqliteMarketDataStore(DatabasePath);
        var before = await store.ReadUniverseAsync(Universe, Interval.Daily);
        var added = SampleBars.Daily("AAPL", 5, first: before.Series[0].LastTime.AddDays(1), basePrice: 500);

        using (var other = new SqliteMarketDataStore(DatabasePath))
        {
            await other.WriteAsync(new MarketDataBatch([added], []));
        }

        var after = await store.ReadUniverseAsync(Universe, Interval.Daily);

        Assert.Equal(305, after.Series[0].Count);
        Assert.Equal(added.LastTime, after.Series[0].LastTime);
        Assert.Equal(added.Close[^1], after.Series[0].Close[^1]);
        Assert.Equal(3, Directory.GetFiles(Columns, "*.bars").Length);
    }

    [Fact]
    public async Task A_database_deleted_and_made_again_with_other_prices_never_reads_the_old_ones_column_files()
    {
        using (var store = new SqliteMarketDataStore(DatabasePath))
        {
            await store.ReadUniverseAsync(Universe, Interval.Daily);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_directory.Path, "store.db*").Where(f => !f.EndsWith(".columns", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        var repriced = SampleBars.Daily("AAPL", 300, basePrice: 40);
        using var again = new SqliteMarketDataStore(DatabasePath);
        await again.WriteAsync(new MarketDataBatch([repriced], []));

        var read = await again.ReadUniverseAsync(Universe, Interval.Daily);

        AssertSame(repriced, read.Series[0]);
    }

    [Fact]
    public async Task Each_universe_read_is_one_state_of_the_store_while_another_store_rewrites_every_symbol()
    {
        // The writer stores generation g of all three symbols in one write: every close is g. A read that took one
        // symbol before a write and another after it would see two generations at once.
        var symbols = Universe[..3];
        var path = _directory.File("generations.db");
        using var reader = new SqliteMarketDataStore(path);
        using var writer = new SqliteMarketDataStore(path);
        await writer.WriteAsync(Batch(0));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var writes = Task.Run(async () =>
        {
            var generation = 1;
            while (!stop.IsCancellationRequested)
            {
                await writer.WriteAsync(Batch(generation++));
            }

            return generation;
        });

        var reads = 0;
        while (!writes.IsCompleted)
        {
            var read = await reader.ReadUniverseAsync(symbols, Interval.Daily);
            var generations = read.Series.Select(x => x.Close[^1]).Distinct().ToList();
            Assert.True(generations.Count == 1, $"read {reads} saw generations {string.Join(", ", generations)} at once");
            Assert.All(read.Series, x => Assert.Equal(x.Close[0], x.Close[^1]));
            reads++;
        }

        Assert.True(await writes > 10, "the writer hardly wrote");
        Assert.True(reads > 10, "the reader hardly read");

        MarketDataBatch Batch(int generation) => new(
            [.. symbols.Select(x => BarSeries.FromBars(x, Interval.Daily, Enumerable.Range(0, 50).Select(i => new Bar(SampleBars.Start.AddDays(i), 100 + generation, 100 + generation, 100 + generation, 100 + generation, 1000))))],
            []);
    }

    [Theory]
    [InlineData("flipped")]
    [InlineData("cut")]
    [InlineData("empty")]
    public async Task A_damaged_column_file_is_a_miss_the_database_answers_and_the_file_is_written_again(string damage)
    {
        using var store = new SqliteMarketDataStore(DatabasePath);
        var expected = await store.ReadBarsAsync(Universe[0], Interval.Daily);
        await store.ReadUniverseAsync(Universe, Interval.Daily);
        var file = Directory.GetFiles(Columns, "*.bars").Single(f => new FileInfo(f).Length == 64 + (300 * 48));
        var original = File.ReadAllBytes(file);
        var bytes = original.ToArray();
        switch (damage)
        {
            case "flipped":
                bytes[64 + (300 * 8 * 4) + 17] ^= 0x10; // one bit of a close
                File.WriteAllBytes(file, bytes);
                break;
            case "cut":
                File.WriteAllBytes(file, bytes[..^48]);
                break;
            default:
                File.WriteAllBytes(file, []);
                break;
        }

        var read = await store.ReadUniverseAsync(Universe, Interval.Daily);

        AssertSame(expected, read.Series[0]);
        Assert.Equal(original, File.ReadAllBytes(file));
    }

    [Fact]
    public async Task A_stored_bar_breaking_the_rule_is_refused_when_asked_for_and_its_series_never_kept()
    {
        var bad = SampleBars.Start.AddDays(400);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bars VALUES ('AAPL', '1d', $t, 10, 11, 9, 12, 100); UPDATE series SET bar_count = bar_count + 1, last_time = $t WHERE symbol = 'AAPL';";
            insert.Parameters.AddWithValue("$t", new DateTimeOffset(bad).ToUnixTimeSeconds());
            insert.ExecuteNonQuery();
        }

        using var store = new SqliteMarketDataStore(DatabasePath);

        var refused = await Assert.ThrowsAsync<InvalidStoredBarException>(() => store.ReadUniverseAsync(Universe, Interval.Daily));
        var before = await store.ReadUniverseAsync(Universe, Interval.Daily, to: bad.AddDays(-1));
        var again = await Assert.ThrowsAsync<InvalidStoredBarException>(() => store.ReadUniverseAsync(Universe, Interval.Daily, from: bad));

        Assert.Contains("close 12 is above high 11", refused.Message, StringComparison.Ordinal);
        Assert.Equal(300, before.Series[0].Count);
        Assert.Contains("close 12 is above high 11", again.Message, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Columns, "*.bars").Length);
    }

    [Fact]
    public async Task Stores_that_miss_together_all_write_the_same_files_and_read_the_same_bars()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteMarketDataStore(DatabasePath)).ToList();
        try
        {
            var reads = await Task.WhenAll(stores.Select(store => Task.Run(() => store.ReadUniverseAsync(Universe, Interval.Daily))));
            var again = await stores[0].ReadUniverseAsync(Universe, Interval.Daily);

            foreach (var read in reads.Append(again))
            {
                for (var i = 0; i < Universe.Length; i++)
                {
                    AssertSame(reads[0].Series[i], read.Series[i]);
                }
            }

            Assert.Equal(3, Directory.GetFiles(Columns, "*.bars").Length);
            Assert.Empty(Directory.GetFiles(Columns, "*.tmp"));
        }
        finally
        {
            stores.ForEach(store => store.Dispose());
        }
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_only_costs_the_speed()
    {
        File.WriteAllText(Columns, "a file where the folder would be");
        using var store = new SqliteMarketDataStore(DatabasePath);

        var read = await store.ReadUniverseAsync(Universe, Interval.Daily);

        AssertSame(await store.ReadBarsAsync(Universe[0], Interval.Daily), read.Series[0]);
        Assert.True(File.Exists(Columns));
    }

    private static void AssertSame(BarSeries expected, BarSeries actual)
    {
        Assert.Equal(expected.Symbol, actual.Symbol);
        Assert.Equal(expected.Time.ToArray(), actual.Time.ToArray());
        Assert.Equal(expected.Time.ToArray().Select(t => t.Kind), actual.Time.ToArray().Select(t => t.Kind));
        Assert.Equal(expected.Open.ToArray(), actual.Open.ToArray());
        Assert.Equal(expected.High.ToArray(), actual.High.ToArray());
        Assert.Equal(expected.Low.ToArray(), actual.Low.ToArray());
        Assert.Equal(expected.Close.ToArray(), actual.Close.ToArray());
        Assert.Equal(expected.Volume.ToArray(), actual.Volume.ToArray());
    }
}
