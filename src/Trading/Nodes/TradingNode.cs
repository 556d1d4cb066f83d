using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trading.Backtesting;
using Trading.Domain;
using Trading.Engine;
using Trading.Execution;
using Trading.Feeds;
using Trading.Risk;
using Trading.Strategies;

namespace Trading.Nodes;

/// <summary>A strategy running forward: the engine's step driven by a feed, each step journaled in one transaction,
/// the journal replayed on start so that a node killed at any point comes back exactly where its journal ends.</summary>
/// <remarks>
/// <para>Start: take the node's lease in the store (two processes never drive one node), read the journal, and run
/// the engine again over the stored bars of every journaled step and every journaled command, checking that each
/// step writes exactly the entries the journal holds (the same orders, events, fills, transactions and equity, byte
/// for byte). Any difference (a stored bar changed since, another version of a strategy) stops the node with the step
/// and entry named: it fails closed rather than trade from a state it cannot explain. The strategy's own state comes
/// back with it, which rebuilding only the ledger would not give.</para>
/// <para>Then the feed resumes after the last journaled step. Each slice is stepped and its entries appended in one
/// transaction that also checks the lease (fencing). A step whose append fails for a store outage is retried until it
/// is stored; the node does not step further meanwhile. If the process dies before the append commits, the step is
/// simply run again from the feed on restart, with the same result.</para>
/// <para>Commands (halt, resume) run between steps under the same gate and are journaled with their effects.</para>
/// </remarks>
public sealed partial class TradingNode
{
    private readonly NodeDefinition _definition;
    private readonly NodeServices _services;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FeedTimeline _timeline;
    private readonly TradingEngine _engine;
    private readonly StepRecord _record;
    private readonly PreTradeRisk _risk;
    private readonly Interval _interval;
    private readonly Symbol[] _universe;
    private readonly Symbol? _indexSymbol;
    private readonly BarSeriesBuilder? _index;
    private readonly ILogger _logger;
    private readonly List<OrderEvent> _published = [];

    // A manual node steps a symbol from its first order on (null: every symbol, from the start).
    private readonly bool[]? _active;

    // Where this node's journal begins: entries before it belong to an earlier life of the journal (a reset paper
    // account) and are not replayed.
    private readonly long _journalStart;

    private IBarFeed? _feed;
    private long _nextSequence;
    private long _steps;
    private DateTime? _lastStep;
    private DateTime? _clockMoved;
    private bool _engineStarted;
    private string? _stale;
    private string _state = "starting";
    private string? _reason;
    private string? _lastEvent;
    private DateTime _leaseRenewedAt;
    private bool _holdsLease;
    private bool _recovered;
    private volatile bool _leaseLost;
    private NodeStatus _account = null!;

    private TradingNode(NodeDefinition definition, NodeServices services, BarSeries? index, IReadOnlyList<CorporateAction> actions, DateTime opened, long journalStart)
    {
        _definition = definition;
        _journalStart = journalStart;
        _nextSequence = journalStart + 1;
        _services = services;
        _logger = services.Logger ?? NullLogger.Instance;
        _interval = Interval.Parse(definition.Interval);
        _universe = [.. definition.Universe];
        _indexSymbol = definition.MarketIndex is { } name ? Symbol.Parse(name) : null;
        IStrategy strategy;
        if (definition.Strategy == NodeDefinition.Manual)
        {
            strategy = new ManualOrders();
            _active = new bool[_universe.Length];
        }
        else
        {
            var strategyDefinition = services.Strategies.Find(definition.Strategy);
            strategy = strategyDefinition.Create(strategyDefinition.Bind(definition.Parameters));
        }

        var settings = new BacktestSettings
        {
            InitialCash = definition.InitialCash,
            Venue = new VenueSettings
            {
                Commission = definition.CommissionRate > 0 ? new PercentOfValueCommission(definition.CommissionRate) : new ZeroCommission(),
                Slippage = definition.SlippageBps > 0 ? new FixedBasisPointsSlippage(definition.SlippageBps) : new NoSlippage(),

                // '/' is in no client's id, so the node's own names never meet one.
                ClientOrderIdPrefix = definition.Id + "/",
            },
        };
        _timeline = new FeedTimeline(_universe, _interval);
        _risk = new PreTradeRisk(definition.Risk, NyseCalendar.Instance);
        if (index is not null)
        {
            _index = new BarSeriesBuilder(index.Count + 64);
            for (var i = 0; i < index.Count; i++)
            {
                _index.Add(index[i]);
            }
        }

        IRiskAccount? account = null;
        _engine = new TradingEngine(
            strategy,
            _timeline,
            settings,
            actions,
            opened,
            _index?.View(_indexSymbol!.Value, _interval),
            venue: (ledger, universe) =>
            {
                var venue = new SimulatedVenue(settings.Venue, new RiskCheckedFunding(ledger, _risk, () => account!, () => _timeline.Time), universe);
                account = new LedgerRiskAccount(ledger, venue);
                return venue;
            });
        _engine.Venue.OrderChanged += e => _published.Add(e);
        _record = new StepRecord(_engine, _timeline);
        Snapshot();
    }

