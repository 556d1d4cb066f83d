using Trading.Domain;

namespace Trading.Execution;

/// <summary>A venue that fills orders against historical OHLC bars, by the rules of <see cref="BarFillRules"/>,
/// with the slippage, commission and volume cap of its <see cref="VenueSettings"/>, and asks the account
/// (<see cref="IOrderFunding"/>) before it accepts an order and before each fill.</summary>
/// <remarks>
/// <para>The engine drives it, per time t: <see cref="OnBar(Symbol, in Bar, ICollection{Fill})"/> for each symbol with a bar at t (orders submitted
/// strictly before t meet that bar, in submission order), then the strategy (which may submit, cancel, replace),
/// then <see cref="OnBarClose"/> for each symbol (fills at t's close, only with
/// <see cref="VenueSettings.FillOnSameBar"/>), then <see cref="OnSessionEnd"/>.</para>
/// <para>Sessions are UTC calendar dates. A day order's session is the date of the first bar it meets. Daily bars
/// (stamped at midnight) are a whole session each, so a day order expires at the end of the first bar it meets.
/// Once the venue has seen a time of day other than midnight it treats bars as intraday: a day order then works
/// through the rest of its session's date and expires at the first time of a later date, before it can meet that
/// date's bars.</para>
/// <para>Bracket exits become eligible from the bar after the entry's fill: an OHLC bar cannot say whether its
/// range came after the entry's fill. When both orders of a one-cancels-other pair could fill on the same bar, the
/// one that trades at the open goes first (nothing traded before the open); otherwise the one with the worse price
/// for the trader (for a bracket, the stop-loss), since the bar does not say which was reached first.</para>
/// <para>Not thread-safe: one backtest is one thread.</para>
/// </remarks>
public sealed partial class SimulatedVenue : IVenue
{
    private readonly VenueSettings _settings;
    private readonly IOrderFunding _funding;
    private readonly OrderStateMachine _machine;
    private readonly List<OrderTicket> _orders = [];
    private Dictionary<string, OrderTicket>? _byClientOrderId;
    private readonly Dictionary<Symbol, Book> _books = [];

    /// <summary>The books with working orders, so only symbols with orders cost anything; visited (by session ends and
    /// cash checks) in the order their symbols first had one, through <see cref="ActiveBooks"/>.</summary>
    private readonly List<Book> _active = [];
    private bool _activeInOrder = true;

    /// <summary>How many orders work for each symbol of the universe the venue was given, by symbol index (empty
    /// without one): the engine asks for every symbol at every time, so the answer is one compact array away.</summary>
    private readonly int[] _workingByIndex = [];

    /// <summary>The book of each symbol of the universe, by symbol index, so the engine's per-bar matching needs no lookup.</summary>
    private readonly Book[] _bookByIndex = [];
    private int _nextOrdinal;

    /// <summary>Bracket exits in Submitted, waiting for their entry to fill.</summary>
    private readonly List<OrderTicket> _waiting = [];

    /// <summary>A snapshot of the orders a step goes through, since the step changes the working lists.</summary>
    private readonly List<OrderTicket> _scratch = [];
    private int _workingCount;
    private bool _intraday;

    /// <summary>Σ <see cref="OrderTicket.CashPromised"/>: the cash promised to working buy orders outside
    /// one-cancels-other pairs, kept up to date at every change of an order so a submit need not rescan the books.</summary>
    private decimal _cashPromised;

    /// <summary>Working day orders: the only ones a session end can expire, so without any it has nothing to visit.</summary>
    private int _workingDayOrders;

    /// <summary>Working orders in a one-cancels-other pair: while there are any, committed cash is rescanned, since
    /// a pair of buys promises only its dearer half.</summary>
    private int _workingPaired;

