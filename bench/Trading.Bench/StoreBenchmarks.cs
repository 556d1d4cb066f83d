using BenchmarkDotNet.Attributes;
using Trading.Data;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;

namespace Trading.Bench;

/// <summary>The SQLite store: bulk insert into a fresh file, reading a 25-year daily series, listing 3M+ bars.</summary>
/// <remarks>Insert and read report time per bar (OperationsPerInvoke), so bars per second is 1e9 / Mean in ns.
/// The read database (500 symbols x 25 years of daily bars, about 3.2M bars) is built once and kept in the temp folder
/// between runs, because building it takes longer than the benchmarks.</remarks>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int InsertSeries = 160;
    private const int InsertBarsPerSeries = 6250;
    private const int InsertBars = InsertSeries * InsertBarsPerSeries;
    private const int ReadSymbols = 500;
    private const int YearsOfDailyBars = 25;
    private const int DailyBarsPerSeries = YearsOfDailyBars * 252;

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "trading-bench-store");

    private MarketDataBatch _insertBatch = MarketDataBatch.Empty;
    private string _insertPath = string.Empty;
    private SqliteMarketDataStore? _insertStore;
    private SqliteMarketDataStore? _readStore;

    [GlobalSetup(Target = nameof(InsertBarsIntoFreshFile))]
    public void SetUpInsert()
    {
        Directory.CreateDirectory(Folder);
        _insertBatch = new MarketDataBatch(MakeSeries(InsertSeries, InsertBarsPerSeries), []);
    }

    [IterationSetup(Target = nameof(InsertBarsIntoFreshFile))]
    public void FreshFile()
    {
        _insertStore?.Dispose();
        _insertPath = Path.Combine(Folder, $"insert-{Guid.NewGuid():N}.db");
        _insertStore = new SqliteMarketDataStore(_insertPath);
    }

    [IterationCleanup(Target = nameof(InsertBarsIntoFreshFile))]
    public void DeleteFile()
    {
        _insertStore?.Dispose();
        _insertStore = null;
        foreach (var file in Directory.GetFiles(Folder, Path.GetFileName(_insertPath) + "*"))
        {
            File.Delete(file);
        }
    }

    [Benchmark(OperationsPerInvoke = InsertBars, Description = "insert 1M bars, per bar")]
    public long InsertBarsIntoFreshFile() => _insertStore!.WriteAsync(_insertBatch).GetAwaiter().GetResult().BarsWritten;

    [GlobalSetup(Targets = [nameof(ReadDailySeriesInRange), nameof(ReadDailySeriesOpenEnded), nameof(ListSeries)])]
    public void SetUpRead()
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, "read-500x25y.db");
        _readStore = new SqliteMarketDataStore(path);
        var list = _readStore.ListAsync().GetAwaiter().GetResult();
        if (list.Count == ReadSymbols && list.All(s => s.BarCount == DailyBarsPerSeries))
        {
            return;
        }

        var all = MakeSeries(ReadSymbols, DailyBarsPerSeries);
        for (var start = 0; start < all.Length; start += 50)
        {
            _readStore.WriteAsync(new MarketDataBatch(all[start..Math.Min(start + 50, all.Length)], [])).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup(Targets = [nameof(ReadDailySeriesInRange), nameof(ReadDailySeriesOpenEnded), nameof(ListSeries)])]
    public void CloseRead() => _readStore?.Dispose();

    [Benchmark(OperationsPerInvoke = DailyBarsPerSeries, Description = "read 25y daily, from..to, per bar")]
    public int ReadDailySeriesInRange() =>
        _readStore!.ReadBarsAsync(Symbol.Parse("S250"), Interval.Daily, new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            .GetAwaiter().GetResult().Count;

    [Benchmark(OperationsPerInvoke = DailyBarsPerSeries, Description = "read 25y daily, open range, per bar")]
    public int ReadDailySeriesOpenEnded() =>
        _readStore!.ReadBarsAsync(Symbol.Parse("S250"), Interval.Daily).GetAwaiter().GetResult().Count;

    [Benchmark(Description = "list 500 series of 3.2M bars")]
    public int ListSeries() => _readStore!.ListAsync().GetAwaiter().GetResult().Count;

    /// <summary>Business-day-like daily series (every day, which the store does not care about) with random walks.</summary>
    private static BarSeries[] MakeSeries(int symbols, int barsPerSeries)
    {
        var random = new Random(42);
        var start = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        var result = new BarSeries[symbols];
        for (var s = 0; s < symbols; s++)
        {
            var time = new DateTime[barsPerSeries];
            var open = new double[barsPerSeries];
            var high = new double[barsPerSeries];
            var low = new double[barsPerSeries];
            var close = new double[barsPerSeries];
            var volume = new double[barsPerSeries];
            var price = 50 + (random.NextDouble() * 100);
            for (var i = 0; i < barsPerSeries; i++)
            {
                time[i] = start.AddDays(i);
                open[i] = price;
                price *= 1 + ((random.NextDouble() - 0.5) * 0.04);
                close[i] = price;
                high[i] = Math.Max(open[i], close[i]) * 1.01;
                low[i] = Math.Min(open[i], close[i]) * 0.99;
                volume[i] = Math.Round(random.NextDouble() * 1e7);
            }

            result[s] = new BarSeries(Symbol.Parse($"S{s:D3}"), Interval.Daily, time, open, high, low, close, volume);
        }

        return result;
    }
}
