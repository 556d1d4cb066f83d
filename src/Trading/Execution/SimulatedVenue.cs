using Trading.Domain;

namespace Trading.Execution;

/// <summary>A venue that fills orders against historical OHLC bars, by the rules of <see cref="BarFillRules"/>,
/// with the slippage, commission and volume cap of its <see cref="VenueSettings"/>, and asks the account
/// (<see cref="IOrderFunding"/>) before it accepts an order and before each fill.</summary>
/// <remarks>
/// <para>The engine drives it, per time t: <see cref="OnBar"/> for each symbol with a bar at t (orders submitted
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
public sealed class SimulatedVenue
{
    private readonly VenueSettings _settings;
    private readonly IOrderFunding _funding;
    private readonly OrderStateMachine _machine;
    private readonly List<OrderTicket> _orders = [];
    private readonly Dictionary<Symbol, Book> _books = [];

    /// <summary>The books with working orders, in the order their symbols first had one: the order in which
    /// session ends and cash checks visit them, so only symbols with orders cost anything.</summary>
    private readonly List<Book> _active = [];

    /// <summary>The books of the universe the venue was given, by symbol index (empty without one).</summary>
    private readonly Book[] _universe = [];
    private int _nextOrdinal;

    /// <summary>Bracket exits in Submitted, waiting for their entry to fill.</summary>
    private readonly List<OrderTicket> _waiting = [];

