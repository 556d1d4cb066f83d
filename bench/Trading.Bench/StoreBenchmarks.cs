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
        _insertBatch = new MarketDataBatch(SyntheticSeries.Make(InsertSeries, InsertBarsPerSeries), []);
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

        var all = SyntheticSeries.Make(ReadSymbols, DailyBarsPerSeries);
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
}
