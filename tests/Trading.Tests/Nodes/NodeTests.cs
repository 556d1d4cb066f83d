using System.Text;
using Trading.Backtesting;
using Trading.Data;
using Trading.Data.Storage.Sqlite;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Execution;
using Trading.Journal;
using Trading.Nodes;
using Trading.Risk;
using Trading.Strategies;
using Trading.Tests.Data.Storage;

namespace Trading.Tests.Nodes;

/// <summary>A trading node over a replay feed: the same fills as a backtest of the period, a journal that replays to
/// the same state, risk refusals as order events, a halt that survives a restart, one driver per node.</summary>
public sealed class NodeTests : IDisposable
{
    private static readonly DateOnly From = new(2016, 1, 1);
    private readonly TemporaryDirectory _directory = new();
    private readonly string _path;
    private readonly SqliteMarketDataStore _store;
    private readonly SqliteJournalStore _journal;
    private readonly MarketDataBatch _market;

    public NodeTests()
    {
        _path = Path.Combine(_directory.Path, "node.db");
        _store = new SqliteMarketDataStore(_path);
        _journal = new SqliteJournalStore(_path);
        _market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 10, From = From, To = new DateOnly(2018, 12, 31), Seed = 11 });
        _store.WriteAsync(_market).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _journal.Dispose();
        _store.Dispose();
        _directory.Dispose();
    }

    private IReadOnlyList<BarSeries> Stocks => [.. _market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol)];

    private NodeDefinition Definition(string strategy, IReadOnlyDictionary<string, string> parameters, RiskLimits? risk = null) => new()
    {
        Id = "test-node",
        Strategy = strategy,
        Parameters = parameters,
        Symbols = [.. Stocks.Select(s => s.Symbol.Value)],
        MarketIndex = SyntheticMarket.IndexSymbol.Value,
        From = From,
        CommissionRate = 0.001m,
        SlippageBps = 5,
        Risk = risk ?? RiskLimits.None,
    };

    private NodeServices Services(string? owner = null) => new()
    {
        Store = _store,
        Journal = _journal,
        Feeds = d => NodeFeed.Replay(d, _store, TimeProvider.System),
        Owner = owner ?? NodeOwner.ThisProcess(),
    };

    private Task<TradingNode> NodeAsync(NodeDefinition definition, NodeServices? services = null) =>
        TradingNode.CreateAsync(definition, services ?? Services(), From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private async Task<List<JournalRecord>> JournalAsync()
    {
        var records = new List<JournalRecord>();
        await foreach (var record in _journal.ReadAsync("test-node"))
        {
            records.Add(record);
        }

        return records;
    }

    public static TheoryData<string, string> Strategies() => new()
    {
        { "momentum", "lookback_period=40,top_percentage=0.3" },
        { "sma_cross", "fast=5,slow=20" },
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_node_replayed_over_a_period_fills_as_a_backtest_of_that_period_fill_by_fill(string strategy, string parameters)
    {
        var values = parameters.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var node = await NodeAsync(Definition(strategy, values));

        await node.RunAsync();

        var definition = StrategyRegistry.Default.Find(strategy);
        var bound = definition.Bind(values);
        var backtest = BacktestEngine.Run(
            strategy,
            definition.Create(bound),
            bound,
            new BacktestInput(Stocks, _market.Actions) { MarketIndex = _market.Series.Single(s => s.Symbol == SyntheticMarket.IndexSymbol) },
            new BacktestSettings { Venue = new VenueSettings { Commission = new PercentOfValueCommission(0.001m), Slippage = new FixedBasisPointsSlippage(5) } });
        var fills = await node.ReadAsync(e => e.Fills.ToList());
        Assert.True(backtest.Fills.Count > 20, $"{backtest.Fills.Count} fills");
        Assert.Equal(backtest.Fills, fills);
        Assert.Equal(backtest.FinalEquity, node.Status.Equity);
        Assert.Equal("finished", node.Status.State);

        // The journal holds each fill as the backtest made it.
        var journaled = (await JournalAsync()).Where(r => r.Kind == StepRecord.Kinds.Fill).ToList();
        Assert.Equal(backtest.Fills.Count, journaled.Count);
        var first = Encoding.UTF8.GetString(journaled[0].Payload.Span);
        Assert.Contains($"\"symbol\":\"{backtest.Fills[0].Symbol}\"", first, StringComparison.Ordinal);
        Assert.Contains($"\"quantity\":{backtest.Fills[0].Quantity}", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_started_again_replays_its_journal_and_appends_nothing_for_steps_it_has()
    {
        var definition = Definition("sma_cross", new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" });
        var first = await NodeAsync(definition);
        await first.RunAsync();
        var journal = await JournalAsync();

        var again = await NodeAsync(definition);
        await again.RunAsync();

        Assert.Equal(journal.Count, (await JournalAsync()).Count);
        Assert.Equal(first.Status.Equity, again.Status.Equity);
        Assert.Equal(first.Status.Steps, again.Status.Steps);
        Assert.Equal(await first.ReadAsync(e => e.Fills.ToList()), await again.ReadAsync(e => e.Fills.ToList()));
    }

    [Fact]
    public async Task A_stored_bar_changed_after_the_node_stepped_it_stops_the_recovery_naming_the_step()
    {
        var definition = Definition("sma_cross", new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" });
        await (await NodeAsync(definition)).RunAsync();
        var stock = Stocks[0];
        var bar = stock[100];
        var changed = new BarSeriesBuilder(1);
        changed.Add(bar with { Close = bar.Low + ((bar.High - bar.Low) / 3) });
        await _store.WriteAsync(new MarketDataBatch([changed.ToSeries(stock.Symbol, Interval.Daily)], []));

        var error = await Assert.ThrowsAsync<NodeRecoveryException>(async () => await (await NodeAsync(definition)).RunAsync());

        Assert.Contains(bar.Time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("stored bars at that time differ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_above_the_maximum_order_value_is_a_rejected_order_with_the_risk_reason()
    {
        var definition = Definition("buy_and_hold", new Dictionary<string, string>(), new RiskLimits { MaxOrderValue = 5_000m });
        var node = await NodeAsync(definition);

        await node.RunAsync();

        var orders = await node.ReadAsync(e => e.Venue.Orders.ToList());
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Equal(OrderStatus.Rejected, o.Status));
        Assert.Contains("maximum order value", orders[0].Events[^1].Reason, StringComparison.Ordinal);
        var events = (await JournalAsync()).Where(r => r.Kind == StepRecord.Kinds.OrderEvent).Select(r => Encoding.UTF8.GetString(r.Payload.Span)).ToList();
        Assert.Contains(events, e => e.Contains("Rejected", StringComparison.Ordinal) && e.Contains("maximum order value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_halted_node_is_still_halted_after_a_restart_and_refuses_orders_until_resumed()
    {
        var definition = Definition("sma_cross", new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" }) with { To = new DateOnly(2016, 6, 30) };
        var node = await NodeAsync(definition);
        await node.RunAsync();
        Assert.True(await node.HaltAsync("a person pressed the kill switch"));

        var restarted = await NodeAsync(definition with { To = null });
        await restarted.RunAsync();

        Assert.True(restarted.Status.Halted);
        Assert.Equal("a person pressed the kill switch", restarted.Status.Reason);
        var after = await restarted.ReadAsync(e => e.Venue.Orders.Where(o => o.SubmittedAt > new DateTime(2016, 7, 1, 0, 0, 0, DateTimeKind.Utc)).ToList());
        Assert.NotEmpty(after);
        Assert.All(after, o => Assert.Equal(OrderStatus.Rejected, o.Status));
    }

    [Fact]
    public async Task Two_drivers_of_one_node_never_run_at_once()
    {
        var definition = Definition("sma_cross", new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" });
        await _journal.TryAcquireLeaseAsync("test-node", "elsewhere:1:abc", TimeSpan.FromMinutes(5), DateTime.UtcNow);

        var error = await Assert.ThrowsAsync<NodeBusyException>(async () => await (await NodeAsync(definition)).RunAsync());

        Assert.Contains("elsewhere:1:abc", error.Message, StringComparison.Ordinal);
        Assert.Empty(await JournalAsync());
    }

    [Fact]
    public async Task A_store_outage_pauses_the_node_and_it_goes_on_when_the_store_returns_with_nothing_lost_or_doubled()
    {
        var definition = Definition("sma_cross", new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" });
        var flaky = new FlakyJournal(_journal, failFrom: 40, failures: 3);
        var node = await NodeAsync(definition, Services() with { Journal = flaky });
        var paused = false;
        var running = node.RunAsync();
        while (!running.IsCompleted)
        {
            paused |= node.Status.State == "paused";
            await Task.Delay(5);
        }

        await running;
        Assert.True(flaky.Failed == 3, $"{flaky.Failed} failed appends");
        Assert.True(paused, "the node never said it was paused");
        var journal = await JournalAsync();
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(r => r.Sequence));

        // The same journal as a run without an outage.
        using var other = new TemporaryDirectory();
        var path = Path.Combine(other.Path, "other.db");
        using var store = new SqliteMarketDataStore(path);
        using var journalStore = new SqliteJournalStore(path);
        await store.WriteAsync(_market);
        var clean = await TradingNode.CreateAsync(definition, new NodeServices { Store = store, Journal = journalStore, Feeds = d => NodeFeed.Replay(d, store, TimeProvider.System) }, From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        await clean.RunAsync();
        var expected = new List<JournalRecord>();
        await foreach (var record in journalStore.ReadAsync("test-node"))
        {
            expected.Add(record);
        }

        Assert.Equal(expected, journal);
    }

    /// <summary>A journal whose appends fail for a while, as a store that went away and came back.</summary>
    private sealed class FlakyJournal(IJournalStore inner, int failFrom, int failures) : IJournalStore
    {
        private int _appends;

        public int Failed { get; private set; }

        public Task AppendAsync(string nodeId, string leaseOwner, long expectedNextSequence, IReadOnlyList<JournalRecordDraft> entries, DateTime now, CancellationToken cancellationToken = default)
        {
            if (++_appends >= failFrom && Failed < failures)
            {
                Failed++;
                throw new Trading.Data.Storage.MarketDataStoreException("the store is unavailable (test)");
            }

            return inner.AppendAsync(nodeId, leaseOwner, expectedNextSequence, entries, now, cancellationToken);
        }

        public IAsyncEnumerable<JournalRecord> ReadAsync(string nodeId, long afterSequence = 0, CancellationToken cancellationToken = default) => inner.ReadAsync(nodeId, afterSequence, cancellationToken);

        public Task<long> LastSequenceAsync(string nodeId, CancellationToken cancellationToken = default) => inner.LastSequenceAsync(nodeId, cancellationToken);

        public Task<bool> TryAcquireLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default) => inner.TryAcquireLeaseAsync(nodeId, owner, duration, now, cancellationToken);

        public Task<bool> RenewLeaseAsync(string nodeId, string owner, TimeSpan duration, DateTime now, CancellationToken cancellationToken = default) => inner.RenewLeaseAsync(nodeId, owner, duration, now, cancellationToken);

        public Task<bool> ReleaseLeaseAsync(string nodeId, string owner, CancellationToken cancellationToken = default) => inner.ReleaseLeaseAsync(nodeId, owner, cancellationToken);

        public Task<JournalLease?> ReadLeaseAsync(string nodeId, CancellationToken cancellationToken = default) => inner.ReadLeaseAsync(nodeId, cancellationToken);
    }
}
