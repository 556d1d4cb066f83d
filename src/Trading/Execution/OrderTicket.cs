using Trading.Domain;

namespace Trading.Execution;

/// <summary>The handle a caller keeps for an order: its id, what was asked, and what has happened since.</summary>
/// <remarks>Only the venue changes a ticket, and only through the order state machine; status is never inferred
/// from the other fields.</remarks>
public sealed class OrderTicket
{
    private readonly List<OrderEvent> _events = [];

    internal OrderTicket(long id, OrderRequest request, DateTime submittedAt)
    {
        Id = id;
        Request = request;
        SubmittedAt = submittedAt;
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

    public IReadOnlyList<OrderEvent> Events => _events;

    internal void Record(OrderEvent orderEvent) => _events.Add(orderEvent);

    public override string ToString() => $"#{Id} {Request} {Status}";
}
