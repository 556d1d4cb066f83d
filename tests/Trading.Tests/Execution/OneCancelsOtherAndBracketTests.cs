using Trading.Domain;
using Trading.Execution;
using static Trading.Tests.Execution.VenueHarness;

namespace Trading.Tests.Execution;

/// <summary>One-cancels-other pairs and brackets: the orders that react to each other's fills.</summary>
public class OneCancelsOtherAndBracketTests
{
    private const OrderSide Buy = OrderSide.Buy;
    private const OrderSide Sell = OrderSide.Sell;

    [Fact]
    public void A_fill_of_one_order_cancels_the_other_naming_it()
    {
        var harness = new VenueHarness();
        var (pullback, breakout) = harness.Venue.SubmitOneCancelsOther(
            OrderRequest.Limit(Aaa, Buy, 10, 9m), OrderRequest.Stop(Aaa, Buy, 10, 11m), Day(1), 10m);
        Assert.Equal((2L, 1L), (pullback.OneCancelsOtherId, breakout.OneCancelsOtherId));

        var fill = Assert.Single(harness.Step(Bar(2, 9.5, 10, 8.8, 9.2)));

        Assert.Equal((1L, 9m), (fill.OrderId, fill.Price));
        Assert.Equal(OrderStatus.Cancelled, breakout.Status);
        Assert.Equal("one-cancels-other: #1 filled", breakout.Reason);
        Assert.Empty(harness.Step(Bar(3, 12, 12, 12, 12)));
    }

