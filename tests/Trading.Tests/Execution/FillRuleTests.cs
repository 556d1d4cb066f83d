using Trading.Domain;
using Trading.Execution;
using static Trading.Tests.Execution.VenueHarness;

namespace Trading.Tests.Execution;

/// <summary>Each fill rule of <c>BarFillRules</c>, on bars made up so the answer can be computed by hand.</summary>
public class FillRuleTests
{
    private const OrderSide Buy = OrderSide.Buy;
    private const OrderSide Sell = OrderSide.Sell;

    /// <summary>Submits at day 1 and returns the one fill on day 2's bar, or null.</summary>
    private static Fill? FillOnNextBar(OrderRequest order, Bar bar, decimal referencePrice = 10m)
    {
        var harness = new VenueHarness();
        harness.Submit(order, Day(1), referencePrice);
        return Assert.Single(harness.Step(bar) is { Count: > 0 } fills ? fills : [null!]);
    }

    [Fact]
    public void Market_order_fills_at_the_next_bars_open()
    {
        var fill = FillOnNextBar(OrderRequest.Market(Aaa, Buy, 100), Bar(2, 10.5, 11, 10, 10.8));

        Assert.NotNull(fill);
        Assert.Equal(10.5m, fill.Price);
        Assert.Equal(100m, fill.Quantity);
        Assert.Equal(Day(2), fill.Time);
        Assert.Equal(1L, fill.OrderId);
        Assert.Equal(0m, fill.Commission);
    }

    [Fact]
    public void Market_order_does_not_fill_on_the_bar_it_was_submitted_at()
    {
        var harness = new VenueHarness();
        var bar = Bar(2, 10.5, 11, 10, 10.8);
        var ticket = harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(2));

