using Trading.Domain;

namespace Trading.Risk;

/// <summary>What pre-trade risk says of an order: accepted, or refused by one check with a reason a trader reads.</summary>
/// <remarks>A class, not a struct: a default struct would read as accepted, and a check must never pass by omission.</remarks>
public sealed record RiskDecision
{
    private RiskDecision(RiskCheck? refusedBy, string? reason)
    {
        RefusedBy = refusedBy;
        Reason = reason;
    }

    public static RiskDecision Accept { get; } = new(null, null);

    /// <summary>The check that refused the order; null when it was accepted.</summary>
    public RiskCheck? RefusedBy { get; }

    /// <summary>Why the order was refused; null when it was accepted.</summary>
    public string? Reason { get; }

    public bool IsAccepted => RefusedBy is null;

    public static RiskDecision Refuse(RiskCheck check, string reason)
    {
        if (!Enum.IsDefined(check))
        {
            throw new ArgumentOutOfRangeException(nameof(check), check, "A refusal names one of the pre-trade checks.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(check, reason);
    }

    /// <summary>The refusal as the order's event: rejected, with the reason, so a refused order has a history like
    /// any other. Only for a refusal.</summary>
    public OrderEvent ToEvent(long orderId, DateTime time) => IsAccepted
        ? throw new InvalidOperationException("An accepted order goes on to the venue; only a refusal is an event of its own.")
        : new OrderEvent(orderId, time, OrderStatus.Rejected, Reason: Reason);

    public override string ToString() => IsAccepted ? "accepted" : $"refused ({RefusedBy}): {Reason}";
}
