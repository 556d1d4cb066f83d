namespace Trading.Domain;

/// <summary>One step in an order's life, in the order it happened: accepted, a fill, cancelled, rejected (with the
/// reason), expired. The ticket's status is always the status of its last event.</summary>
/// <remarks>A value, not an object: every order has at least two events and a backtest keeps every order, so events
/// live inside their ticket rather than as objects of their own for the collector to trace.</remarks>
public readonly record struct OrderEvent(
    long OrderId,
    DateTime Time,
    OrderStatus Status,
    decimal FillQuantity = 0,
    decimal FillPrice = 0,
    string? Reason = null);