    /// <summary>A snapshot of the orders a step goes through, since the step changes the working lists.</summary>
    private readonly List<OrderTicket> _scratch = [];
    private int _workingCount;
    private bool _intraday;

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
        _universe = new Book[universe.Count];
        for (var i = 0; i < _universe.Length; i++)
        {
            _universe[i] = BookOf(universe[i]);
        }
    }

    /// <summary>Every status change of every order, in the order it happened.</summary>
    public event Action<OrderEvent>? OrderChanged;

    public int WorkingOrderCount => _workingCount;

    /// <summary>All orders ever submitted, by id (the id of <c>Orders[i]</c> is i + 1).</summary>
    public IReadOnlyList<OrderTicket> Orders => _orders;

    public OrderTicket? Find(long id) => id >= 1 && id <= _orders.Count ? _orders[(int)(id - 1)] : null;

    public bool HasWorkingOrders(Symbol symbol) => WorkingOrderCountOf(symbol) > 0;

    /// <summary>How many orders of a symbol are accepted or partially filled (no copy, unlike <see cref="WorkingOrders"/>).</summary>
    public int WorkingOrderCountOf(Symbol symbol) => _books.TryGetValue(symbol, out var book) ? book.Working.Count : 0;

    /// <summary>How many orders of the universe's symbol <paramref name="symbolIndex"/> are working: an array read,
    /// for a venue constructed with a universe.</summary>
    public int WorkingOrderCountOf(int symbolIndex) => _universe[symbolIndex].Working.Count;

    /// <summary>The accepted and partially filled orders of a symbol, in submission order (a copy: cancel freely).</summary>
    public IReadOnlyList<OrderTicket> WorkingOrders(Symbol symbol) =>
        _books.TryGetValue(symbol, out var book) && book.Working.Count > 0 ? [.. book.Working] : [];

    /// <summary>Accepts the order, or rejects it with the account's reason. The order can fill from the first bar
    /// stamped after <paramref name="time"/>; <paramref name="referencePrice"/> (the latest close) prices market and
    /// trailing orders for the account's check and starts a trailing stop's trail.</summary>
    /// <exception cref="ArgumentException">The order is malformed (a limit order without a limit price, ...).</exception>
    public OrderTicket Submit(OrderRequest order, DateTime time, decimal referencePrice)
    {
        Validate(order, referencePrice);
        var ticket = Create(order, time, referencePrice);
        Admit(ticket, time, CommittedCash());
        return ticket;
    }

    /// <summary>Two orders on one symbol of which only one may trade: the first fill (even partial) of either
    /// cancels the other, and so does the rejection of either.</summary>
    public (OrderTicket First, OrderTicket Second) SubmitOneCancelsOther(OrderRequest first, OrderRequest second, DateTime time, decimal referencePrice)
    {
        Validate(first, referencePrice);
        Validate(second, referencePrice);
        if (first.Symbol != second.Symbol)
        {
            throw new ArgumentException($"Both orders of a one-cancels-other pair must be on one symbol (one reference price); got {first.Symbol} and {second.Symbol}.", nameof(second));
        }

        var a = Create(first, time, referencePrice);
        var b = Create(second, time, referencePrice);
        OneCancelsOtherLink.Join(a, b);

        // Only one of the two can ever fill, so each is checked against what other orders promise, not its sibling.
        var committed = CommittedCash();
        Admit(a, time, committed);
        if (b.Status == OrderStatus.Submitted)
        {
            Admit(b, time, committed);
        }

        return (a, b);
    }

    /// <summary>An entry with a take-profit limit and a stop-loss stop on the other side, one-cancels-other with each
    /// other. The exits wait in Submitted; each fill of the entry sizes them to what the entry has filled in all and
    /// accepts them; if the entry dies without a fill they are cancelled.</summary>
    /// <exception cref="ArgumentException">The take-profit is not beyond the stop-loss in the entry's favour.</exception>
    public Bracket SubmitBracket(OrderRequest entry, decimal takeProfit, decimal stopLoss, DateTime time, decimal referencePrice)
    {
        Validate(entry, referencePrice);
        if (takeProfit <= 0 || stopLoss <= 0)
        {
            throw new ArgumentOutOfRangeException(takeProfit <= 0 ? nameof(takeProfit) : nameof(stopLoss), $"A bracket's take-profit and stop-loss must be positive prices; got {takeProfit} and {stopLoss}.");
        }

        var buy = entry.Side == OrderSide.Buy;
        if (buy ? takeProfit <= stopLoss : takeProfit >= stopLoss)
        {
            throw new ArgumentException(
                buy
                    ? $"A long bracket's take-profit ({takeProfit}) must be above its stop-loss ({stopLoss})."
                    : $"A short bracket's take-profit ({takeProfit}) must be below its stop-loss ({stopLoss}).",
                nameof(takeProfit));
        }

        var exitSide = buy ? OrderSide.Sell : OrderSide.Buy;
        var entryTicket = Create(entry, time, referencePrice);
        var profit = Create(OrderRequest.Limit(entry.Symbol, exitSide, entry.Quantity, takeProfit) with { Tag = "take-profit" }, time, referencePrice);
        var loss = Create(OrderRequest.Stop(entry.Symbol, exitSide, entry.Quantity, stopLoss) with { Tag = "stop-loss" }, time, referencePrice);
        profit.Parent = entryTicket;
        loss.Parent = entryTicket;
        OneCancelsOtherLink.Join(profit, loss);
        var bracket = new Bracket(entryTicket, profit, loss);
        entryTicket.Bracket = bracket;
        _waiting.Add(profit);
        _waiting.Add(loss);
        Admit(entryTicket, time, CommittedCash());
        return bracket;
    }

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
        return ticket;
    }

    /// <summary>Matches the working orders of <paramref name="symbol"/> against its bar, in submission order, and
    /// appends their fills. Orders submitted at or after the bar's time do not meet it.</summary>
    public void OnBar(Symbol symbol, in Bar bar, ICollection<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        NoteTime(bar.Time);
        if (!_books.TryGetValue(symbol, out var book) || book.Working.Count == 0)
        {
            return;
        }

        _scratch.Clear();
        _scratch.AddRange(book.Working);
        for (var i = 0; i < _scratch.Count; i++)
        {
            var ticket = _scratch[i];
            if (!ticket.Status.IsWorking() || bar.Time <= ticket.EligibleAfter)
            {
                continue;
            }

            if (SessionIsOver(ticket, bar.Time))
            {
                _machine.Expire(ticket, bar.Time, "day order: its session ended");
                continue;
            }

            ticket.Session ??= DateOnly.FromDateTime(bar.Time);
            Match(ticket, in bar, fills);
        }

        _scratch.Clear();
    }

    /// <summary>With <see cref="VenueSettings.FillOnSameBar"/>: fills market and market-on-close orders submitted at
    /// the bar's own time at its close. Otherwise does nothing.</summary>
    public void OnBarClose(Symbol symbol, in Bar bar, ICollection<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        if (!_settings.FillOnSameBar || !_books.TryGetValue(symbol, out var book) || book.Working.Count == 0)
        {
            return;
        }

        _scratch.Clear();
        _scratch.AddRange(book.Working);
        for (var i = 0; i < _scratch.Count; i++)
        {
            var ticket = _scratch[i];
            if (ticket.Status.IsWorking()
                && ticket.SubmittedAt == bar.Time
                && ticket.Request.Type is OrderType.Market or OrderType.MarketOnClose)
            {
                ticket.Session ??= DateOnly.FromDateTime(bar.Time);
                var quantity = FillableQuantity(ticket, in bar);
                if (quantity > 0)
                {
                    Execute(ticket, bar.Time, (decimal)bar.Close, quantity, in bar, fills);
                }
            }
        }

        _scratch.Clear();
    }

    /// <summary>Expires the day orders whose session is over (see the class remarks for what a session is).</summary>
    public void OnSessionEnd(DateTime time)
    {
        NoteTime(time);
        if (_workingCount == 0)
        {
            return;
        }

        _scratch.Clear();
        foreach (var book in _active)
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
        ticket.TrailBestPrice /= ratio;
        ticket.TrailingStopPrice /= ratio;
    }

    private static void Validate(OrderRequest order, decimal referencePrice)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (referencePrice <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(referencePrice), referencePrice, $"The reference price of {order.Symbol} must be positive; got {referencePrice}.");
        }

        var needsLimit = order.Type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = order.Type is OrderType.Stop or OrderType.StopLimit;
        var problem = order switch
        {
            { Quantity: <= 0 } => $"its quantity must be positive; got {order.Quantity}",
            _ when !Enum.IsDefined(order.Type) => $"its type {order.Type} is unknown",
            _ when needsLimit != order.LimitPrice.HasValue => needsLimit ? "it needs a limit price" : "only limit and stop-limit orders have a limit price",
            _ when needsStop != order.StopPrice.HasValue => needsStop ? "it needs a stop price" : "only stop and stop-limit orders have a stop price",
            { LimitPrice: <= 0 } or { StopPrice: <= 0 } => "its prices must be positive",
            { Type: OrderType.TrailingStop } when order.TrailAmount.HasValue == order.TrailPercent.HasValue => "a trailing stop needs either a trail amount or a trail percentage",
            { Type: not OrderType.TrailingStop } when order.TrailAmount.HasValue || order.TrailPercent.HasValue => "only trailing stops have a trail",
            { TrailAmount: <= 0 } => "its trail amount must be positive",
            { TrailPercent: <= 0 or >= 1 } => "its trail percentage must be a fraction between 0 and 1",
            _ when !Enum.IsDefined(order.TimeInForce) => $"its time in force {order.TimeInForce} is unknown",
            _ => null,
        };
        if (problem is not null)
        {
            throw new ArgumentException($"The order {order} is malformed: {problem}.", nameof(order));
        }
    }

    /// <summary>What an order is expected to cost per share: its limit, else its stop, else the reference price.</summary>
    private static decimal EstimatedPrice(OrderRequest order, decimal referencePrice) =>
        order.LimitPrice ?? order.StopPrice ?? referencePrice;

    private static decimal EstimatedPrice(OrderTicket ticket) => EstimatedPrice(ticket.Request, ticket.ReferencePrice);

    private OrderTicket Create(OrderRequest order, DateTime time, decimal referencePrice)
    {
        var ticket = new OrderTicket(_orders.Count + 1, order, time) { ReferencePrice = referencePrice };
        _orders.Add(ticket);
        return ticket;
    }

    private void Admit(OrderTicket ticket, DateTime time, decimal committedCash)
    {
        var refusal = _funding.CheckOrder(ticket.Request, EstimatedPrice(ticket), committedCash);
        if (refusal is not null)
        {
            _machine.Reject(ticket, time, refusal);
            return;
        }

        Accept(ticket, time);
    }

    private void Accept(OrderTicket ticket, DateTime time)
    {
        if (ticket.Request.Type == OrderType.TrailingStop)
        {
            BarFillRules.StartTrail(ticket, ticket.ReferencePrice);
        }

        _machine.Accept(ticket, time);
    }

    /// <summary>Cash the working buy orders promise: remaining quantity × limit, stop or reference price. Of a
    /// one-cancels-other pair of buys only the dearer counts, since only one can fill. Commissions are left to the
    /// account's own check.</summary>
    private decimal CommittedCash(OrderTicket? except = null)
    {
        var committed = 0m;
        foreach (var book in _active)
        {
            foreach (var ticket in book.Working)
            {
                if (ticket.Request.Side != OrderSide.Buy || ticket == except)
                {
                    continue;
                }

                var promise = ticket.RemainingQuantity * EstimatedPrice(ticket);
                if (ticket.OneCancelsOther is { } other && other != except && other.Status.IsWorking() && other.Request.Side == OrderSide.Buy)
                {
                    if (other.Id < ticket.Id)
                    {
                        continue;
                    }

                    promise = Math.Max(promise, other.RemainingQuantity * EstimatedPrice(other));
                }

                committed += promise;
            }
        }

        return committed;
    }

    private void Match(OrderTicket ticket, in Bar bar, ICollection<Fill> fills)
    {
        var chosen = BarFillRules.Price(ticket, in bar, out var triggers);
        if (triggers)
        {
            ticket.StopTriggered = true;
        }

        if (chosen is { } price && !SiblingGoesFirst(ticket, price, in bar))
        {
            var quantity = FillableQuantity(ticket, in bar);
            if (quantity > 0)
            {
                Execute(ticket, bar.Time, price, quantity, in bar, fills);
            }
        }

        if (ticket.Status.IsWorking())
        {
            BarFillRules.Trail(ticket, in bar);
        }
    }

    /// <summary>Whether the other order of a one-cancels-other pair, later in the queue, should take this bar
    /// instead: see the class remarks.</summary>
    private bool SiblingGoesFirst(OrderTicket ticket, decimal price, in Bar bar)
    {
        if (ticket.OneCancelsOther is not { } other
            || other.Id < ticket.Id
            || !other.Status.IsWorking()
            || other.Request.Symbol != ticket.Request.Symbol
            || bar.Time <= other.EligibleAfter
            || SessionIsOver(other, bar.Time)
            || FillableQuantity(other, in bar) == 0
            || BarFillRules.Price(other, in bar, out _) is not { } otherPrice)
        {
            return false;
        }

        var open = (decimal)bar.Open;
        if (price == open || otherPrice == open)
        {
            return price != open;
        }

        if (ticket.Request.Side != other.Request.Side)
        {
            return false;
        }

        return ticket.Request.Side == OrderSide.Buy ? otherPrice > price : otherPrice < price;
    }

    /// <summary>What remains, or under a volume cap at most floor(cap × bar volume) whole shares of it.</summary>
    private decimal FillableQuantity(OrderTicket ticket, in Bar bar)
    {
        var remaining = ticket.RemainingQuantity;
        if (_settings.MaxVolumeParticipation is not { } cap)
        {
            return remaining;
        }

        return Math.Min(remaining, Math.Floor(cap * (decimal)bar.Volume));
    }

    /// <summary>Fills <paramref name="quantity"/> at the rule's <paramref name="chosenPrice"/> after slippage and
    /// commission, or as much of it as the account can take; what it cannot take is cancelled.</summary>
    private void Execute(OrderTicket ticket, DateTime time, decimal chosenPrice, decimal quantity, in Bar bar, ICollection<Fill> fills)
    {
        var order = ticket.Request;
        var (price, commission) = PriceAndCommission(ticket, chosenPrice, quantity, in bar);
        var affordable = Math.Clamp(_funding.AffordableQuantity(order.Symbol, order.Side, quantity, price, commission), 0m, quantity);
        var shortfall = affordable < quantity
            ? $"insufficient cash at fill: {affordable} of {quantity} shares affordable at {price} (commission {commission})"
            : null;
        if (affordable > 0)
        {
            if (affordable < quantity)
            {
                // A smaller fill moves the price less and costs no more commission, so it stays affordable.
                (price, commission) = PriceAndCommission(ticket, chosenPrice, affordable, in bar);
            }

            fills.Add(new Fill(ticket.Id, time, order.Symbol, order.Side, affordable, price, commission));
            _machine.Fill(ticket, time, affordable, price);
        }

        if (shortfall is not null && ticket.Status.IsWorking())
        {
            _machine.Cancel(ticket, time, shortfall);
        }
    }

    private (decimal Price, decimal Commission) PriceAndCommission(OrderTicket ticket, decimal chosenPrice, decimal quantity, in Bar bar)
    {
        var order = ticket.Request;
        var buy = order.Side == OrderSide.Buy;
        var price = _settings.Slippage.Apply(order.Side, chosenPrice, quantity, in bar);

        // Slippage only ever hurts, and never past a limit: the one promise a limit order makes.
        price = buy ? Math.Max(price, chosenPrice) : Math.Min(price, chosenPrice);
        if (order.Type is OrderType.Limit or OrderType.StopLimit && order.LimitPrice is { } limit)
        {
            price = buy ? Math.Min(price, limit) : Math.Max(price, limit);
        }

        var commission = _settings.Commission.Commission(order, quantity, price, ticket.FilledQuantity == 0);
        return (price, commission);
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
        }
        else if (orderEvent.Status.IsTerminal())
        {
            _waiting.Remove(ticket);
            if (_books.TryGetValue(ticket.Request.Symbol, out var book) && book.Working.Remove(ticket))
            {
                _workingCount--;
                if (book.Working.Count == 0)
                {
                    _active.Remove(book);
                }
            }
        }

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
    }

    /// <summary>Keeps each symbol's working list in submission (id) order, which is the order bars match them in.</summary>
    private void Insert(OrderTicket ticket)
    {
        var book = BookOf(ticket.Request.Symbol);
        var list = book.Working;
        if (book.Ordinal < 0)
        {
            book.Ordinal = _nextOrdinal++;
        }

        if (list.Count == 0)
        {
            var place = _active.Count;
            while (place > 0 && _active[place - 1].Ordinal > book.Ordinal)
            {
                place--;
            }

            _active.Insert(place, book);
        }

        var index = list.Count;
        while (index > 0 && list[index - 1].Id > ticket.Id)
        {
            index--;
        }

        list.Insert(index, ticket);
        _workingCount++;
    }

    private Book BookOf(Symbol symbol)
    {
        if (!_books.TryGetValue(symbol, out var book))
        {
            book = new Book();
            _books[symbol] = book;
        }

        return book;
    }

    /// <summary>The working orders of one symbol, in submission (id) order.</summary>
    private sealed class Book
    {
        public List<OrderTicket> Working { get; } = [];

        /// <summary>When the symbol first had a working order, relative to the others (-1 before that): books are
        /// visited in this order, which is the order the venue has always visited symbols in.</summary>
        public int Ordinal { get; set; } = -1;
    }
}
