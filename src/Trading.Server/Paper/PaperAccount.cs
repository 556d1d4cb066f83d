using Microsoft.Extensions.Options;
using Trading.Backtesting;
using Trading.Data;
using Trading.Domain;
using Trading.Engine;
using Trading.Execution;
using Trading.Journal;
using Trading.Nodes;
using Trading.Server.Hosting;

namespace Trading.Server.Paper;

/// <summary>The paper account: a trading node traded by hand (<see cref="NodeDefinition.Manual"/>) over stored daily
/// bars, journaled in the store like every node, so that it survives a restart or a kill -9 exactly as it was.</summary>
/// <remarks>
/// <para>The rule: an order is stamped at the account's clock and priced (for the cash check) at the last stored close
/// at or before it. Nothing fills until the account is advanced (<see cref="AdvanceAsync"/>): then the node replays
/// the stored bars newer than the clock, up to the date asked for or the last stored bar, through the engine's step
/// (splits and dividends first, fills at the open or when the range reaches a price, positions marked at the close,
/// day orders expiring at the session's end), and the clock moves on. So an order never fills on a bar it could have
/// seen, and bars fetched or imported later are processed on the next advance.</para>
/// <para>The clock starts at a reset's <c>start_date</c>, else at a rebalance's decision date or at the first order's
/// symbol's last stored bar. The node trades the symbols ordered since the last reset; an order of another symbol
/// makes a new node of the larger universe from the same journal (a replay of the account's life, proven entry by
/// entry).</para>
/// <para>The journal (node id <see cref="JournalId"/>) holds the account's lives one after another: a reset is an
/// entry that ends one, and the node replays only what follows the last. What is in memory is the journal's replay,
/// nothing more: a write that fails drops it, and a journal that grew in another process is read again before the
/// next request, so two servers on one database never answer from a stale account.</para>
/// <para>One request at a time changes or reads it (a semaphore); <see cref="HoldAsync"/> keeps it for a whole
/// decision (read, plan, cancel, submit) so nothing interleaves.</para>
/// </remarks>
internal sealed partial class PaperAccount : IDisposable
{
    /// <summary>The paper account's node id: a leading '_' is the system's, so no node of a person can share it.</summary>
    public const string JournalId = "_paper";

    /// <summary>The entry that ends one life of the account and begins the next.</summary>
    public const string ResetKind = "reset";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IMarketDataStore _store;
    private readonly IJournalStore _journal;
    private readonly TimeProvider _clock;
    private readonly IOrderEventPublisher _events;
    private readonly ILogger<PaperAccount> _logger;
    private readonly decimal _defaultCash;
    private readonly string _owner = NodeOwner.ThisProcess();
    private TradingNode? _node;
    private PaperLife _life = null!;

    public PaperAccount(IMarketDataStore store, IJournalStore journal, TimeProvider clock, IOptions<ServerOptions> options, IOrderEventPublisher events, ILogger<PaperAccount> logger)
    {
        _store = store;
        _journal = journal;
        _events = events;
        _logger = logger;
        _clock = clock;
        _defaultCash = options.Value.PaperInitialCash;
    }

    /// <summary>The paper account trades daily bars.</summary>
    public static Interval Interval => Interval.Daily;

    public void Dispose() => _gate.Dispose();

