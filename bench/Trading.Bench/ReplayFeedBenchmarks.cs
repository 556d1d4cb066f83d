using BenchmarkDotNet.Attributes;
using Trading.Data;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Feeds;

namespace Trading.Bench;

/// <summary>The replay feed at speed 0: 500 symbols x 5 years of daily bars (630,000 bars, 1,260 slices) merged into
/// slices and read to the end, from bars already in memory (the feed's own cost) and from a SQLite file (what a demo
/// or a test pays). Time is per bar (OperationsPerInvoke), so bars per second is 1e9 / Mean in ns.</summary>
[MemoryDiagnoser]
public class ReplayFeedBenchmarks
{
    private const int Symbols = 500;
    private const int BarsPerSymbol = 5 * 252;
    private const int Bars = Symbols * BarsPerSymbol;

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "trading-bench-feeds");

    private FeedRequest _request = null!;
    private ReplayFeed _fromMemory = null!;
    private ReplayFeed _fromSqlite = null!;
    private SqliteMarketDataStore? _sqlite;

    [GlobalSetup]
    public void Setup()
    {
        var series = SyntheticSeries.Make(Symbols, BarsPerSymbol);
        _request = new FeedRequest(series.Select(s => s.Symbol), Interval.Daily);
        _fromMemory = new ReplayFeed(new MemoryStore(series), TimeProvider.System);

        Directory.CreateDirectory(Folder);
        _sqlite = new SqliteMarketDataStore(Path.Combine(Folder, "replay-500x5y.db"));
        var stored = _sqlite.ListAsync().GetAwaiter().GetResult();
        if (stored.Count != Symbols || stored.Any(s => s.BarCount != BarsPerSymbol))
        {
            for (var start = 0; start < series.Length; start += 50)
            {
                _sqlite.WriteAsync(new MarketDataBatch(series[start..Math.Min(start + 50, series.Length)], [])).GetAwaiter().GetResult();
            }
        }

        _fromSqlite = new ReplayFeed(_sqlite, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => _sqlite?.Dispose();

    [Benchmark(OperationsPerInvoke = Bars, Description = "replay 500 x 5y daily from memory, speed 0, per bar")]
    public Task<long> ReplayFromMemory() => ReadAllAsync(_fromMemory);

    [Benchmark(OperationsPerInvoke = Bars, Description = "replay 500 x 5y daily from SQLite, speed 0, per bar")]
    public Task<long> ReplayFromSqlite() => ReadAllAsync(_fromSqlite);

    private async Task<long> ReadAllAsync(ReplayFeed feed)
    {
        long bars = 0;
        await foreach (var slice in feed.ReadAsync(_request))
        {
            bars += slice.Count;
        }

        return bars == Bars ? bars : throw new InvalidOperationException($"Replayed {bars} bars, not {Bars}.");
    }

    /// <summary>Series held in memory behind the store interface: reads are views of them.</summary>
    private sealed class MemoryStore(BarSeries[] series) : IMarketDataStore
    {
        private readonly Dictionary<Symbol, BarSeries> _bySymbol = series.ToDictionary(s => s.Symbol);

        public Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<BarSeries> ReadBarsAsync(Symbol symbol, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(_bySymbol.TryGetValue(symbol, out var s) && s.Interval == interval ? s.Between(from, to) : BarSeries.Empty(symbol, interval));

        public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(Symbol symbol, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CorporateAction>>([]);

        public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SeriesSummary>>([.. series.Select(s => new SeriesSummary(s.Symbol, s.Interval, s.FirstTime, s.LastTime, s.Count))]);
    }
}
