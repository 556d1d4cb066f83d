namespace Trading.Domain;

/// <summary>One step in an order's life, in the order it happened: accepted, a fill, cancelled, rejected (with the
/// reason), expired. The ticket's status is always the status of its last event.</summary>
public sealed record OrderEvent(
    long OrderId,
    DateTime Time,
    OrderStatus Status,
    decimal FillQuantity = 0,
    decimal FillPrice = 0,
    string? Reason = null);
