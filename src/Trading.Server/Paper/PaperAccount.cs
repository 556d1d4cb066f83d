using Microsoft.Extensions.Options;
using Trading.Accounting;
using Trading.Backtesting;
using Trading.Data;
using Trading.Domain;
using Trading.Execution;
using Trading.Server.Hosting;

namespace Trading.Server.Paper;

/// <summary>A paper account: the simulated venue and the ledger of the backtests, driven by stored daily bars and
/// a clock of its own (<see cref="AsOf"/>) instead of a backtest's loop.</summary>
/// <remarks>
/// <para>The rule: an order is stamped at the account's clock and priced (for the cash check) at the last stored close
/// at or before it. Nothing fills until the account is advanced (<see cref="AdvanceAsync"/>): then every stored
/// bar newer than the clock, up to the date asked for or the last stored bar, meets the working orders in time
/// order, exactly as in a backtest (splits and dividends first, fills at the open or when the range reaches a
/// price, positions marked at the close, day orders expiring at the session's end), and the clock moves on. So an
/// order never fills on a bar it could have seen, and bars fetched or imported later are processed on the next
/// advance.</para>
/// <para>The clock starts at a reset's <c>start_date</c>, else at a rebalance's decision date or at the first
/// order's symbol's last stored bar.
/// The account lives in memory: a restart starts a fresh one.</para>
/// <para>One request at a time changes or reads it (a semaphore), since the venue and ledger are single-threaded;
/// <see cref="HoldAsync"/> keeps it for a whole decision (read, plan, cancel, submit) so nothing interleaves.</para>
/// </remarks>
internal sealed partial class PaperAccount : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IMarketDataStore _store;
    private readonly TimeProvider _clock;
    private readonly IOrderEventPublisher _events;
    private readonly decimal _defaultCash;
    private Ledger _ledger = null!;
    private SimulatedVenue _venue = null!;
    private PaperFills _fills = null!;
    private List<EquityPoint> _history = null!;
    private DateTime? _asOf;

    public PaperAccount(IMarketDataStore store, TimeProvider clock, IOptions<ServerOptions> options, IOrderEventPublisher events)
    {
        _store = store;
        _events = events;
        _clock = clock;
        _defaultCash = options.Value.PaperInitialCash;
        Start(_defaultCash, null);
    }

    /// <summary>The paper account trades daily bars.</summary>
    public static Interval Interval => Interval.Daily;

    public DateTime? AsOf => _asOf;

    public void Dispose() => _gate.Dispose();

    /// <summary>Runs <paramref name="read"/> with the account to itself.</summary>
    public async Task<T> ReadAsync<T>(Func<PaperAccountState, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read(new PaperAccountState(_ledger, _venue, _fills.All, _history, _asOf));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts over with <paramref name="cash"/> (or the configured amount) and the clock at the end of
    /// <paramref name="start"/> (or unset until the first order).</summary>
    public async Task ResetAsync(decimal? cash, DateOnly? start, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Start(cash ?? _defaultCash, start);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Submits an order at the account's clock; the result names a problem when it cannot be submitted
    /// (no stored price for the symbol, a malformed order). A refusal by the account is not a problem: the order
    /// exists, rejected, with the reason.</summary>
    public async Task<(OrderTicket? Ticket, IResult? Problem)> SubmitAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var bars = await _store.ReadBarsAsync(order.Symbol, Interval, null, _asOf, cancellationToken).ConfigureAwait(false);
            if (bars.IsEmpty)
            {
                var when = _asOf is { } t ? $" at or before the account's clock ({t:yyyy-MM-dd})" : string.Empty;
                return (null, ApiProblem.Field(StatusCodes.Status404NotFound, "symbol", $"no stored {Interval} bars of {order.Symbol}{when} to price the order; import or fetch them first"));
            }

            // A stored price or date the venue cannot account for is refused before the clock or the book changes.
            var close = bars.Close[^1];
            if (!BarPrice.IsTradable(close) || DateOnly.FromDateTime(bars.LastTime) > BacktestEngine.LastDate)
            {
                return (null, ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, "symbol", Unaccountable(order.Symbol, bars.LastTime, close)));
            }

            // The first order starts the clock at the last bar it could have seen; a malformed one changes nothing.
            var asOf = _asOf ?? EndOfDay(bars.LastTime);
            try
            {
                var ticket = _venue.Submit(order, asOf, BarPrice.ToDecimal(close));
                _asOf = asOf;
                return (ticket, null);
            }
            catch (ArgumentException e)
            {
                return (null, ApiProblem.Field(StatusCodes.Status400BadRequest, "body", e.Message));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Cancels an order that can still fill; null when there is no such order, false when it is done.</summary>
    public async Task<(OrderTicket? Ticket, bool Cancelled)> CancelAsync(long id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ticket = _venue.Find(id);
            return ticket is null ? (null, false) : (ticket, _venue.Cancel(id, _asOf ?? _clock.GetUtcNow().UtcDateTime));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Feeds the stored bars after the clock, up to the end of <paramref name="to"/> (or the last stored bar),
    /// to the working orders and positions, and moves the clock on. Returns the fills it made and the bar times it
    /// processed.</summary>
    public async Task<(IReadOnlyList<Fill> Fills, int Times, DateTime? AsOf)> AdvanceAsync(DateOnly? to, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_asOf is not { } from)
            {
                if (to is { } first)
                {
                    _asOf = EndOfDay(first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                }

                return ([], 0, _asOf);
            }

            var until = to is { } day ? EndOfDay(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) : (DateTime?)null;
            if (until <= from)
            {
                return ([], 0, _asOf);
            }

            var symbols = InPlay();
            var series = new BarSeries[symbols.Count];
            var actions = new List<CorporateAction>();
            for (var i = 0; i < symbols.Count; i++)
            {
                series[i] = await _store.ReadBarsAsync(symbols[i], Interval, from.AddTicks(1), until, cancellationToken).ConfigureAwait(false);
                actions.AddRange(await _store.ReadActionsAsync(symbols[i], DateOnly.FromDateTime(from).AddDays(1), until is { } u ? DateOnly.FromDateTime(u) : null, cancellationToken).ConfigureAwait(false));
            }

            // Refused (422 by the exception handler) before any bar is replayed: nothing is half-applied.
            foreach (var bars in series)
            {
                BacktestEngine.CheckAccountable(bars);
            }

            var fillsBefore = _fills.Count;
            var times = Replay(series, actions);
            if (until is { } end)
            {
                _asOf = end;
            }

            return ([.. _fills.All.Skip(fillsBefore)], times, _asOf);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The loop of a backtest, without a strategy: actions, fills, marks, session end, one equity point per time.</summary>
    private int Replay(BarSeries[] series, List<CorporateAction> actions)
    {
        var next = new int[series.Length];
        actions.Sort((a, b) => a.ExDate.CompareTo(b.ExDate));
        var nextAction = 0;
        var times = 0;
        while (true)
        {
            var time = DateTime.MaxValue;
            for (var i = 0; i < series.Length; i++)
            {
                if (next[i] < series[i].Count && series[i].Time[next[i]] < time)
                {
                    time = series[i].Time[next[i]];
                }
            }

            if (time == DateTime.MaxValue)
            {
                return times;
            }

            var date = DateOnly.FromDateTime(time);
            for (; nextAction < actions.Count && actions[nextAction].ExDate <= date; nextAction++)
            {
                var action = actions[nextAction];
                if (action.Kind == CorporateActionKind.Split)
                {
                    _ledger.ApplySplit(action.Symbol, action.Value, time);
                    _venue.ApplySplit(action.Symbol, action.Value, time);
                }
                else
                {
                    _ledger.ApplyDividend(action.Symbol, action.Value, time);
                }
            }

            for (var i = 0; i < series.Length; i++)
            {
                if (next[i] < series[i].Count && series[i].Time[next[i]] == time)
                {
                    var bar = series[i][next[i]];
                    _venue.OnBar(series[i].Symbol, bar, _fills);
                    _ledger.Mark(series[i].Symbol, bar.Close);
                    next[i]++;
                }
            }

            _venue.OnSessionEnd(time);
            _history.Add(_ledger.Snapshot(time));
            _asOf = EndOfDay(time);
            times++;
        }
    }

    /// <summary>Symbols with orders that may still fill or with shares held: the only ones an advance must read.</summary>
    private List<Symbol> InPlay()
    {
        var symbols = new List<Symbol>();
        foreach (var ticket in _venue.Orders)
        {
            if (!ticket.Status.IsTerminal() && !symbols.Contains(ticket.Request.Symbol))
            {
                symbols.Add(ticket.Request.Symbol);
            }
        }

        foreach (var position in _ledger.OpenPositions)
        {
            if (!symbols.Contains(position.Symbol))
            {
                symbols.Add(position.Symbol);
            }
        }

        return symbols;
    }

    private void Start(decimal cash, DateOnly? start)
    {
        _asOf = start is { } day ? EndOfDay(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) : null;
        _ledger = new Ledger(cash, AccountSettings.CashAccount, _asOf ?? _clock.GetUtcNow().UtcDateTime);
        _venue = new SimulatedVenue(new VenueSettings(), _ledger);
        // Every status change goes out as it happens (Redis pub/sub when configured). Publishing is started in order
        // and not awaited: a slow or absent subscriber must not hold the account, and the publisher never throws.
        _venue.OrderChanged += e => _ = _events.PublishAsync(e).AsTask();
        _fills = new PaperFills(_ledger);
        _history = [];
    }

    private static string Unaccountable(Symbol symbol, DateTime time, double close) =>
        BarPrice.IsTradable(close)
            ? $"{symbol}'s last stored bar is dated {time:yyyy-MM-dd}, after the last date the account's clock can reach ({BacktestEngine.LastDate:yyyy-MM-dd}); fix or delete the bar in the store"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{symbol}'s last stored close ({close:G} on {time:yyyy-MM-dd}) is outside the prices the venue accounts for ({BarPrice.Smallest:0.#E+0} to {BarPrice.Largest:0.#E+0}); fix or delete the bar in the store");

    // Daily bars are stamped at midnight; the clock stands at the end of the day it has seen, so an order placed
    // then can fill from the next day's bar on.
    private static DateTime EndOfDay(DateTime time) => time.Date.AddDays(1).AddTicks(-1);
}

/// <summary>What a reader of the paper account sees while it holds the account.</summary>
internal sealed record PaperAccountState(Ledger Ledger, SimulatedVenue Venue, IReadOnlyList<Fill> Fills, IReadOnlyList<EquityPoint> History, DateTime? AsOf);
