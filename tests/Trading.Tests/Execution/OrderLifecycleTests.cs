using Trading.Domain;
using Trading.Execution;
using static Trading.Tests.Execution.VenueHarness;

namespace Trading.Tests.Execution;

/// <summary>Time in force, same-bar fills, the volume cap, the account's say, cancel and replace, splits.</summary>
public class OrderLifecycleTests
{
    private const OrderSide Buy = OrderSide.Buy;
    private const OrderSide Sell = OrderSide.Sell;

    [Fact]
    public void Ids_are_sequential_from_one_and_orders_are_found_by_id()
    {
        var harness = new VenueHarness();
        var a = harness.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(1));
        var b = harness.Submit(OrderRequest.Limit(Aaa, Buy, 1, 9m), Day(1));

        Assert.Equal([1L, 2L], harness.Venue.Orders.Select(o => o.Id));
        Assert.Same(b, harness.Venue.Find(2));
        Assert.Null(harness.Venue.Find(3));
        Assert.Null(harness.Venue.Find(0));
        Assert.Equal(2, harness.Venue.WorkingOrderCount);
        Assert.True(harness.Venue.HasWorkingOrders(Aaa));
        Assert.False(harness.Venue.HasWorkingOrders(Symbol.Parse("BBB")));
        Assert.Equal([a, b], harness.Venue.WorkingOrders(Aaa));
        Assert.Empty(harness.Venue.WorkingOrders(Symbol.Parse("BBB")));
    }

    [Fact]
    public void An_order_sent_again_under_its_client_order_id_is_the_same_order_not_a_new_one()
    {
        var harness = new VenueHarness();
        var first = harness.Submit(OrderRequest.Market(Aaa, Buy, 5) with { ClientOrderId = "client-1" }, Day(1));
        var again = harness.Submit(OrderRequest.Market(Aaa, Buy, 5) with { ClientOrderId = "client-1" }, Day(2));
        var other = harness.Submit(OrderRequest.Market(Aaa, Buy, 5) with { ClientOrderId = "client-2" }, Day(2));

        Assert.Same(first, again);
        Assert.Equal([1L, 2L], harness.Venue.Orders.Select(o => o.Id));
        Assert.Same(other, harness.Venue.FindByClientOrderId("client-2"));
        Assert.Null(harness.Venue.FindByClientOrderId("client-3"));
        Assert.Throws<ArgumentException>(() => harness.Submit(OrderRequest.Market(Aaa, Buy, 5) with { ClientOrderId = "has space" }, Day(2)));
        Assert.Throws<ArgumentException>(() => harness.Submit(OrderRequest.Market(Aaa, Buy, 5) with { ClientOrderId = "node/3" }, Day(2)));
        Assert.Equal(2, harness.Venue.Orders.Count);
    }

    [Fact]
    public void A_venue_with_a_client_order_id_prefix_names_the_orders_that_come_without_one()
    {
        var harness = new VenueHarness(new VenueSettings { ClientOrderIdPrefix = "node/" });
        var named = harness.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(1));
        var own = harness.Submit(OrderRequest.Market(Aaa, Buy, 1) with { ClientOrderId = "mine" }, Day(1));

        Assert.Equal("node/1", named.ClientOrderId);
        Assert.Equal("mine", own.ClientOrderId);
        Assert.Same(named, harness.Venue.FindByClientOrderId("node/1"));
        Assert.Null(new VenueHarness().Submit(OrderRequest.Market(Aaa, Buy, 1), Day(1)).ClientOrderId);
    }

    [Fact]
    public void Cash_promised_to_working_buys_follows_their_fills_replaces_splits_and_cancels()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.5m });
        var limit = harness.Submit(OrderRequest.Limit(Aaa, Buy, 100, 9m), Day(1));
        harness.Submit(OrderRequest.Market(Aaa, Buy, 50), Day(1), referencePrice: 12m);
        harness.Submit(OrderRequest.Market(Aaa, Sell, 30), Day(1));
        harness.Venue.Replace(limit.Id, new OrderChange(Quantity: 200), Day(1));
        harness.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(1));

        // The market buy fills 40 of 50 under the cap (half of a volume of 80); the limit is not reached. The split
        // doubles quantities and halves prices, so promises keep their value.
        harness.Step(Bar(2, 10, 11, 9.5, 10.5, volume: 80));
        harness.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(2));
        harness.Venue.ApplySplit(Aaa, 2m, Day(3));
        harness.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(3));
        harness.Venue.Cancel(limit.Id, Day(3));
        harness.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(3));

        Assert.Equal(
            [0m, 900m, 600m /* the replace, checked against the others */, 1800m + 600m, 1800m + 120m, 1800m + 120m + 10m, 120m + 10m + 10m],
            harness.Funding.Checks.Where(c => c.Order.Side == Buy).Select(c => c.CommittedCash));
    }

    [Fact]
    public void An_accepted_order_records_and_raises_its_events_and_leaves_the_working_list_when_filled()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));
        harness.Step(Bar(2, 10.5, 11, 10, 10.8));

        Assert.Equal(OrderStatus.Filled, ticket.Status);
        Assert.Equal(100m, ticket.FilledQuantity);
        Assert.Equal(10.5m, ticket.AverageFillPrice);
        Assert.Equal(
            [new OrderEvent(1, Day(1), OrderStatus.Accepted), new OrderEvent(1, Day(2), OrderStatus.Filled, 100, 10.5m)],
            ticket.Events);
        Assert.Equal(ticket.Events, harness.Events);
        Assert.Equal(0, harness.Venue.WorkingOrderCount);
        Assert.False(harness.Venue.HasWorkingOrders(Aaa));
    }

    [Fact]
    public void Orders_meet_a_bar_in_submission_order_even_when_a_bracket_exit_starts_working_later()
    {
        var harness = new VenueHarness();
        harness.Venue.SubmitBracket(OrderRequest.Limit(Aaa, Buy, 10, 9m), 12m, 8m, Day(1), 10m);
        harness.Submit(OrderRequest.Limit(Aaa, Sell, 5, 13m), Day(1));
        harness.Step(Bar(2, 9.5, 10, 8.9, 9.5));

        Assert.Equal([2L, 3L, 4L], harness.Venue.WorkingOrders(Aaa).Select(o => o.Id));
    }

    [Fact]
    public void A_listener_may_cancel_an_order_while_the_bar_is_being_matched()
    {
        var harness = new VenueHarness();
        var first = harness.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(1));
        var second = harness.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(1));
        harness.Venue.OrderChanged += e =>
        {
            if (e.OrderId == first.Id && e.Status == OrderStatus.Filled)
            {
                harness.Venue.Cancel(second.Id, e.Time);
            }
        };

        var fill = Assert.Single(harness.Step(Bar(2, 10, 10, 10, 10)));

        Assert.Equal(first.Id, fill.OrderId);
        Assert.Equal(OrderStatus.Cancelled, second.Status);
        Assert.Equal(0, harness.Venue.WorkingOrderCount);
    }

    [Fact]
    public void A_day_order_works_one_session_and_then_expires_while_a_good_till_cancelled_one_stays()
    {
        var harness = new VenueHarness();
        var day = harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m) with { TimeInForce = TimeInForce.Day }, Day(1));
        var gtc = harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m), Day(1));

        // The session of the submission bar ends without the orders having met a bar: both still work.
        harness.Venue.OnSessionEnd(Day(1));
        Assert.Equal(OrderStatus.Accepted, day.Status);

        Assert.Empty(harness.Step(Bar(2, 10, 10.5, 9.5, 10)));
        Assert.Equal(OrderStatus.Expired, day.Status);
        Assert.Equal(new OrderEvent(1, Day(2), OrderStatus.Expired, Reason: "day order: its session ended"), day.Events[^1]);
        Assert.Equal(OrderStatus.Accepted, gtc.Status);

        var fill = Assert.Single(harness.Step(Bar(3, 9.5, 9.8, 8.5, 9)));
        Assert.Equal(2L, fill.OrderId);
    }

    [Fact]
    public void An_intraday_day_order_works_to_the_end_of_its_utc_date_and_expires_before_the_next_dates_bars()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m) with { TimeInForce = TimeInForce.Day }, At(2, 14, 0));

        Assert.Empty(harness.Step(new Bar(At(2, 14, 30), 10, 10.2, 9.8, 10, 1000)));
        Assert.Empty(harness.Step(new Bar(At(2, 20, 30), 10, 10.2, 9.8, 10, 1000)));
        Assert.Equal(OrderStatus.Accepted, ticket.Status);

        // This bar would fill it, but it belongs to the next session.
        Assert.Empty(harness.Step(new Bar(At(3, 14, 30), 8.5, 9, 8, 8.5, 1000)));
        Assert.Equal(OrderStatus.Expired, ticket.Status);
        Assert.Equal(At(3, 14, 30), ticket.Events[^1].Time);
    }

    [Fact]
    public void Same_bar_fills_happen_only_when_switched_on()
    {
        var bar = Bar(2, 10.5, 11, 10, 10.8);
        var off = new VenueHarness();
        off.Open(bar);
        off.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(2));
        Assert.Empty(off.Close(bar));

        var on = new VenueHarness(new VenueSettings { FillOnSameBar = true });
        on.Open(bar);
        on.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(2));
        on.Submit(OrderRequest.MarketOnClose(Aaa, Sell, 5), Day(2));
        var limit = on.Submit(OrderRequest.Limit(Aaa, Buy, 10, 10.9m), Day(2));
        var fills = on.Close(bar);

        Assert.Equal([(1L, 10m, 10.8m), (2L, 5m, 10.8m)], fills.Select(f => (f.OrderId, f.Quantity, f.Price)));
        Assert.All(fills, f => Assert.Equal(Day(2), f.Time));
        Assert.Equal(OrderStatus.Accepted, limit.Status);
    }

    [Fact]
    public void Same_bar_fills_do_not_reach_orders_from_earlier_bars()
    {
        var harness = new VenueHarness(new VenueSettings { FillOnSameBar = true });
        harness.Submit(OrderRequest.MarketOnClose(Aaa, Buy, 10), Day(1));
        var bar = Bar(2, 10.5, 11, 10, 10.8);

        var fill = Assert.Single(harness.Open(bar));
        Assert.Empty(harness.Close(bar));
        Assert.Equal(10.8m, fill.Price);
    }

    [Fact]
    public void The_volume_cap_fills_an_order_over_several_bars_in_whole_shares()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.1m });
        var ticket = harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));

        Assert.Equal(30m, Assert.Single(harness.Step(Bar(2, 10, 10, 10, 10, 300))).Quantity);
        Assert.Equal(OrderStatus.PartiallyFilled, ticket.Status);
        Assert.Equal(25m, Assert.Single(harness.Step(Bar(3, 11, 11, 11, 11, 259))).Quantity);
        Assert.Empty(harness.Step(Bar(4, 11, 11, 11, 11, 0)));
        Assert.Equal(45m, Assert.Single(harness.Step(Bar(5, 12, 12, 12, 12, 100_000))).Quantity);

        Assert.Equal(OrderStatus.Filled, ticket.Status);
        Assert.Equal(100m, ticket.FilledQuantity);
        // (30 × 10 + 25 × 11 + 45 × 12) / 100 = (300 + 275 + 540) / 100.
        Assert.Equal(11.15m, ticket.AverageFillPrice);
        Assert.Equal(
            [OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, OrderStatus.Filled],
            ticket.Events.Select(e => e.Status));
    }

    [Fact]
    public void The_volume_cap_applies_to_each_order_on_its_own()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.5m });
        harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));
        harness.Submit(OrderRequest.Market(Aaa, Sell, 100), Day(1));

        Assert.Equal([50m, 50m], harness.Step(Bar(2, 10, 10, 10, 10, 100)).Select(f => f.Quantity));
    }

    [Fact]
    public void Without_a_cap_volume_is_ignored_even_on_a_bar_that_traded_nothing()
    {
        var harness = new VenueHarness();
        harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));

        Assert.Equal(100m, Assert.Single(harness.Step(Bar(2, 10, 10, 10, 10, 0))).Quantity);
    }

    [Fact]
    public void A_refused_order_is_rejected_with_the_accounts_reason()
    {
        var harness = new VenueHarness();
        harness.Funding.Refusal = "a cash account cannot pay 1,000.00 with 500.00 free";

        var ticket = harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));

        Assert.Equal(OrderStatus.Rejected, ticket.Status);
        Assert.Equal("a cash account cannot pay 1,000.00 with 500.00 free", ticket.Reason);
        Assert.Equal(new OrderEvent(1, Day(1), OrderStatus.Rejected, Reason: ticket.Reason), Assert.Single(harness.Events));
        Assert.Equal(0, harness.Venue.WorkingOrderCount);
        Assert.Empty(harness.Step(Bar(2, 10, 10, 10, 10)));
    }

    [Fact]
    public void The_account_is_asked_with_the_limit_or_reference_price_and_the_cash_other_buys_promise()
    {
        var harness = new VenueHarness();
        harness.Submit(OrderRequest.Limit(Aaa, Buy, 100, 9m), Day(1), referencePrice: 10m);
        harness.Submit(OrderRequest.Limit(Aaa, Sell, 50, 12m), Day(1), referencePrice: 10m);
        harness.Submit(OrderRequest.Market(Aaa, Buy, 20), Day(1), referencePrice: 10m);
        harness.Submit(OrderRequest.Stop(Aaa, Buy, 10, 11m), Day(1), referencePrice: 10m);

        // Buys promise 100 × 9, then also 20 × 10; sells promise nothing.
        Assert.Equal(
            [(9m, 0m), (12m, 900m), (10m, 900m), (11m, 1_100m)],
            harness.Funding.Checks.Select(c => (c.Price, c.CommittedCash)));
    }

    [Fact]
    public void A_partly_filled_buy_promises_only_its_remaining_quantity()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.1m });
        harness.Submit(OrderRequest.Limit(Aaa, Buy, 100, 9m), Day(1));
        harness.Step(Bar(2, 9, 9, 9, 9, 400));

        harness.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(2));

        Assert.Equal(60m * 9m, harness.Funding.Checks[^1].CommittedCash);
    }

    [Fact]
    public void A_fill_the_account_can_only_partly_pay_for_fills_what_it_can_and_cancels_the_rest()
    {
        var harness = new VenueHarness(new VenueSettings { Commission = new FixedPerOrderCommission(1m) });
        harness.Funding.Cash = 1_000m;
        var ticket = harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));

        var fill = Assert.Single(harness.Step(Bar(2, 15, 15, 15, 15)));

        // (1,000 − 1) / 15 = 66.6: 66 shares for 990 + 1 commission.
        Assert.Equal((66m, 15m, 1m), (fill.Quantity, fill.Price, fill.Commission));
        Assert.Equal(OrderStatus.Cancelled, ticket.Status);
        Assert.Equal(66m, ticket.FilledQuantity);
        Assert.StartsWith("insufficient cash at fill: 66 of 100 shares", ticket.Reason, StringComparison.Ordinal);
        Assert.Equal([OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Cancelled], ticket.Events.Select(e => e.Status));
    }

    [Fact]
    public void A_fill_the_account_cannot_pay_for_at_all_cancels_the_order_with_the_reason()
    {
        var harness = new VenueHarness();
        harness.Funding.Cash = 5m;
        var ticket = harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));

        Assert.Empty(harness.Step(Bar(2, 15, 15, 15, 15)));
        Assert.Equal(OrderStatus.Cancelled, ticket.Status);
        Assert.Equal("insufficient cash at fill: 0 of 100 shares affordable at 15 (commission 0)", ticket.Reason);
    }

    [Fact]
    public void Cancel_stops_a_working_order_and_is_false_for_unknown_or_finished_ones()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m), Day(1));

        Assert.True(harness.Venue.Cancel(ticket.Id, Day(1)));
        Assert.Equal(OrderStatus.Cancelled, ticket.Status);
        Assert.Equal(new OrderEvent(1, Day(1), OrderStatus.Cancelled, Reason: "cancelled on request"), ticket.Events[^1]);
        Assert.False(harness.Venue.Cancel(ticket.Id, Day(1)));
        Assert.False(harness.Venue.Cancel(42, Day(1)));
        Assert.Empty(harness.Step(Bar(2, 8, 8, 8, 8)));
    }

    [Fact]
    public void Replace_moves_a_limit_and_keeps_the_id()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m), Day(1));
        Assert.Empty(harness.Step(Bar(2, 10, 10.5, 9.5, 10)));

        var replaced = harness.Venue.Replace(ticket.Id, new OrderChange(LimitPrice: 9.8m), Day(2));

        Assert.Same(ticket, replaced);
        var fill = Assert.Single(harness.Step(Bar(3, 10, 10.5, 9.5, 10)));
        Assert.Equal((1L, 9.8m), (fill.OrderId, fill.Price));
    }

    [Fact]
    public void Replace_can_grow_or_shrink_a_partly_filled_order_but_not_to_or_below_what_has_filled()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.1m });
        var ticket = harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));
        harness.Step(Bar(2, 10, 10, 10, 10, 400));

        var below = Assert.Throws<ArgumentException>(() => harness.Venue.Replace(ticket.Id, new OrderChange(Quantity: 30m), Day(2)));
        Assert.Contains("already filled 40", below.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => harness.Venue.Replace(ticket.Id, new OrderChange(Quantity: 40m), Day(2)));

        harness.Venue.Replace(ticket.Id, new OrderChange(Quantity: 50m), Day(2));
        Assert.Equal(10m, ticket.RemainingQuantity);
        Assert.Equal(10m, Assert.Single(harness.Step(Bar(3, 10, 10, 10, 10, 400))).Quantity);
        Assert.Equal(OrderStatus.Filled, ticket.Status);
    }

    [Fact]
    public void Replace_refuses_what_does_not_fit_the_order()
    {
        var harness = new VenueHarness();
        var limit = harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m), Day(1));
        var trailing = harness.Submit(OrderRequest.TrailingStopByAmount(Aaa, Sell, 10, 1m), Day(1));
        var market = harness.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(1));
        harness.Step(Bar(2, 10, 10.5, 9.5, 10));

        Assert.Throws<ArgumentException>(() => harness.Venue.Replace(limit.Id, new OrderChange(StopPrice: 8m), Day(2)));
        Assert.Throws<ArgumentException>(() => harness.Venue.Replace(limit.Id, new OrderChange(LimitPrice: 0m), Day(2)));
        Assert.Throws<ArgumentException>(() => harness.Venue.Replace(limit.Id, new OrderChange(), Day(2)));
        Assert.Contains("moves its own", Assert.Throws<ArgumentException>(() => harness.Venue.Replace(trailing.Id, new OrderChange(StopPrice: 8m), Day(2))).Message, StringComparison.Ordinal);
        Assert.Contains("Filled", Assert.Throws<ArgumentException>(() => harness.Venue.Replace(market.Id, new OrderChange(Quantity: 20m), Day(2))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => harness.Venue.Replace(99, new OrderChange(Quantity: 20m), Day(2)));
        Assert.Equal(9m, limit.Request.LimitPrice);
    }

    [Fact]
    public void Replace_that_promises_more_cash_asks_the_account_and_leaves_the_order_alone_when_refused()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m), Day(1));
        harness.Funding.Refusal = "not enough cash";

        var refused = Assert.Throws<InvalidOperationException>(() => harness.Venue.Replace(ticket.Id, new OrderChange(Quantity: 20m), Day(1)));

        Assert.Equal("Order #1 cannot be replaced: not enough cash", refused.Message);
        Assert.Equal(10m, ticket.Request.Quantity);
        // Lowering the limit promises less: no question asked.
        harness.Venue.Replace(ticket.Id, new OrderChange(LimitPrice: 8m), Day(1));
        Assert.Equal(8m, ticket.Request.LimitPrice);
    }

    [Fact]
    public void Malformed_orders_and_prices_are_refused_with_an_exception()
    {
        var harness = new VenueHarness();

        Assert.Throws<ArgumentException>(() => harness.Submit(OrderRequest.Market(Aaa, Buy, 10) with { LimitPrice = 9m }, Day(1)));
        Assert.Throws<ArgumentException>(() => harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 9m) with { LimitPrice = null }, Day(1)));
        Assert.Throws<ArgumentException>(() => harness.Submit(OrderRequest.Market(Aaa, Buy, 10) with { Quantity = 0m }, Day(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(1), referencePrice: 0m));
        Assert.Empty(harness.Venue.Orders);
    }

    [Fact]
    public void A_split_restates_working_orders_in_the_new_units()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.1m });
        var limit = harness.Submit(OrderRequest.Limit(Aaa, Buy, 100, 50m), Day(1), referencePrice: 52m);
        var stopLimit = harness.Submit(OrderRequest.StopLimit(Aaa, Sell, 30, 45m, 44m), Day(1), referencePrice: 52m);
        var trailing = harness.Submit(OrderRequest.TrailingStopByAmount(Aaa, Sell, 10, 4m), Day(1), referencePrice: 52m);
        // 40 of the 100 fill at 50 on day 2 (cap 10% of 400).
        harness.Step(Bar(2, 51, 52, 49, 51, 400));

        harness.Venue.ApplySplit(Aaa, 2m, Day(3));

        Assert.Equal((200m, 80m, 120m, 25m, 25m), (limit.Request.Quantity, limit.FilledQuantity, limit.RemainingQuantity, limit.Request.LimitPrice!.Value, limit.AverageFillPrice));
        Assert.Equal((60m, 22.5m, 22m), (stopLimit.Request.Quantity, stopLimit.Request.StopPrice!.Value, stopLimit.Request.LimitPrice!.Value));
        // Best price 52 (the day-2 high) − 4 = 48 before; 24 after, 2 away.
        Assert.Equal((20m, 2m, 24m), (trailing.Request.Quantity, trailing.Request.TrailAmount!.Value, trailing.TrailingStopPrice!.Value));

        var fills = harness.Step(Bar(3, 25.5, 26, 24.5, 25.5, 400));
        Assert.Equal((40m, 25m), (fills[0].Quantity, fills[0].Price));
    }

    [Fact]
    public void A_split_leaves_other_symbols_and_finished_orders_alone()
    {
        var harness = new VenueHarness();
        var other = harness.Venue.Submit(OrderRequest.Limit(Symbol.Parse("BBB"), Buy, 100, 50m), Day(1), 52m);
        var cancelled = harness.Submit(OrderRequest.Limit(Aaa, Buy, 100, 50m), Day(1));
        harness.Venue.Cancel(cancelled.Id, Day(1));

        harness.Venue.ApplySplit(Aaa, 4m, Day(2));

        Assert.Equal((100m, 50m), (other.Request.Quantity, other.Request.LimitPrice!.Value));
        Assert.Equal((100m, 50m), (cancelled.Request.Quantity, cancelled.Request.LimitPrice!.Value));
        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Venue.ApplySplit(Aaa, 0m, Day(2)));
    }
}
