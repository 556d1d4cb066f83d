using BenchmarkDotNet.Attributes;
using Trading.Data.Storage.Sqlite;
using Trading.Data.Synthetic;
using Trading.Nodes;

namespace Trading.Bench;

/// <summary>A trading node as it runs: the replay feed over SQLite, the engine's step, and every step journaled in
/// its own transaction (500 synthetic stocks, five years of daily bars: 630,000 bar events); and the recovery of a
/// node whose journal holds about a million entries (read, replayed through the engine, compared byte for byte).</summary>
public class NodeBenchmarks
{
    private string _directory = null!;
    private SqliteMarketDataStore _store = null!;
    private SqliteJournalStore _journal = null!;
    private NodeDefinition _run = null!;
    private NodeDefinition _busy = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "trading-bench-nodes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "nodes.db");
        _store = new SqliteMarketDataStore(path);
        _journal = new SqliteJournalStore(path);
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 500, From = new DateOnly(2019, 1, 1), To = new DateOnly(2023, 12, 31) });
        _store.WriteAsync(market).GetAwaiter().GetResult();
        var symbols = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).Select(s => s.Symbol.Value).ToArray();
        Console.WriteLine($"// {market.BarCount:N0} bars stored");
        _run = new NodeDefinition { Id = "run", Strategy = "sma_cross", Symbols = symbols };

        // fast=1, slow=2 trades nearly every bar: about a million journal entries over the five years.
        _busy = new NodeDefinition { Id = "busy", Strategy = "sma_cross", Symbols = symbols, Parameters = new Dictionary<string, string> { ["fast"] = "1", ["slow"] = "2" } };
        var busy = Node(_busy);
        busy.RunAsync().GetAwaiter().GetResult();
        Console.WriteLine($"// the busy node's journal: {busy.Status.JournalSequence:N0} entries, {busy.Status.Steps:N0} steps");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _journal.Dispose();
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "node over a replay, journaled: 500 symbols x 5 years daily (630k bar events)")]
    public long ReplayJournaled()
    {
        var node = Node(_run with { Id = $"run-{_next++}" });
        node.RunAsync().GetAwaiter().GetResult();
        return node.Status.Steps;
    }

    [Benchmark(Description = "the same, journal discarded (feed, engine and entries only)")]
    public long ReplayUnjournaled()
    {
        var node = TradingNode.CreateAsync(
            _run with { Id = $"free-{_next++}" },
            new NodeServices { Store = _store, Journal = new DiscardingJournal(), Feeds = d => NodeFeed.Replay(d, _store, TimeProvider.System) },
            new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc)).GetAwaiter().GetResult();
        node.RunAsync().GetAwaiter().GetResult();
        return node.Status.Steps;
    }

    [Benchmark(Description = "the replay feed alone over SQLite")]
    public long FeedAlone()
    {
        var count = 0L;
        var feed = NodeFeed.Replay(_run, _store, TimeProvider.System);
        var enumerator = feed.ReadAsync(new Feeds.FeedRequest(_run.Universe, Domain.Interval.Daily)).GetAsyncEnumerator();
        while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            count += enumerator.Current.Count;
        }

        return count;
    }

    [Benchmark(Description = "recovery of a node with about 1M journal entries")]
    public long Recover()
    {
        var node = Node(_busy);
        node.RunAsync().GetAwaiter().GetResult();
        return node.Status.JournalSequence;
    }

    private TradingNode Node(NodeDefinition definition) =>
        TradingNode.CreateAsync(
            definition,
            new NodeServices { Store = _store, Journal = _journal, Feeds = d => NodeFeed.Replay(d, _store, TimeProvider.System) },
            new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc)).GetAwaiter().GetResult();

    /// <summary>A journal that keeps nothing: what a node costs besides its writes.</summary>
    private sealed class DiscardingJournal : Journal.IJournalStore
    {
        public Task AppendAsync(string nodeId, string leaseOwner, long expectedNextSequence, IReadOnlyList<Journal.JournalRecordDraft> entries, DateTime now, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async IAsyncEnumerable<Journal.JournalRecord> ReadAsync(string nodeId, long afterSequence = 0, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task<long> LastSequenceAsync(string nodeId, CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public Task<bool> TryAcquireLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task<bool> RenewLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task<bool> ReleaseLeaseAsync(string nodeId, string owner, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task<Journal.JournalLease?> ReadLeaseAsync(string nodeId, CancellationToken cancellationToken = default) => Task.FromResult<Journal.JournalLease?>(null);
    }
}