        Assert.Empty(harness.Step(bar));
        Assert.Equal(OrderStatus.Accepted, ticket.Status);
        Assert.Single(harness.Step(Bar(3, 11, 11, 11, 11)));
    }

    [Fact]
    public void Market_on_open_fills_at_the_next_bars_open_and_market_on_close_at_its_close()
    {
        var bar = Bar(2, 10.5, 11, 10, 10.8);

        Assert.Equal(10.5m, FillOnNextBar(OrderRequest.MarketOnOpen(Aaa, Buy, 10), bar)!.Price);
        Assert.Equal(10.8m, FillOnNextBar(OrderRequest.MarketOnClose(Aaa, Sell, 10), bar)!.Price);
    }

    [Fact]
    public void Market_on_open_with_intraday_bars_waits_for_the_next_sessions_first_bar()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.MarketOnOpen(Aaa, Buy, 10), At(2, 14, 0));

        Assert.Empty(harness.Step(new Bar(At(2, 14, 30), 10, 10, 10, 10, 1000)));
        var fill = Assert.Single(harness.Step(new Bar(At(3, 14, 30), 12, 12.5, 11.5, 12, 1000)));

        Assert.Equal(12m, fill.Price);
        Assert.Equal(OrderStatus.Filled, ticket.Status);
    }

    [Fact]
    public void Limit_buy_fills_at_the_limit_when_the_bar_opens_above_and_trades_through()
    {
        Assert.Equal(10m, FillOnNextBar(OrderRequest.Limit(Aaa, Buy, 10, 10m), Bar(2, 10.5, 11, 9.5, 10.2))!.Price);
    }

    [Fact]
    public void Limit_buy_fills_at_the_open_when_the_bar_gaps_down_through_the_limit()
    {
        Assert.Equal(9m, FillOnNextBar(OrderRequest.Limit(Aaa, Buy, 10, 10m), Bar(2, 9, 9.5, 8.8, 9.2))!.Price);
    }

    [Fact]
    public void Limit_buy_fills_when_the_low_only_touches_the_limit_and_not_when_it_stays_a_cent_above()
    {
        Assert.Equal(10m, FillOnNextBar(OrderRequest.Limit(Aaa, Buy, 10, 10m), Bar(2, 10.5, 11, 10, 10.2))!.Price);
        Assert.Null(FillOnNextBar(OrderRequest.Limit(Aaa, Buy, 10, 10m), Bar(2, 10.5, 11, 10.01, 10.2)));
    }

    [Fact]
    public void Limit_sell_fills_at_the_limit_when_reached_at_the_open_on_a_gap_up_and_not_below_the_limit()
    {
        Assert.Equal(11m, FillOnNextBar(OrderRequest.Limit(Aaa, Sell, 10, 11m), Bar(2, 10.5, 11.2, 10, 11))!.Price);
        Assert.Equal(11.5m, FillOnNextBar(OrderRequest.Limit(Aaa, Sell, 10, 11m), Bar(2, 11.5, 12, 11.2, 11.8))!.Price);
        Assert.Null(FillOnNextBar(OrderRequest.Limit(Aaa, Sell, 10, 11m), Bar(2, 10.5, 10.99, 10, 10.9)));
    }

    [Fact]
    public void Stop_buy_fills_at_the_stop_when_the_high_reaches_it_and_at_the_open_on_a_gap_up()
    {
        Assert.Equal(11m, FillOnNextBar(OrderRequest.Stop(Aaa, Buy, 10, 11m), Bar(2, 10.5, 11.2, 10, 11))!.Price);
        Assert.Equal(11.5m, FillOnNextBar(OrderRequest.Stop(Aaa, Buy, 10, 11m), Bar(2, 11.5, 12, 11.2, 11.8))!.Price);
        Assert.Null(FillOnNextBar(OrderRequest.Stop(Aaa, Buy, 10, 11m), Bar(2, 10.5, 10.99, 10, 10.9)));
    }

    [Fact]
    public void Stop_sell_fills_at_the_stop_when_the_low_reaches_it_and_at_the_open_on_a_gap_down()
    {
        Assert.Equal(9m, FillOnNextBar(OrderRequest.Stop(Aaa, Sell, 10, 9m), Bar(2, 9.5, 10, 8.8, 9.1))!.Price);
        Assert.Equal(8.5m, FillOnNextBar(OrderRequest.Stop(Aaa, Sell, 10, 9m), Bar(2, 8.5, 8.9, 8.2, 8.6))!.Price);
        Assert.Null(FillOnNextBar(OrderRequest.Stop(Aaa, Sell, 10, 9m), Bar(2, 9.5, 10, 9.01, 9.1)));
    }

    [Fact]
    public void Stop_limit_buy_fills_at_the_stop_or_at_an_open_between_stop_and_limit()
    {
        var order = OrderRequest.StopLimit(Aaa, Buy, 10, 11m, 11.5m);

        Assert.Equal(11m, FillOnNextBar(order, Bar(2, 10.5, 11.6, 10.4, 11.2))!.Price);
        Assert.Equal(11.2m, FillOnNextBar(order, Bar(2, 11.2, 11.6, 11.1, 11.4))!.Price);
        Assert.Null(FillOnNextBar(order, Bar(2, 10.5, 10.99, 10.4, 10.9)));
    }

    [Fact]
    public void Stop_limit_buy_gapping_over_stop_and_limit_fills_at_the_limit_when_the_bar_trades_back_down_to_it()
    {
        // Stop 11, limit 11.5. The bar opens at 12: the stop triggers at the open, so the whole bar comes after the
        // trigger and the order is a limit buy at 11.5 for all of it; the low 11.3 reaches the limit.
        var order = OrderRequest.StopLimit(Aaa, Buy, 10, 11m, 11.5m);

        Assert.Equal(11.5m, FillOnNextBar(order, Bar(2, 12, 12.5, 11.3, 12.2))!.Price);
        Assert.Equal(11.5m, FillOnNextBar(order, Bar(2, 12, 12.5, 11.5, 12.2))!.Price);
    }

    [Fact]
    public void Stop_limit_sell_gapping_under_stop_and_limit_fills_at_the_limit_when_the_bar_trades_back_up_to_it()
    {
        // Stop 9, limit 8.5. The bar opens at 8, under both; the high 8.7 comes back through the limit.
        var order = OrderRequest.StopLimit(Aaa, Sell, 10, 9m, 8.5m);

        Assert.Equal(8.5m, FillOnNextBar(order, Bar(2, 8, 8.7, 7.9, 8.2))!.Price);
    }

    [Fact]
    public void Stop_limit_buy_gapping_over_its_limit_and_staying_there_stays_triggered_and_then_works_as_a_limit()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.StopLimit(Aaa, Buy, 10, 11m, 11.5m), Day(1));

        // Opens at 12, above the limit, and never trades back down to 11.5.
        Assert.Empty(harness.Step(Bar(2, 12, 12.5, 11.6, 12.2)));
        Assert.Equal(OrderStatus.Accepted, ticket.Status);
        Assert.True(ticket.StopTriggered);

        // Now a limit buy at 11.5, whatever the stop: the bar opens at 11.8 and trades down to 11.4.
        var fill = Assert.Single(harness.Step(Bar(3, 11.8, 11.9, 11.4, 11.6)));
        Assert.Equal(11.5m, fill.Price);
    }

    [Fact]
    public void Stop_limit_buy_with_its_limit_under_the_stop_fills_on_a_gap_but_not_when_triggered_inside_the_bar()
    {
        // Stop 11, limit 10.5 (buy the pullback after a breakout).
        var order = OrderRequest.StopLimit(Aaa, Buy, 10, 11m, 10.5m);

        // A gap to 12 triggers at the open; the bar then falls to 10.4, through the limit: filled at 10.5.
        Assert.Equal(10.5m, FillOnNextBar(order, Bar(2, 12, 12.2, 10.4, 10.8))!.Price);

        // Opened at 10.6 under the stop, the bar reached the stop at some point and 10.4 at another: which came
        // first is unknown, so there is no fill on this bar.
        Assert.Null(FillOnNextBar(order, Bar(2, 10.6, 11.2, 10.4, 10.8)));
    }

    [Fact]
    public void Stop_limit_sell_fills_at_the_stop_and_a_gap_below_its_limit_waits_for_the_limit()
    {
        var order = OrderRequest.StopLimit(Aaa, Sell, 10, 9m, 8.5m);
        Assert.Equal(9m, FillOnNextBar(order, Bar(2, 9.5, 9.8, 8.9, 9.1))!.Price);
        Assert.Equal(8.7m, FillOnNextBar(order, Bar(2, 8.7, 8.9, 8.6, 8.8))!.Price);

        var harness = new VenueHarness();
        harness.Submit(order, Day(1));
        Assert.Empty(harness.Step(Bar(2, 8, 8.4, 7.9, 8.2)));
        Assert.Empty(harness.Step(Bar(3, 8, 8.49, 7.9, 8.2)));
        Assert.Equal(8.5m, Assert.Single(harness.Step(Bar(4, 8.2, 8.6, 8.1, 8.5))).Price);
    }

    [Fact]
    public void Trailing_sell_stop_checks_the_old_level_before_the_bars_high_raises_it()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.TrailingStopByAmount(Aaa, Sell, 10, 1m), Day(1), referencePrice: 10m);
        Assert.Equal(9m, ticket.TrailingStopPrice);

        // High 12 would lift the level to 11 and the low 10.5 is under that, but the low may have come first.
        Assert.Empty(harness.Step(Bar(2, 10, 12, 10.5, 11.5)));
        Assert.Equal(11m, ticket.TrailingStopPrice);

        var fill = Assert.Single(harness.Step(Bar(3, 11.8, 11.9, 10.9, 11)));
        Assert.Equal(11m, fill.Price);
    }

    [Fact]
    public void Trailing_sell_stop_by_percent_follows_the_highest_high_and_fills_at_the_open_on_a_gap_down()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.TrailingStopByPercent(Aaa, Sell, 10, 0.05m), Day(1), referencePrice: 100m);
        Assert.Equal(95m, ticket.TrailingStopPrice);

        Assert.Empty(harness.Step(Bar(2, 100, 110, 99, 108)));
        Assert.Equal(104.5m, ticket.TrailingStopPrice);
        Assert.Empty(harness.Step(Bar(3, 108, 109, 105, 106)));
        Assert.Equal(104.5m, ticket.TrailingStopPrice);

        Assert.Equal(100m, Assert.Single(harness.Step(Bar(4, 100, 101, 99, 100))).Price);
    }

    [Fact]
    public void Trailing_buy_stop_follows_the_lowest_low_and_fills_at_the_level()
    {
        var harness = new VenueHarness();
        var ticket = harness.Submit(OrderRequest.TrailingStopByAmount(Aaa, Buy, 10, 0.5m), Day(1), referencePrice: 10m);
        Assert.Equal(10.5m, ticket.TrailingStopPrice);

        Assert.Empty(harness.Step(Bar(2, 10, 10.4, 9, 9.2)));
        Assert.Equal(9.5m, ticket.TrailingStopPrice);

        Assert.Equal(9.5m, Assert.Single(harness.Step(Bar(3, 9.2, 9.6, 9.1, 9.5))).Price);
    }

    [Fact]
    public void A_triggered_stop_left_partly_unfilled_by_the_volume_cap_fills_at_the_following_opens()
    {
        var harness = new VenueHarness(new VenueSettings { MaxVolumeParticipation = 0.1m });
        var ticket = harness.Submit(OrderRequest.Stop(Aaa, Sell, 100, 9m), Day(1));

        Assert.Equal((60m, 9m), Pair(Assert.Single(harness.Step(Bar(2, 9.5, 9.6, 8.8, 9, 600)))));
        // The price is back above the stop, but a triggered stop is a market order.
        Assert.Equal((40m, 9.7m), Pair(Assert.Single(harness.Step(Bar(3, 9.7, 10, 9.6, 9.9, 600)))));
        Assert.Equal(OrderStatus.Filled, ticket.Status);

        static (decimal, decimal) Pair(Fill fill) => (fill.Quantity, fill.Price);
    }

    [Fact]
    public void Slippage_makes_a_buy_dearer_and_a_sell_cheaper()
    {
        var harness = new VenueHarness(new VenueSettings { Slippage = new FixedBasisPointsSlippage(10) });
        harness.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(1));
        harness.Submit(OrderRequest.Market(Aaa, Sell, 10), Day(1));

        var fills = harness.Step(Bar(2, 50, 51, 49, 50.5));

        Assert.Equal(50.05m, fills[0].Price);
        Assert.Equal(49.95m, fills[1].Price);
    }

    [Fact]
    public void Slippage_never_takes_a_sell_under_the_bars_low_nor_a_buy_over_its_high()
    {
        var harness = new VenueHarness(new VenueSettings { Slippage = new FixedBasisPointsSlippage(5) });

        // Opens at its low, 4.19445: 5 bp would sell at 4.192352775, a price this bar never traded.
        harness.Submit(OrderRequest.Market(Aaa, Sell, 10), Day(1));
        Assert.Equal(4.19445m, Assert.Single(harness.Step(Bar(2, 4.19445, 4.25, 4.19445, 4.2))).Price);

        // Opens at 50 with a high of 50.01: 5 bp would buy at 50.025, capped at the high.
        harness.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(2));
        Assert.Equal(50.01m, Assert.Single(harness.Step(Bar(3, 50, 50.01, 49, 49.5))).Price);

        // Room inside the range: the full 5 bp, 50 × 1.0005 = 50.025 under the high 51.
        harness.Submit(OrderRequest.Market(Aaa, Buy, 10), Day(3));
        Assert.Equal(50.025m, Assert.Single(harness.Step(Bar(4, 50, 51, 49, 50.5))).Price);
    }

    [Fact]
    public void Volume_share_slippage_is_capped_at_the_bar_too()
    {
        // 100 of 1,000 shares: impact 0.1 × 0.1² = 0.1%, 20 × 1.001 = 20.02 over the high 20.01.
        var harness = new VenueHarness(new VenueSettings { Slippage = new VolumeShareSlippage() });
        harness.Submit(OrderRequest.Market(Aaa, Buy, 100), Day(1));

        Assert.Equal(20.01m, Assert.Single(harness.Step(Bar(2, 20, 20.01, 19.5, 19.8, 1_000))).Price);
    }

    [Fact]
    public void Slippage_never_takes_a_limit_order_past_its_limit()
    {
        var settings = new VenueSettings { Slippage = new FixedBasisPointsSlippage(10) };
        var harness = new VenueHarness(settings);
        harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 10m), Day(1));
        Assert.Equal(10m, Assert.Single(harness.Step(Bar(2, 10.5, 11, 9.5, 10.2))).Price);

        // On a gap down the open 9 leaves room: 9 × 1.001.
        harness.Submit(OrderRequest.Limit(Aaa, Buy, 10, 10m), Day(2));
        Assert.Equal(9.009m, Assert.Single(harness.Step(Bar(3, 9, 9.5, 8.8, 9.2))).Price);
    }

    [Fact]
    public void Bar_prices_become_the_decimal_a_person_would_write()
    {
        Assert.Equal(100.1m, FillOnNextBar(OrderRequest.Market(Aaa, Buy, 1), Bar(2, 100.1, 100.3, 99.9, 100.2))!.Price);
        Assert.Equal(0.07m, FillOnNextBar(OrderRequest.Market(Aaa, Buy, 1), Bar(2, 0.07, 0.08, 0.06, 0.07))!.Price);
    }
}
