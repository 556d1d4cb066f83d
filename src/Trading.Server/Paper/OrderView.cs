using Trading.Domain;
using Trading.Execution;

namespace Trading.Server.Paper;

/// <summary>An order as the API shows it: what was asked, where it stands, and every event of its life.</summary>
internal sealed record OrderView(
    long Id,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal? LimitPrice,
    decimal? StopPrice,
    decimal? TrailAmount,
    decimal? TrailPercent,
    TimeInForce TimeInForce,
    string? Tag,
    string? ClientOrderId,
    OrderStatus Status,
    decimal FilledQuantity,
    decimal RemainingQuantity,
    decimal AverageFillPrice,
    string? Reason,
    DateTime SubmittedAt,
    IReadOnlyList<OrderEventView> Events)
{
    public static OrderView Of(OrderTicket ticket)
    {
        var request = ticket.Request;
        return new OrderView(
            ticket.Id,
            request.Symbol.Value,
            request.Side,
            request.Type,
            request.Quantity,
            request.LimitPrice,
            request.StopPrice,
            request.TrailAmount,
            request.TrailPercent,
            request.TimeInForce,
            request.Tag,
            ticket.ClientOrderId,
            ticket.Status,
            ticket.FilledQuantity,
            ticket.RemainingQuantity,
            ticket.AverageFillPrice,
            ticket.Reason,
            ticket.SubmittedAt,
            [.. ticket.Events.Select(e => new OrderEventView(e.Time, e.Status, e.FillQuantity, e.FillPrice, e.Reason))]);
    }
}

/// <summary>One step of an order's life.</summary>
internal sealed record OrderEventView(DateTime Time, OrderStatus Status, decimal FillQuantity, decimal FillPrice, string? Reason);
