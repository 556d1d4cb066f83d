using System.Diagnostics;
using Trading.Domain;

namespace Trading.Execution;

/// <summary>The handle a caller keeps for an order: its id, what was asked, and what has happened since.</summary>
/// <remarks>Only the venue changes a ticket, and only through the order state machine; status is never inferred
/// from the other fields.</remarks>
public sealed class OrderTicket
{
    // Most orders see two events (accepted, then filled or cancelled): those are fields, and only an order with
    // more has a list. A backtest keeps every ticket, so each object less per order is garbage collection saved.
    private Entry _first;
    private Entry _second;
    private List<OrderEvent>? _later;
    private int _eventCount;

    // What only stops, trailing stops, pairs and brackets use: made by the first of them to be set, so a plain
    // market or limit order carries one empty reference instead of all of it.
    private Conditions? _conditions;

    internal OrderTicket(long id, OrderRequest request, DateTime submittedAt)
    {
        Id = id;
        Request = request;
        SubmittedAt = submittedAt;
        EligibleAfter = submittedAt;
    }

    public long Id { get; }

    /// <summary>The id the order is known by to its client and a broker: the client's own
    /// (<see cref="OrderRequest.ClientOrderId"/>), else one the venue made from its
    /// <see cref="VenueSettings.ClientOrderIdPrefix"/> and <see cref="Id"/>; null for neither.</summary>
    public string? ClientOrderId { get; internal init; }

    /// <summary>The order as it stands (a replace changes it).</summary>
    public OrderRequest Request { get; internal set; }

    public DateTime SubmittedAt { get; }

    public OrderStatus Status { get; internal set; } = OrderStatus.Submitted;

    public decimal FilledQuantity { get; internal set; }

    public decimal RemainingQuantity => Request.Quantity - FilledQuantity;

    /// <summary>Volume-weighted price of the fills so far (0 before the first).</summary>
    public decimal AverageFillPrice { get; internal set; }

    /// <summary>Why the order was rejected, cancelled or expired, when it was: the latest reason among its events.</summary>
    public string? Reason
    {
        get
        {
            if (_later is not null)
            {
                for (var i = _later.Count - 1; i >= 0; i--)
                {
                    if (_later[i].Reason is { } later)
                    {
                        return later;
                    }
                }
            }

            return (_eventCount >= 2 ? _second.Reason : null) ?? (_eventCount >= 1 ? _first.Reason : null);
        }
    }

    /// <summary>The order's events so far, oldest first (a copy, made when asked for).</summary>
    public IReadOnlyList<OrderEvent> Events
    {
        get
        {
            return _eventCount switch
            {
                0 => [],
                1 => [_first.ToEvent(Id)],
                2 => [_first.ToEvent(Id), _second.ToEvent(Id)],
                _ => [_first.ToEvent(Id), _second.ToEvent(Id), .. _later!],
            };
        }
    }

    /// <summary>For a trailing stop: the stop level it would trigger at on the next bar.</summary>
    public decimal? TrailingStopPrice
    {
        get => _conditions?.TrailingStopPrice;
        internal set => Conditional().TrailingStopPrice = value;
    }

    /// <summary>The other order of a one-cancels-other pair (a bracket's two exits are one), if any.</summary>
    public long? OneCancelsOtherId => OneCancelsOther?.Id;

    /// <summary>For a bracket's exit: the entry whose fills it closes.</summary>
    public long? ParentId => Parent?.Id;

    internal OneCancelsOtherLink? OneCancelsOtherLink
    {
        get => _conditions?.OneCancelsOtherLink;
        set => Conditional().OneCancelsOtherLink = value;
    }

    internal OrderTicket? OneCancelsOther => OneCancelsOtherLink?.OtherThan(this);

    internal OrderTicket? Parent
    {
        get => _conditions?.Parent;
        set => Conditional().Parent = value;
    }

