using Trading.Domain;

namespace Trading.Execution;

/// <summary>The one place that changes an order's status. Each transition records an <see cref="OrderEvent"/> on
/// the ticket and raises it to the venue's listeners; an illegal transition throws.</summary>
/// <remarks>
/// Transitions: Submitted → Accepted | Rejected | Cancelled; Accepted → PartiallyFilled | Filled | Cancelled |
/// Expired; PartiallyFilled → PartiallyFilled | Filled | Cancelled | Expired. Filled, cancelled, rejected and expired
/// orders never change. Submitted → Cancelled exists for a bracket's exits, which wait in Submitted for their entry to
/// fill and are cancelled without ever working when the entry dies unfilled.
/// </remarks>
internal sealed class OrderStateMachine(Action<OrderEvent> raise)
{
    public static bool IsAllowed(OrderStatus from, OrderStatus to) => from switch
    {
        OrderStatus.Submitted => to is OrderStatus.Accepted or OrderStatus.Rejected or OrderStatus.Cancelled,
        OrderStatus.Accepted or OrderStatus.PartiallyFilled =>
            to is OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Expired,
        _ => false,
    };

    public void Accept(OrderTicket ticket, DateTime time) => Move(ticket, new OrderEvent(ticket.Id, time, OrderStatus.Accepted));

    public void Reject(OrderTicket ticket, DateTime time, string reason) =>
        Move(ticket, new OrderEvent(ticket.Id, time, OrderStatus.Rejected, Reason: reason));

    public void Cancel(OrderTicket ticket, DateTime time, string reason) =>
        Move(ticket, new OrderEvent(ticket.Id, time, OrderStatus.Cancelled, Reason: reason));

    public void Expire(OrderTicket ticket, DateTime time, string reason) =>
        Move(ticket, new OrderEvent(ticket.Id, time, OrderStatus.Expired, Reason: reason));

    /// <summary>A fill of the ticket's order: Filled when nothing remains, PartiallyFilled otherwise; the ticket's filled
    /// quantity and average price follow, and its history keeps <paramref name="fill"/> itself.</summary>
    public void Fill(OrderTicket ticket, Fill fill)
    {
        var quantity = fill.Quantity;
        var price = fill.Price;
        var remaining = ticket.RemainingQuantity;
        if (quantity <= 0 || quantity > remaining)
        {
            throw new InvalidOperationException($"Order #{ticket.Id} cannot fill {quantity}: {remaining} remain.");
        }

        var status = quantity == remaining ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        var orderEvent = new OrderEvent(ticket.Id, fill.Time, status, quantity, price);
        Check(ticket, orderEvent);

        // No closure for the fill's bookkeeping: this runs once per fill.
        var filled = ticket.FilledQuantity + quantity;
        // The first fill's price is the average (and a decimal division, the dearest operation here, is saved).
        ticket.AverageFillPrice = ticket.FilledQuantity == 0
            ? price
            : ((ticket.AverageFillPrice * ticket.FilledQuantity) + (price * quantity)) / filled;
        ticket.FilledQuantity = filled;
        Complete(ticket, orderEvent, fill);
    }

    /// <summary>Moves the ticket to the event's status; <paramref name="alongside"/> changes the ticket's other
    /// fields only once the transition is known to be legal.</summary>
    public void Move(OrderTicket ticket, OrderEvent orderEvent, Action? alongside = null)
    {
        Check(ticket, orderEvent);
        alongside?.Invoke();
        Complete(ticket, orderEvent);
    }

    private static void Check(OrderTicket ticket, OrderEvent orderEvent)
    {
        if (!IsAllowed(ticket.Status, orderEvent.Status))
        {
            throw new InvalidOperationException($"Order #{ticket.Id} cannot go from {ticket.Status} to {orderEvent.Status}.");
        }
    }

    private void Complete(OrderTicket ticket, OrderEvent orderEvent, Fill? fill = null)
    {
        ticket.Status = orderEvent.Status;
        ticket.Record(orderEvent, fill);
        raise(orderEvent);
    }
}