    /// <summary>The definition the node runs.</summary>
    public NodeDefinition Definition => _definition;

    /// <summary>Makes a node from its definition: the strategy and its parameters are checked, and the market index
    /// and the corporate actions still to come are read from the store.</summary>
    /// <param name="created">When the node was first made (kept in its record). The account opens (its deposit's
    /// time) on the definition's first day, else on the first stored bar of a replay, else then: the same on every
    /// restart, so the deposit journaled first replays the same.</param>
    /// <param name="journalStart">The journal's last entry before this node's first (0: the node's journal is all of it).</param>
    /// <exception cref="ArgumentException">The definition is not valid (with the reason).</exception>
    public static async Task<TradingNode> CreateAsync(NodeDefinition definition, NodeServices services, DateTime created, CancellationToken cancellationToken = default, long journalStart = 0)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(services);
        if (definition.Problem(systemId: true) is { } problem)
        {
            throw new ArgumentException(problem, nameof(definition));
        }

        if (definition.Strategy != NodeDefinition.Manual && !services.Strategies.TryFind(definition.Strategy, out _))
        {
            throw new ArgumentException($"no strategy named '{definition.Strategy}'; the strategies are {string.Join(", ", services.Strategies.All.Select(d => d.Name))}", nameof(definition));
        }