    /// <summary>For a bracket's entry: its take-profit and stop-loss, which follow its fills.</summary>
    internal Bracket? Bracket
    {
        get => _conditions?.Bracket;
        set => Conditional().Bracket = value;
    }

    /// <summary>The book the order works in, once accepted: where it is removed from when it is done.</summary>
    internal SimulatedVenue.Book? Book { get; set; }

    /// <summary>Only bars stamped strictly after this time may fill the order: its submission, or for a bracket's
    /// exit the fill of its entry (no fill on information the order could not have had).</summary>
    internal DateTime EligibleAfter { get; set; }

    /// <summary>The price the order was checked against at submission (the latest close then).</summary>
    internal decimal ReferencePrice { get; set; }

    /// <summary>A stop, stop-limit or trailing stop whose stop has been reached: from then on a market (stop,
    /// trailing stop) or limit (stop-limit) order.</summary>
    internal bool StopTriggered
    {
        get => _conditions?.StopTriggered ?? false;
        set => Conditional().StopTriggered = value;
    }

    /// <summary>For a trailing stop: the best price seen since acceptance (highest for a sell, lowest for a buy).</summary>
    internal decimal TrailBestPrice
    {
        get => _conditions?.TrailBestPrice ?? 0m;
        set => Conditional().TrailBestPrice = value;
    }

    /// <summary>For a day order: the UTC date of the first bar it met, which is its one session.</summary>
    internal DateOnly? Session { get; set; }

    /// <summary>What this order adds to the venue's running total of cash promised to working buy orders, as of its
    /// last change (zero unless it is a working buy outside a one-cancels-other pair).</summary>
    internal decimal CashPromised { get; set; }

    /// <summary>Adds an event to the order's history; <paramref name="fill"/> is the fill a fill event reports, which the
    /// ticket keeps instead of a copy of its quantity and price.</summary>
    internal void Record(OrderEvent orderEvent, Fill? fill = null)
    {
        switch (_eventCount)
        {
            case 0:
                _first = new Entry(orderEvent, fill);
                break;
            case 1:
                _second = new Entry(orderEvent, fill);
                break;
            default:
                (_later ??= []).Add(orderEvent);
                break;
        }

        _eventCount++;
    }

    public override string ToString() => $"#{Id} {Request} {Status}";

    private Conditions Conditional() => _conditions ??= new Conditions();

    /// <summary>An event as the ticket keeps it: without the order id, which is the ticket's own, and for a fill with the
    /// <see cref="Fill"/> the ledger books (which a backtest keeps anyway) in place of two decimals of its own: 24
    /// bytes instead of 56, twice per order.</summary>
    private readonly struct Entry
    {
        private readonly DateTime _time;

        // The fill of a fill event, the reason of a rejection, cancellation or expiry, or nothing.
        private readonly object? _detail;
        private readonly OrderStatus _status;

        public Entry(OrderEvent orderEvent, Fill? fill)
        {
            _time = orderEvent.Time;
            _status = orderEvent.Status;
            Debug.Assert(
                fill is null ? orderEvent.FillQuantity == 0 : fill.Quantity == orderEvent.FillQuantity && fill.Price == orderEvent.FillPrice && fill.Time == orderEvent.Time,
                "A fill event comes with the fill it reports, and only a fill event does.");
            _detail = fill ?? (object?)orderEvent.Reason;
        }

        public string? Reason => _detail as string;

        public OrderEvent ToEvent(long orderId) => _detail is Fill fill
            ? new(orderId, _time, _status, fill.Quantity, fill.Price, null)
            : new(orderId, _time, _status, Reason: Reason);
    }

    private sealed class Conditions
    {
        public decimal? TrailingStopPrice { get; set; }

        public OneCancelsOtherLink? OneCancelsOtherLink { get; set; }

        public OrderTicket? Parent { get; set; }

        public Bracket? Bracket { get; set; }

        public bool StopTriggered { get; set; }

        public decimal TrailBestPrice { get; set; }
    }
}
