namespace Trading.Domain;

/// <summary>Where an order is in its life. Changes only along the transitions of the order state machine.</summary>
public enum OrderStatus
{
    Submitted = 0,
    Accepted = 1,
    PartiallyFilled = 2,
    Filled = 3,
    Cancelled = 4,
    Rejected = 5,
    Expired = 6,
}

public static class OrderStatusExtensions
{
    /// <summary>Filled, cancelled, rejected and expired orders never change again.</summary>
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired;

    /// <summary>Accepted and partially filled orders are working: they can still fill.</summary>
    public static bool IsWorking(this OrderStatus status) => status is OrderStatus.Accepted or OrderStatus.PartiallyFilled;
}