        var interval = Interval.Parse(definition.Interval);
        BarSeries? index = null;
        if (definition.MarketIndex is { } name)
        {
            // All of the index that is stored: the strategy sees only what is at or before its clock, as in a backtest.
            index = await services.Store.ReadBarsAsync(Symbol.Parse(name), interval, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var actions = new List<CorporateAction>();
        var from = definition.From;
        foreach (var symbol in definition.Universe)
        {
            actions.AddRange(await services.Store.ReadActionsAsync(symbol, from?.AddDays(1), cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        var opened = DateTime.SpecifyKind(created, DateTimeKind.Utc);
        if (definition.From is { } day)
        {
            opened = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
        else if (definition.Feed == "replay" && definition.Strategy != NodeDefinition.Manual)
        {
            var universe = definition.Universe.ToHashSet();
            var stored = (await services.Store.ListAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.Interval == interval && universe.Contains(s.Symbol)).ToList();
            if (stored.Count > 0)
            {
                opened = stored.Min(s => s.First);
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(journalStart);
        return new TradingNode(definition, services, index, actions, opened, journalStart);
    }

    /// <summary>Where the node is now.</summary>
    public NodeStatus Status
    {
        get
        {
            // The account's figures as of the last step or command (the engine is the step's alone while it runs);
            // the run state as it is now.
            var account = Volatile.Read(ref _account);
            var halted = account.Halted;
            return account with
            {
                State = halted && _state == "running" ? "halted" : _state,
                Reason = halted ? account.Reason : _reason,
                Feed = _feed?.Status,
            };
        }
    }

    /// <summary>The node's clock: its last step, or later when a command moved it on past bar times that held no bar
    /// (the paper account advanced over a weekend); commands are stamped with it. Null before either.</summary>
    public DateTime? Clock => _clockMoved > _lastStep || _lastStep is null ? _clockMoved : _lastStep;

    /// <summary>Takes the account's figures for <see cref="Status"/>; between steps, under the gate.</summary>
    private void Snapshot() => Volatile.Write(ref _account, new NodeStatus
    {
        Id = _definition.Id,
        State = _state,
        Halted = _risk.IsHalted,
        Time = _lastStep,
        Equity = _engine.Ledger.Equity,
        Cash = _engine.Ledger.Cash,
        Positions = _engine.Ledger.OpenPositions.Count,
        WorkingOrders = _engine.Venue.WorkingOrderCount,
        Steps = _steps,
        JournalSequence = _nextSequence - 1,
        LastEvent = _lastEvent,
        Reason = _risk.HaltReason,
    });

    /// <summary>The engine, for reads (positions, orders, fills, equity); only between steps, under <see cref="ReadAsync"/>.</summary>
    public async Task<T> ReadAsync<T>(Func<TradingEngine, T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read(_engine);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs the node until the feed ends or <paramref name="cancellationToken"/> stops it (a clean stop:
    /// the step under way finishes and is journaled).</summary>
    /// <exception cref="NodeBusyException">Another process holds the node's lease.</exception>
    /// <exception cref="NodeRecoveryException">The journal cannot be replayed to the same result.</exception>
    public Task RunAsync(CancellationToken cancellationToken = default) => RunAsync(null, cancellationToken);

    /// <summary>Runs the node as <see cref="RunAsync(CancellationToken)"/> does, stepping only bar times up to
    /// <paramref name="until"/>: a replay driven by a person (the paper account's advance). A time at or before the
    /// node's clock steps nothing: the node is only opened (its journal replayed).</summary>
    public async Task RunAsync(DateTime? until, CancellationToken cancellationToken)
    {
        var journal = _services.Journal;
        var id = _definition.Id;
        ThrowIfStale();
        await TakeLeaseAsync(cancellationToken).ConfigureAwait(false);
        _leaseRenewedAt = Now();
        _holdsLease = true;

        // The lease is renewed while the node waits for its next bar too (a daily node waits a night): losing it to
        // another process ends the run, as an append under a lost lease would be refused anyway.
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeping = KeepLeaseAsync(running);
        try
        {
            if (!_recovered)
            {
                _state = "recovering";
                await RecoverAsync(running.Token).ConfigureAwait(false);
                StartEngineOnce();
                _recovered = true;
            }

            _state = "running";
            if (until is null || (_universe.Length > 0 && until > (Clock ?? DateTime.MinValue)))
            {
                await FollowFeedAsync(until, running.Token).ConfigureAwait(false);
            }

            running.Token.ThrowIfCancellationRequested();
            _state = "finished";
        }
        catch (OperationCanceledException) when (_leaseLost)
        {
            _state = "failed";
            _reason = $"node {id} lost its lease to another process";
            throw new NodeBusyException(id, await journal.ReadLeaseAsync(id, CancellationToken.None).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _state = "stopped";
        }
        catch (Exception e)
        {
            _state = "failed";
            _reason = e.Message;
            throw;
        }
        finally
        {
            await running.CancelAsync().ConfigureAwait(false);
            await keeping.ConfigureAwait(false);
            _holdsLease = false;
            await ReleaseLeaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Replays the journal into the node without taking its lease or following its feed: a read of what the
    /// journal holds, for a node driven by requests (the paper account). Its commands then take the lease, and an
    /// append finds out if another process wrote meanwhile.</summary>
    /// <exception cref="NodeRecoveryException">The journal cannot be replayed to the same result.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_recovered)
            {
                _state = "recovering";
                await RecoverAsync(cancellationToken).ConfigureAwait(false);
                StartEngineOnce();
                _recovered = true;
                _state = "open";
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartEngineOnce()
    {
        if (!_engineStarted)
        {
            _engineStarted = true;
            _engine.Start();
        }
    }

    /// <summary>A write that failed after the engine changed leaves the node ahead of its journal: it may not go on.</summary>
    private void ThrowIfStale()
    {
        if (_stale is { } why)
        {
            throw new InvalidOperationException($"node {_definition.Id} is ahead of its journal ({why}); start it again to replay the journal");
        }
    }

    private DateTime Now() => _services.Clock.GetUtcNow().UtcDateTime;
}