    [Fact]
    public void A_partial_fill_is_enough_to_cancel_the_other()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.1m });
        var (first, second) = harness.Venue.SubmitOneCancelsOther(
            OrderRequest.Stop(Aaa, Sell, 100, 9m), OrderRequest.Limit(Aaa, Sell, 100, 12m), Day(1), 10m);

        Assert.Equal(30m, Assert.Single(harness.Step(Bar(2, 9.5, 9.6, 8.5, 9, 300))).Quantity);

        Assert.Equal(OrderStatus.PartiallyFilled, first.Status);
        Assert.Equal(OrderStatus.Cancelled, second.Status);
    }

    [Fact]
    public void The_rejection_of_either_cancels_the_other()
    {
        var harness = new VenueHarness();
        harness.Funding.Refusal = "no";

        var (first, second) = harness.Venue.SubmitOneCancelsOther(
            OrderRequest.Limit(Aaa, Buy, 10, 9m), OrderRequest.Stop(Aaa, Buy, 10, 11m), Day(1), 10m);

        Assert.Equal(OrderStatus.Rejected, first.Status);
        Assert.Equal(OrderStatus.Cancelled, second.Status);
        Assert.Equal("one-cancels-other: #1 was rejected: no", second.Reason);
        Assert.Equal(0, harness.Venue.WorkingOrderCount);
    }

    [Fact]
    public void A_pair_of_buys_promises_only_the_dearer_of_the_two()
    {
        var harness = new VenueHarness();
        harness.Venue.SubmitOneCancelsOther(OrderRequest.Limit(Aaa, Buy, 10, 9m), OrderRequest.Stop(Aaa, Buy, 10, 11m), Day(1), 10m);

        harness.Submit(OrderRequest.Market(Aaa, Buy, 1), Day(1));

        Assert.Equal([0m, 0m, 110m], harness.Funding.Checks.Select(c => c.CommittedCash));
    }

    [Fact]
    public void Both_orders_of_a_pair_must_be_on_one_symbol()
    {
        var harness = new VenueHarness();

        Assert.Throws<ArgumentException>(() => harness.Venue.SubmitOneCancelsOther(
            OrderRequest.Limit(Aaa, Buy, 10, 9m), OrderRequest.Limit(Symbol.Parse("BBB"), Buy, 10, 9m), Day(1), 10m));
    }

    [Fact]
    public void Bracket_exits_wait_for_the_entry_and_follow_its_partial_fills()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.1m });
        var bracket = harness.Venue.SubmitBracket(OrderRequest.Market(Aaa, Buy, 100), takeProfit: 12m, stopLoss: 9m, Day(1), 10m);
        var (entry, profit, loss) = (bracket.Entry, bracket.TakeProfit, bracket.StopLoss);

        Assert.Equal((OrderStatus.Accepted, OrderStatus.Submitted, OrderStatus.Submitted), (entry.Status, profit.Status, loss.Status));
        Assert.Equal((OrderType.Limit, Sell, 12m), (profit.Request.Type, profit.Request.Side, profit.Request.LimitPrice!.Value));
        Assert.Equal((OrderType.Stop, Sell, 9m), (loss.Request.Type, loss.Request.Side, loss.Request.StopPrice!.Value));
        Assert.Equal((1L, 1L), (profit.ParentId!.Value, loss.ParentId!.Value));
        Assert.Equal(1, harness.Venue.WorkingOrderCount);

        // The entry fills 40 at the open; the exits start working for 40, but not on this bar, which reaches 12.5.
        var first = Assert.Single(harness.Step(Bar(2, 10, 12.5, 10, 12, 400)));
        Assert.Equal((1L, 40m), (first.OrderId, first.Quantity));
        Assert.Equal((OrderStatus.Accepted, 40m), (profit.Status, profit.Request.Quantity));
        Assert.Equal((OrderStatus.Accepted, 40m), (loss.Status, loss.Request.Quantity));

        // 30 more: the exits grow to 70.
        Assert.Equal(30m, Assert.Single(harness.Step(Bar(3, 11, 11.5, 10.5, 11, 300))).Quantity);
        Assert.Equal((70m, 70m), (profit.Request.Quantity, loss.Request.Quantity));

        // The last 30 at 11.8, then the take-profit sells all 100 at 12 and cancels the stop-loss.
        var fills = harness.Step(Bar(4, 11.8, 12.5, 11.5, 12.2, 10_000));
        Assert.Equal([(1L, Buy, 30m, 11.8m), (2L, Sell, 100m, 12m)], fills.Select(f => (f.OrderId, f.Side, f.Quantity, f.Price)));
        Assert.Equal((OrderStatus.Filled, OrderStatus.Filled, OrderStatus.Cancelled), (entry.Status, profit.Status, loss.Status));
        Assert.Equal("one-cancels-other: #2 filled", loss.Reason);
        Assert.Equal(0, harness.Venue.WorkingOrderCount);
    }

    [Fact]
    public void Bracket_exits_of_an_entry_cancelled_after_a_partial_fill_keep_protecting_what_filled()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.1m });
        var bracket = harness.Venue.SubmitBracket(OrderRequest.Limit(Aaa, Buy, 100, 10m), 12m, 9m, Day(1), 10m);
        harness.Step(Bar(2, 10, 10.5, 9.8, 10, 250));

        harness.Venue.Cancel(bracket.Entry.Id, Day(2));

        Assert.Equal((OrderStatus.Accepted, 25m), (bracket.StopLoss.Status, bracket.StopLoss.Request.Quantity));
        var fill = Assert.Single(harness.Step(Bar(3, 9.5, 9.6, 8.5, 9, 10_000)));
        Assert.Equal((3L, 25m, 9m), (fill.OrderId, fill.Quantity, fill.Price));
    }

    [Fact]
    public void Bracket_exits_die_with_an_entry_cancelled_rejected_or_expired_unfilled()
    {
        var harness = new VenueHarness();
        var cancelled = harness.Venue.SubmitBracket(OrderRequest.Limit(Aaa, Buy, 10, 9m), 12m, 8m, Day(1), 10m);
        var expired = harness.Venue.SubmitBracket(OrderRequest.Limit(Aaa, Buy, 10, 9m) with { TimeInForce = TimeInForce.Day }, 12m, 8m, Day(1), 10m);
        harness.Venue.Cancel(cancelled.Entry.Id, Day(1));
        harness.Step(Bar(2, 10, 10.5, 9.5, 10));
        harness.Funding.Refusal = "no cash";
        var rejected = harness.Venue.SubmitBracket(OrderRequest.Market(Aaa, Buy, 10), 12m, 8m, Day(2), 10m);

        foreach (var bracket in new[] { cancelled, expired, rejected })
        {
            Assert.Equal(OrderStatus.Cancelled, bracket.TakeProfit.Status);
            Assert.Equal(OrderStatus.Cancelled, bracket.StopLoss.Status);
        }

        Assert.Equal("bracket entry #1 cancelled unfilled: cancelled on request", cancelled.StopLoss.Reason);
        Assert.Equal("bracket entry #4 expired unfilled: day order: its session ended", expired.TakeProfit.Reason);
        Assert.Equal("bracket entry #7 rejected unfilled: no cash", rejected.TakeProfit.Reason);
        Assert.Equal(0, harness.Venue.WorkingOrderCount);
    }

    [Fact]
    public void A_bar_that_reaches_both_exits_fills_the_stop_loss_since_it_cannot_say_which_came_first()
    {
        var harness = new VenueHarness();
        var bracket = harness.Venue.SubmitBracket(OrderRequest.Market(Aaa, Buy, 10), 12m, 9m, Day(1), 10m);
        harness.Step(Bar(2, 10, 10.5, 9.5, 10));

        var fill = Assert.Single(harness.Step(Bar(3, 10.5, 12.5, 8.5, 10)));

        Assert.Equal((3L, 9m), (fill.OrderId, fill.Price));
        Assert.Equal(OrderStatus.Cancelled, bracket.TakeProfit.Status);
    }

    [Fact]
    public void A_bar_that_opens_beyond_the_take_profit_fills_it_at_the_open_even_if_it_later_reaches_the_stop()
    {
        var harness = new VenueHarness();
        var bracket = harness.Venue.SubmitBracket(OrderRequest.Market(Aaa, Buy, 10), 12m, 9m, Day(1), 10m);
        harness.Step(Bar(2, 10, 10.5, 9.5, 10));

        var fill = Assert.Single(harness.Step(Bar(3, 12.5, 13, 8.5, 10)));

        Assert.Equal((2L, 12.5m), (fill.OrderId, fill.Price));
        Assert.Equal(OrderStatus.Cancelled, bracket.StopLoss.Status);
    }

    [Fact]
    public void A_short_bracket_buys_back_at_a_limit_below_or_a_stop_above()
    {
        var harness = new VenueHarness();
        var bracket = harness.Venue.SubmitBracket(OrderRequest.Market(Aaa, Sell, 10), takeProfit: 8m, stopLoss: 11m, Day(1), 10m);
        harness.Step(Bar(2, 10, 10.5, 9.5, 10));

        Assert.Equal((Buy, Buy), (bracket.TakeProfit.Request.Side, bracket.StopLoss.Request.Side));
        var fill = Assert.Single(harness.Step(Bar(3, 10, 11.5, 9.5, 11)));
        Assert.Equal((3L, Buy, 11m), (fill.OrderId, fill.Side, fill.Price));
    }

    [Fact]
    public void A_bracket_with_its_exits_on_the_wrong_sides_is_refused()
    {
        var harness = new VenueHarness();

        var longBracket = Assert.Throws<ArgumentException>(() => harness.Venue.SubmitBracket(OrderRequest.Market(Aaa, Buy, 10), 9m, 12m, Day(1), 10m));
        Assert.Equal("A long bracket's take-profit (9) must be above its stop-loss (12). (Parameter 'takeProfit')", longBracket.Message);
        Assert.Throws<ArgumentException>(() => harness.Venue.SubmitBracket(OrderRequest.Market(Aaa, Sell, 10), 12m, 9m, Day(1), 10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Venue.SubmitBracket(OrderRequest.Market(Aaa, Buy, 10), 12m, 0m, Day(1), 10m));
        Assert.Empty(harness.Venue.Orders);
    }

    [Fact]
    public void A_waiting_bracket_exit_can_be_cancelled_or_have_its_price_moved_but_not_its_quantity()
    {
        var harness = new VenueHarness();
        var bracket = harness.Venue.SubmitBracket(OrderRequest.Limit(Aaa, Buy, 10, 9.5m), 12m, 9m, Day(1), 10m);

        harness.Venue.Replace(bracket.TakeProfit.Id, new OrderChange(LimitPrice: 13m), Day(1));
        Assert.Throws<ArgumentException>(() => harness.Venue.Replace(bracket.StopLoss.Id, new OrderChange(Quantity: 5m), Day(1)));
        Assert.True(harness.Venue.Cancel(bracket.StopLoss.Id, Day(1)));
        harness.Step(Bar(2, 10, 10, 9.4, 9.8));

        Assert.Equal((OrderStatus.Accepted, 13m), (bracket.TakeProfit.Status, bracket.TakeProfit.Request.LimitPrice!.Value));
        Assert.Equal(OrderStatus.Cancelled, bracket.StopLoss.Status);
    }
}
