using Trading.Domain;
using Trading.Execution;

namespace Trading.Tests.Execution;

/// <summary>The transitions an order's status may take, and nothing else.</summary>
public class OrderStateMachineTests
{
    private static readonly HashSet<(OrderStatus, OrderStatus)> Legal =
    [
        (OrderStatus.Submitted, OrderStatus.Accepted),
        (OrderStatus.Submitted, OrderStatus.Rejected),
        (OrderStatus.Submitted, OrderStatus.Cancelled),
        (OrderStatus.Accepted, OrderStatus.PartiallyFilled),
        (OrderStatus.Accepted, OrderStatus.Filled),
        (OrderStatus.Accepted, OrderStatus.Cancelled),
        (OrderStatus.Accepted, OrderStatus.Expired),
        (OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled),
        (OrderStatus.PartiallyFilled, OrderStatus.Filled),
        (OrderStatus.PartiallyFilled, OrderStatus.Cancelled),
        (OrderStatus.PartiallyFilled, OrderStatus.Expired),
    ];

    public static TheoryData<OrderStatus, OrderStatus> AllPairs()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    private static OrderTicket Ticket(OrderStatus status) =>
        new(7, OrderRequest.Market(Symbol.Parse("AAA"), OrderSide.Buy, 10), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)) { Status = status };

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_listed_transitions_are_legal_and_every_other_one_throws(OrderStatus from, OrderStatus to)
    {
        var raised = new List<OrderEvent>();
        var machine = new OrderStateMachine(raised.Add);
        var ticket = Ticket(from);
        var orderEvent = new OrderEvent(7, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), to, Reason: "why");

        Assert.Equal(Legal.Contains((from, to)), OrderStateMachine.IsAllowed(from, to));
        if (Legal.Contains((from, to)))
        {
            machine.Move(ticket, orderEvent);
            Assert.Equal(to, ticket.Status);
            Assert.Equal([orderEvent], ticket.Events);
            Assert.Equal([orderEvent], raised);
        }
        else
        {
            var refused = Assert.Throws<InvalidOperationException>(() => machine.Move(ticket, orderEvent));
            Assert.Equal($"Order #7 cannot go from {from} to {to}.", refused.Message);
            Assert.Equal(from, ticket.Status);
            Assert.Empty(ticket.Events);
            Assert.Empty(raised);
        }
    }

    [Fact]
    public void Terminal_statuses_never_change()
    {
        foreach (var status in Enum.GetValues<OrderStatus>().Where(s => s.IsTerminal()))
        {
            Assert.All(Enum.GetValues<OrderStatus>(), to => Assert.False(OrderStateMachine.IsAllowed(status, to)));
        }
    }

    [Fact]
    public void Fills_move_to_partially_filled_then_filled_and_keep_the_volume_weighted_price()
    {
        var raised = new List<OrderEvent>();
        var machine = new OrderStateMachine(raised.Add);
        var ticket = Ticket(OrderStatus.Accepted);
        var time = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

        machine.Fill(ticket, Fill(ticket, time, 4m, 10m));
        Assert.Equal((OrderStatus.PartiallyFilled, 4m, 10m), (ticket.Status, ticket.FilledQuantity, ticket.AverageFillPrice));
        machine.Fill(ticket, Fill(ticket, time, 6m, 10.5m));

        // (4 × 10 + 6 × 10.5) / 10 = 10.3.
        Assert.Equal((OrderStatus.Filled, 10m, 10.3m), (ticket.Status, ticket.FilledQuantity, ticket.AverageFillPrice));
        Assert.Equal([new OrderEvent(7, time, OrderStatus.PartiallyFilled, 4m, 10m), new OrderEvent(7, time, OrderStatus.Filled, 6m, 10.5m)], raised);

        // The ticket keeps each fill rather than a copy of its numbers, and reports the same events from it.
        Assert.Equal(raised, ticket.Events.TakeLast(2));
    }

    private static Fill Fill(OrderTicket ticket, DateTime time, decimal quantity, decimal price) =>
        new(ticket.Id, time, ticket.Request.Symbol, ticket.Request.Side, quantity, price, 0m);

    [Fact]
    public void A_fill_larger_than_what_remains_or_not_positive_throws_and_changes_nothing()
    {
        var machine = new OrderStateMachine(_ => { });
        var ticket = Ticket(OrderStatus.Accepted);
        var time = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

        Assert.Throws<InvalidOperationException>(() => machine.Fill(ticket, Fill(ticket, time, 11m, 10m)));
        Assert.Throws<InvalidOperationException>(() => machine.Fill(ticket, Fill(ticket, time, 0m, 10m)));
        Assert.Throws<InvalidOperationException>(() => machine.Fill(Ticket(OrderStatus.Submitted), Fill(ticket, time, 1m, 10m)));
        Assert.Equal((OrderStatus.Accepted, 0m), (ticket.Status, ticket.FilledQuantity));
    }

    [Fact]
    public void A_reason_is_kept_on_the_ticket()
    {
        var machine = new OrderStateMachine(_ => { });
        var ticket = Ticket(OrderStatus.Submitted);

        machine.Reject(ticket, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), "no cash");

        Assert.Equal((OrderStatus.Rejected, "no cash"), (ticket.Status, ticket.Reason));
    }
}
