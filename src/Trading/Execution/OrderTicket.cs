using Trading.Domain;

namespace Trading.Execution;

/// <summary>The handle a caller keeps for an order: its id, what was asked, and what has happened since.</summary>
/// <remarks>Only the venue changes a ticket, and only through the order state machine; status is never inferred
/// from the other fields.</remarks>
public sealed class OrderTicket
{
    // Most orders see two events (accepted, then filled or cancelled): those are fields, and only an order with
    // more has a list. A backtest keeps every ticket, so each object less per order is garbage collection saved.
    private OrderEvent? _first;
    private OrderEvent? _second;
    private List<OrderEvent>? _later;

    internal OrderTicket(long id, OrderRequest request, DateTime submittedAt)
    {
        Id = id;
        Request = request;
        SubmittedAt = submittedAt;
        EligibleAfter = submittedAt;
    }

    public long Id { get; }

    /// <summary>The order as it stands (a replace changes it).</summary>
    public OrderRequest Request { get; internal set; }

    public DateTime SubmittedAt { get; }

    public OrderStatus Status { get; internal set; } = OrderStatus.Submitted;

    public decimal FilledQuantity { get; internal set; }

    public decimal RemainingQuantity => Request.Quantity - FilledQuantity;

    /// <summary>Volume-weighted price of the fills so far (0 before the first).</summary>
    public decimal AverageFillPrice { get; internal set; }

    /// <summary>Why the order was rejected, cancelled or expired, when it was.</summary>
    public string? Reason { get; internal set; }

    /// <summary>The order's events so far, oldest first (a copy, made when asked for).</summary>
    public IReadOnlyList<OrderEvent> Events
    {
        get
        {
            if (_first is null)
            {
                return [];
            }

            if (_second is null)
            {
                return [_first];
            }

            return _later is null ? [_first, _second] : [_first, _second, .. _later];
        }
    }

    /// <summary>For a trailing stop: the stop level it would trigger at on the next bar.</summary>
    public decimal? TrailingStopPrice { get; internal set; }

    /// <summary>The other order of a one-cancels-other pair (a bracket's two exits are one), if any.</summary>
    public long? OneCancelsOtherId => OneCancelsOther?.Id;

    /// <summary>For a bracket's exit: the entry whose fills it closes.</summary>
    public long? ParentId => Parent?.Id;

    internal OneCancelsOtherLink? OneCancelsOtherLink { get; set; }

    internal OrderTicket? OneCancelsOther => OneCancelsOtherLink?.OtherThan(this);

    internal OrderTicket? Parent { get; set; }

    /// <summary>For a bracket's entry: its take-profit and stop-loss, which follow its fills.</summary>
    internal Bracket? Bracket { get; set; }

    /// <summary>Only bars stamped strictly after this time may fill the order: its submission, or for a bracket's
    /// exit the fill of its entry (no fill on information the order could not have had).</summary>
    internal DateTime EligibleAfter { get; set; }

    /// <summary>The price the order was checked against at submission (the latest close then).</summary>
    internal decimal ReferencePrice { get; set; }

    /// <summary>A stop, stop-limit or trailing stop whose stop has been reached: from then on a market (stop,
    /// trailing stop) or limit (stop-limit) order.</summary>
    internal bool StopTriggered { get; set; }

    /// <summary>For a trailing stop: the best price seen since acceptance (highest for a sell, lowest for a buy).</summary>
    internal decimal TrailBestPrice { get; set; }

    /// <summary>For a day order: the UTC date of the first bar it met, which is its one session.</summary>
    internal DateOnly? Session { get; set; }

    /// <summary>What this order adds to the venue's running total of cash promised to working buy orders, as of its
    /// last change (zero unless it is a working buy outside a one-cancels-other pair).</summary>
    internal decimal CashPromised { get; set; }

    internal void Record(OrderEvent orderEvent)
    {
        if (_first is null)
        {
            _first = orderEvent;
        }
        else if (_second is null)
        {
            _second = orderEvent;
        }
        else
        {
            (_later ??= []).Add(orderEvent);
        }
    }

    public override string ToString() => $"#{Id} {Request} {Status}";
}