    public SimulatedVenue(VenueSettings settings, IOrderFunding funding)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(funding);
        _settings = settings;
        _funding = funding;
        _machine = new OrderStateMachine(Changed);
    }

    /// <summary>A venue that also knows the universe of its caller, so that <see cref="WorkingOrderCountOf(int)"/>
    /// can answer by symbol index, with no lookup, on the per-bar path.</summary>
    public SimulatedVenue(VenueSettings settings, IOrderFunding funding, IReadOnlyList<Symbol> universe)
        : this(settings, funding)
    {
        ArgumentNullException.ThrowIfNull(universe);
        _workingByIndex = new int[universe.Count];
        _bookByIndex = new Book[universe.Count];
        for (var i = 0; i < _workingByIndex.Length; i++)
        {
            _bookByIndex[i] = BookOf(universe[i]);
            _bookByIndex[i].UniverseIndices.Add(i);
        }
    }

    /// <summary>Every status change of every order, in the order it happened.</summary>
    public event Action<OrderEvent>? OrderChanged;

    /// <inheritdoc />
    /// <remarks>The simulated venue books its fills to the account it funds orders from, so that is its account.</remarks>
    public VenueAccount Account() => _funding.Holdings();

    public int WorkingOrderCount => _workingCount;

    /// <summary>All orders ever submitted, by id (the id of <c>Orders[i]</c> is i + 1).</summary>
    public IReadOnlyList<OrderTicket> Orders => _orders;

    public OrderTicket? Find(long id) => id >= 1 && id <= _orders.Count ? _orders[(int)(id - 1)] : null;

    public OrderTicket? FindByClientOrderId(string clientOrderId) =>
        _byClientOrderId is not null && _byClientOrderId.TryGetValue(clientOrderId, out var ticket) ? ticket : null;

    public bool HasWorkingOrders(Symbol symbol) => WorkingOrderCountOf(symbol) > 0;

    /// <summary>How many orders of a symbol are accepted or partially filled (no copy, unlike <see cref="WorkingOrders"/>).</summary>
    public int WorkingOrderCountOf(Symbol symbol) => _books.TryGetValue(symbol, out var book) ? book.Working.Count : 0;

    /// <summary>How many orders of the universe's symbol <paramref name="symbolIndex"/> are working: an array read,
    /// for a venue constructed with a universe.</summary>
    public int WorkingOrderCountOf(int symbolIndex) => _workingByIndex[symbolIndex];

    /// <summary>The accepted and partially filled orders of a symbol, in submission order (a copy: cancel freely).</summary>
    public IReadOnlyList<OrderTicket> WorkingOrders(Symbol symbol) =>
        _books.TryGetValue(symbol, out var book) && book.Working.Count > 0 ? [.. book.Working] : [];

    /// <summary>Cancels what remains of an order; false when there is no such order or it is already done.</summary>
    public bool Cancel(long orderId, DateTime time)
    {
        var ticket = Find(orderId);
        if (ticket is null || ticket.Status.IsTerminal())
        {
            return false;
        }

        _machine.Cancel(ticket, time, "cancelled on request");
        return true;
    }

    /// <summary>Changes the quantity, limit or stop of an order that can still fill; it keeps its id, its fills and
    /// its place in the queue.</summary>
    /// <exception cref="ArgumentException">No such order, it is done, the change does not fit its type, or the new
    /// quantity is not above what has already filled.</exception>
    /// <exception cref="InvalidOperationException">The account refuses the larger commitment; the order is unchanged.</exception>
    public OrderTicket Replace(long orderId, OrderChange change, DateTime time)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ticket = Find(orderId) ?? throw new ArgumentException($"There is no order #{orderId}.", nameof(orderId));
        if (ticket.Status.IsTerminal())
        {
            throw new ArgumentException($"Order #{orderId} is {ticket.Status}: only an order that can still fill can be replaced.", nameof(orderId));
        }

        if (change is { Quantity: null, LimitPrice: null, StopPrice: null })
        {
            throw new ArgumentException($"A replace of order #{orderId} must change its quantity, limit or stop.", nameof(change));
        }

        var request = ticket.Request;
        if (change.Quantity is { } quantity)
        {
            if (ticket.Parent is not null)
            {
                throw new ArgumentException($"Order #{orderId} is an exit of bracket entry #{ticket.Parent.Id}: its quantity follows the entry's fills.", nameof(change));
            }

            if (quantity <= ticket.FilledQuantity)
            {
                throw new ArgumentException($"Order #{orderId} has already filled {ticket.FilledQuantity}; its new quantity ({quantity}) must be above that (to stop it, cancel it).", nameof(change));
            }

            request = request with { Quantity = quantity };
        }

        if (change.LimitPrice is { } limit)
        {
            if (request.Type is not (OrderType.Limit or OrderType.StopLimit))
            {
                throw new ArgumentException($"Order #{orderId} is a {request.Type} order: it has no limit price to change.", nameof(change));
            }

            request = request with { LimitPrice = limit > 0 ? limit : throw new ArgumentException($"A limit price must be positive; got {limit}.", nameof(change)) };
        }

        if (change.StopPrice is { } stop)
        {
            if (request.Type is not (OrderType.Stop or OrderType.StopLimit))
            {
                throw new ArgumentException($"Order #{orderId} is a {request.Type} order: it has no stop price to change{(request.Type == OrderType.TrailingStop ? " (a trailing stop moves its own)" : string.Empty)}.", nameof(change));
            }

            request = request with { StopPrice = stop > 0 ? stop : throw new ArgumentException($"A stop price must be positive; got {stop}.", nameof(change)) };
        }

        CheckRange(request, ticket.ReferencePrice);
        if (request.Side == OrderSide.Buy && ticket.Status.IsWorking())
        {
            var remaining = request.Quantity - ticket.FilledQuantity;
            var price = EstimatedPrice(request, ticket.ReferencePrice);
            if (remaining * price > ticket.RemainingQuantity * EstimatedPrice(ticket))
            {
                var refusal = _funding.CheckOrder(request with { Quantity = remaining }, price, CommittedCash(ticket));
                if (refusal is not null)
                {
                    throw new InvalidOperationException($"Order #{orderId} cannot be replaced: {refusal}");
                }
            }
        }

        ticket.Request = request;
        Repromise(ticket);
        return ticket;
    }

    /// <summary>Expires the day orders whose session is over (see the class remarks for what a session is).</summary>
    public void OnSessionEnd(DateTime time)
    {
        NoteTime(time);
        if (_workingDayOrders == 0)
        {
            return;
        }

        _scratch.Clear();
        foreach (var book in ActiveBooks())
        {
            foreach (var ticket in book.Working)
            {
                if (ticket.Request.TimeInForce == TimeInForce.Day
                    && ticket.Session is { } session
                    && (SessionIsOver(ticket, time) || (!_intraday && session == DateOnly.FromDateTime(time))))
                {
                    _scratch.Add(ticket);
                }
            }
        }

        foreach (var ticket in _scratch)
        {
            if (ticket.Status.IsWorking())
            {
                _machine.Expire(ticket, time, "day order: its session ended");
            }
        }

        _scratch.Clear();
    }

    /// <summary>A split of <paramref name="ratio"/> new shares per old one: the open orders of the symbol keep their
    /// economics in the new units (quantities × ratio; limit, stop, trail amount and trailing levels ÷ ratio).</summary>
    /// <remarks>Filled quantity and average price are restated too, so that what remains is the old remainder ×
    /// ratio and a bracket's exits still match the (split) position its entry opened. Prices are divided exactly, not
    /// rounded to a tick.</remarks>
    public void ApplySplit(Symbol symbol, decimal ratio, DateTime time)
    {
        if (ratio <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, $"A split ratio is new shares per old share and must be positive (2 for 2-for-1, 0.1 for 1-for-10); got {ratio} at {time:yyyy-MM-dd}.");
        }

        if (_books.TryGetValue(symbol, out var book))
        {
            foreach (var ticket in book.Working)
            {
                Restate(ticket, ratio);
                Repromise(ticket);
            }
        }

        foreach (var ticket in _waiting)
        {
            if (ticket.Request.Symbol == symbol)
            {
                Restate(ticket, ratio);
            }
        }
    }

    private static void Restate(OrderTicket ticket, decimal ratio)
    {
        var request = ticket.Request;
        ticket.Request = request with
        {
            Quantity = request.Quantity * ratio,
            LimitPrice = request.LimitPrice / ratio,
            StopPrice = request.StopPrice / ratio,
            TrailAmount = request.TrailAmount / ratio,
        };
        ticket.FilledQuantity *= ratio;
        ticket.AverageFillPrice /= ratio;
        ticket.ReferencePrice /= ratio;
        if (request.Type == OrderType.TrailingStop)
        {
            ticket.TrailBestPrice /= ratio;
            ticket.TrailingStopPrice /= ratio;
        }
    }

    private bool SessionIsOver(OrderTicket ticket, DateTime time) =>
        ticket.Request.TimeInForce == TimeInForce.Day && ticket.Session is { } session && session < DateOnly.FromDateTime(time);

    private void NoteTime(DateTime time)
    {
        if (time.TimeOfDay != TimeSpan.Zero)
        {
            _intraday = true;
        }
    }

    /// <summary>Every transition passes here: the working lists follow the status first, then listeners hear of it,
    /// then the orders tied to this one react (a fill cancels the other of a one-cancels-other pair and sizes a
    /// bracket's exits; an entry that dies unfilled takes its exits with it).</summary>
    private void Changed(OrderEvent orderEvent)
    {
        var ticket = _orders[(int)(orderEvent.OrderId - 1)];
        if (orderEvent.Status == OrderStatus.Accepted)
        {
            _waiting.Remove(ticket);
            Insert(ticket);
            if (ticket.OneCancelsOtherLink is not null)
            {
                _workingPaired++;
            }

            if (ticket.Request.TimeInForce == TimeInForce.Day)
            {
                _workingDayOrders++;
            }
        }
        else if (orderEvent.Status.IsTerminal())
        {
            _waiting.Remove(ticket);
            if (ticket.Book is { } book && book.Working.Remove(ticket))
            {
                _workingCount--;
                CountWorking(book);
                if (ticket.OneCancelsOtherLink is not null)
                {
                    _workingPaired--;
                }

                if (ticket.Request.TimeInForce == TimeInForce.Day)
                {
                    _workingDayOrders--;
                }

                if (book.Working.Count == 0)
                {
                    _active.Remove(book);
                }
            }
        }

        Repromise(ticket);

        OrderChanged?.Invoke(orderEvent);

        if (orderEvent.FillQuantity > 0)
        {
            if (ticket.OneCancelsOther is { } other && !other.Status.IsTerminal())
            {
                _machine.Cancel(other, orderEvent.Time, $"one-cancels-other: #{ticket.Id} filled");
            }

            if (ticket.Bracket is { } bracket)
            {
                SizeExit(bracket.TakeProfit, ticket, orderEvent.Time);
                SizeExit(bracket.StopLoss, ticket, orderEvent.Time);
            }
        }
        else if (orderEvent.Status == OrderStatus.Rejected && ticket.OneCancelsOther is { } other && !other.Status.IsTerminal())
        {
            _machine.Cancel(other, orderEvent.Time, $"one-cancels-other: #{ticket.Id} was rejected: {orderEvent.Reason}");
        }

        if (orderEvent.Status.IsTerminal() && ticket.FilledQuantity == 0 && ticket.Bracket is { } dead)
        {
            foreach (var exit in (ReadOnlySpan<OrderTicket>)[dead.TakeProfit, dead.StopLoss])
            {
                if (!exit.Status.IsTerminal())
                {
                    _machine.Cancel(exit, orderEvent.Time, $"bracket entry #{ticket.Id} {orderEvent.Status.ToString().ToLowerInvariant()} unfilled: {orderEvent.Reason}");
                }
            }
        }
    }

    /// <summary>A bracket's exit closes what its entry has filled in all; it starts working with the entry's first
    /// fill and can meet bars from the next one on.</summary>
    private void SizeExit(OrderTicket exit, OrderTicket entry, DateTime time)
    {
        if (exit.Status.IsTerminal())
        {
            return;
        }

        exit.Request = exit.Request with { Quantity = entry.FilledQuantity };
        if (exit.Status == OrderStatus.Submitted)
        {
            exit.EligibleAfter = time;
            Accept(exit, time);
        }
        else
        {
            Repromise(exit);
        }
    }

}