    /// <summary>Runs <paramref name="read"/> with the account to itself.</summary>
    public async Task<T> ReadAsync<T>(Func<PaperAccountState, T> read, CancellationToken cancellationToken)
    {
        return await ExclusiveAsync(
            async () =>
            {
                var node = await CurrentAsync(cancellationToken).ConfigureAwait(false);
                return await node.ReadAsync(engine => read(State(engine)), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts over with <paramref name="cash"/> (or the configured amount) and the clock at the end of
    /// <paramref name="start"/> (or unset until the first order). The life before stays in the journal.</summary>
    public async Task ResetAsync(decimal? cash, DateOnly? start, CancellationToken cancellationToken)
    {
        await ExclusiveAsync(
            async () =>
            {
                await StartOverAsync(new PaperLife(cash ?? _defaultCash, start, JournalRule.ToStored(_clock.GetUtcNow().UtcDateTime), 0), cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits an order at the account's clock; the result names a problem when it cannot be submitted
    /// (no stored price for the symbol, a malformed order). A refusal by the account is not a problem: the order
    /// exists, rejected, with the reason. An order whose client order id the account has seen is not submitted
    /// again: the order it named is returned, <c>Repeated</c>.</summary>
    public async Task<(OrderTicket? Ticket, bool Repeated, IResult? Problem)> SubmitAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        return await ExclusiveAsync<(OrderTicket? Ticket, bool Repeated, IResult? Problem)>(
            async () =>
            {
                var node = await CurrentAsync(cancellationToken).ConfigureAwait(false);
                if (order.ClientOrderId is { } clientOrderId && await node.ReadAsync(e => e.Venue.FindByClientOrderId(clientOrderId), cancellationToken).ConfigureAwait(false) is { } sent)
                {
                    return (sent, true, null);
                }

                var clock = AsOf(node);
                var bars = await _store.ReadBarsAsync(order.Symbol, Interval, null, clock, cancellationToken).ConfigureAwait(false);
                if (bars.IsEmpty)
                {
                    var when = clock is { } t ? $" at or before the account's clock ({t:yyyy-MM-dd})" : string.Empty;
                    return (null, false, ApiProblem.Field(StatusCodes.Status404NotFound, "symbol", $"no stored {Interval} bars of {order.Symbol}{when} to price the order; import or fetch them first"));
                }

                // A stored price or date the venue cannot account for is refused before the clock or the book changes.
                var close = bars.Close[^1];
                if (!BarPrice.IsTradable(close) || DateOnly.FromDateTime(bars.LastTime) > BacktestEngine.LastDate)
                {
                    return (null, false, ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, "symbol", Unaccountable(order.Symbol, bars.LastTime, close)));
                }

                // The first order starts the clock at the last bar it could have seen; a malformed one changes nothing.
                try
                {
                    var results = await SendAsync(clock ?? EndOfDay(bars.LastTime), [], [(order, BarPrice.ToDecimal(close))], cancellationToken).ConfigureAwait(false);
                    return (results.Submitted[0], false, null);
                }
                catch (ArgumentException e)
                {
                    return (null, false, ApiProblem.Field(StatusCodes.Status400BadRequest, "body", e.Message));
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels an order that can still fill; null when there is no such order, false when it is done.</summary>
    public async Task<(OrderTicket? Ticket, bool Cancelled)> CancelAsync(long id, CancellationToken cancellationToken)
    {
        return await ExclusiveAsync<(OrderTicket? Ticket, bool Cancelled)>(
            async () =>
            {
                var node = await CurrentAsync(cancellationToken).ConfigureAwait(false);
                var ticket = await node.ReadAsync(e => e.Venue.Find(id), cancellationToken).ConfigureAwait(false);
                if (ticket is null || ticket.Status.IsTerminal())
                {
                    return (ticket, false);
                }

                var results = await SendAsync(AsOf(node) ?? JournalRule.ToStored(_clock.GetUtcNow().UtcDateTime), [id], [], cancellationToken).ConfigureAwait(false);
                return (ticket, results.Cancelled.Count == 1);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replays the stored bars after the clock, up to the end of <paramref name="to"/> (or the last stored
    /// bar), through the node's engine, and moves the clock on. Returns the fills it made and the bar times it
    /// stepped.</summary>
    public async Task<(IReadOnlyList<Fill> Fills, int Times, DateTime? AsOf)> AdvanceAsync(DateOnly? to, CancellationToken cancellationToken)
    {
        return await ExclusiveAsync<(IReadOnlyList<Fill> Fills, int Times, DateTime? AsOf)>(
            async () =>
            {
                var node = await CurrentAsync(cancellationToken).ConfigureAwait(false);
                var until = to is { } day ? EndOfDay(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) : (DateTime?)null;
                if (AsOf(node) is not { } from)
                {
                    if (until is { } first)
                    {
                        await SendAsync(first, [], [], cancellationToken).ConfigureAwait(false);
                    }

                    return ([], 0, AsOf(_node ?? node));
                }

                if (until <= from)
                {
                    return ([], 0, from);
                }

                // Refused (422 by the exception handler) before any bar is replayed: nothing is half-applied.
                foreach (var symbol in node.Definition.Universe)
                {
                    var bars = await _store.ReadBarsAsync(symbol, Interval, from.AddTicks(1), until, cancellationToken).ConfigureAwait(false);
                    BacktestEngine.CheckAccountable(bars);
                }

                // The node's clock is where the account's is, so that its replay begins after it.
                await SendAsync(from, [], [], cancellationToken).ConfigureAwait(false);
                node = _node!;
                var (fillsBefore, stepsBefore) = await node.ReadAsync(e => (e.Fills.Count, e.EquityCurve.Count), cancellationToken).ConfigureAwait(false);
                if (node.Definition.Symbols.Count > 0)
                {
                    await Guarded(() => node.RunAsync(until ?? DateTime.MaxValue, cancellationToken)).ConfigureAwait(false);
                }

                var (fills, steps) = await node.ReadAsync(e => (e.Fills.Skip(fillsBefore).ToArray(), e.EquityCurve.Count - stepsBefore), cancellationToken).ConfigureAwait(false);
                var after = until ?? (node.Status.Time is { } last ? EndOfDay(last) : from);
                await SendAsync(after, [], [], cancellationToken).ConfigureAwait(false);
                return (fills, steps, AsOf(_node!));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> with the account to itself. Another process writing the same journal at
    /// that moment (a second server on the database holds its lease for a command, or wrote first) makes the work run
    /// again on the journal as it now is, a few times over about two seconds, before the 409 says so.</summary>
    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await work().ConfigureAwait(false);
                }
                catch (Exception e) when (e is NodeBusyException or JournalConflictException && attempt < 20)
                {
                    _node = null;
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 5 + (10 * attempt))), _clock, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Cancels <paramref name="cancels"/> and submits <paramref name="orders"/> (each priced for the cash
    /// check at its close) at <paramref name="clock"/>, journaled together in one transaction: all or nothing. A clock
    /// later than the account's moves it on first. An order of a symbol the node does not trade yet makes the node of
    /// the larger universe first.</summary>
    private async Task<(IReadOnlyList<OrderTicket> Cancelled, IReadOnlyList<OrderTicket> Submitted)> SendAsync(
        DateTime clock,
        IReadOnlyList<long> cancels,
        IReadOnlyList<(OrderRequest Order, decimal Close)> orders,
        CancellationToken cancellationToken)
    {
        if (_life.Sequence == 0)
        {
            // The account has never been written: its first life begins now, with the configured cash.
            await StartOverAsync(_life, cancellationToken).ConfigureAwait(false);
        }

        var node = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var symbols = node.Definition.Symbols;
        var added = orders.Select(o => o.Order.Symbol.Value).Where(s => !symbols.Contains(s)).Distinct().ToList();
        if (added.Count > 0)
        {
            node = await LoadAsync([.. symbols, .. added], cancellationToken).ConfigureAwait(false);
        }

        List<NodeCommand> commands = [NodeCommand.MoveClock(), .. cancels.Select(NodeCommand.Cancel), .. orders.Select(o => NodeCommand.Submit(o.Order, o.Close))];
        var results = await Guarded(() => node.RunCommandsAsync(commands, clock, cancellationToken)).ConfigureAwait(false);
        var cancelled = results.Skip(1).Take(cancels.Count).Where(r => r.Changed).Select(r => r.Ticket!).ToList();
        var submitted = results.Skip(1 + cancels.Count).Select(r => r.Ticket!).ToList();
        return (cancelled, submitted);
    }

    /// <summary>Ends the account's life in the journal with a reset entry and loads the next (empty) one. The life
    /// ended is not replayed: a reset is the way out of a journal that no longer replays (its bars changed since).</summary>
    private async Task StartOverAsync(PaperLife next, CancellationToken cancellationToken)
    {
        _node = null;
        _life = next with { Sequence = await _journal.LastSequenceAsync(JournalId, cancellationToken).ConfigureAwait(false) };
        var node = await LoadAsync([], cancellationToken).ConfigureAwait(false);
        var sequence = await Guarded(() => node.EndJournalAsync(ResetKind, next.ToJson(), next.Time, cancellationToken)).ConfigureAwait(false);
        _life = next with { Sequence = sequence };
        _node = null;
        await LoadAsync([], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The node as the journal has it now: read again when another process wrote since, or a write failed.</summary>
    private async Task<TradingNode> CurrentAsync(CancellationToken cancellationToken)
    {
        var last = await _journal.LastSequenceAsync(JournalId, cancellationToken).ConfigureAwait(false);
        if (_node is { } node && node.Status.JournalSequence == last)
        {
            return node;
        }

        // The journal's last life: the reset that began it and the symbols it has ordered.
        var life = new PaperLife(_defaultCash, null, JournalRule.ToStored(_clock.GetUtcNow().UtcDateTime), 0);
        var symbols = new List<string>();
        await foreach (var record in _journal.ReadAsync(JournalId, 0, cancellationToken).ConfigureAwait(false))
        {
            if (record.Kind == ResetKind)
            {
                life = PaperLife.FromJson(record.Payload, record.Sequence);
                symbols.Clear();
            }
            else if (record.Kind == NodeCommand.Kind && NodeCommand.FromJson(record.Payload).Order is { } order && !symbols.Contains(order.Symbol.Value))
            {
                symbols.Add(order.Symbol.Value);
            }
        }

        _life = life;
        return await LoadAsync(symbols, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the node of the current life over <paramref name="symbols"/> and replays its journal into it.</summary>
    private async Task<TradingNode> LoadAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        _node = null;
        var definition = new NodeDefinition
        {
            Id = JournalId,
            Strategy = NodeDefinition.Manual,
            Symbols = symbols,
            Interval = Interval.Code,
            From = _life.Start,
            InitialCash = _life.Cash,
        };
        var services = new NodeServices
        {
            Store = _store,
            Journal = _journal,
            Feeds = d => NodeFeed.Replay(d, _store, _clock),
            Clock = _clock,
            Owner = _owner,
            Events = _events,
            Logger = _logger,
        };
        var node = await TradingNode.CreateAsync(definition, services, _life.Time, cancellationToken, _life.Sequence).ConfigureAwait(false);
        try
        {
            await node.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NodeRecoveryException e)
        {
            throw new NodeRecoveryException($"the paper account cannot be replayed from its journal ({e.Message}); POST /api/v1/paper/reset starts a new one (the old stays in the journal)", e);
        }

        _node = node;
        return node;
    }

    /// <summary>Runs a write of the node; when it fails, what is in memory may be ahead of the journal, so it is
    /// dropped and the next request replays the journal.</summary>
    private async Task<T> Guarded<T>(Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch
        {
            _node = null;
            throw;
        }
    }

    private Task Guarded(Func<Task> write) => Guarded(async () =>
    {
        await write().ConfigureAwait(false);
        return true;
    });

    /// <summary>The account's clock: the node's, or the end of the reset's start day before the node has one.</summary>
    private DateTime? AsOf(TradingNode node) =>
        node.Clock ?? (_life.Start is { } start ? EndOfDay(start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) : null);

    private PaperAccountState State(TradingEngine engine) =>
        new(engine.Ledger, engine.Venue, engine.Fills, engine.EquityCurve, _node is { } node ? AsOf(node) : null);

    private static string Unaccountable(Symbol symbol, DateTime time, double close) =>
        BarPrice.IsTradable(close)
            ? $"{symbol}'s last stored bar is dated {time:yyyy-MM-dd}, after the last date the account's clock can reach ({BacktestEngine.LastDate:yyyy-MM-dd}); fix or delete the bar in the store"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{symbol}'s last stored close ({close:G} on {time:yyyy-MM-dd}) is outside the prices the venue accounts for ({BarPrice.Smallest:0.#E+0} to {BarPrice.Largest:0.#E+0}); fix or delete the bar in the store");

    // Daily bars are stamped at midnight; the clock stands at the end of the day it has seen (to the microsecond the
    // journal keeps), so an order placed then can fill from the next day's bar on.
    private static DateTime EndOfDay(DateTime time) => time.Date.AddDays(1).AddTicks(-10);
}
