using Trading.Accounting;
using Trading.Domain;
using Trading.Strategies;
using Trading.Strategies.BuiltIn;

namespace Trading.Tests.Strategies;

public sealed class BuiltInStrategyTests
{
    private static FakeStrategyContext Market(StrategyDefinition definition, string settings, params string[] symbols)
    {
        var values = new Dictionary<string, string>();
        foreach (var pair in settings.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            values[parts[0]] = parts[1];
        }

        return new FakeStrategyContext(definition.Create(values), symbols.Length == 0 ? ["AAA"] : symbols);
    }

    private static (OrderSide Side, int Bar, decimal Quantity)[] Trades(FakeStrategyContext market) =>
        [.. market.Orders.Select(o => (o.Side, o.Bar, o.Quantity))];

    [Fact]
    public void Sma_cross_buys_on_the_bar_fast_crosses_above_slow_and_sells_on_the_bar_it_crosses_below()
    {
        // fast 2, slow 3; both ready from bar 2.
        //   bar 2: SMA2 (9+8)/2 = 8.5,   SMA3 (10+9+8)/3 = 9      below (first ready bar: sets the side, no trade)
        //   bar 3: SMA2 7.5,             SMA3 8                   below
        //   bar 4: SMA2 7.5,             SMA3 (8+7+8)/3 = 7.67    below
        //   bar 5: SMA2 (8+10)/2 = 9,    SMA3 (7+8+10)/3 = 8.33   above: cross up, buy
        //   bar 6: SMA2 11,              SMA3 10                  above (filled at bar 6's open, 12)
        //   bar 7: SMA2 11.5,            SMA3 11                  above
        //   bar 8: SMA2 10,              SMA3 (12+11+9)/3 = 10.67 below: cross down, sell the 10 shares
        //   bar 9: SMA2 8,               SMA3 9                   below
        var market = Market(SmaCross.Definition, "fast=2,slow=3,quantity=10");
        market.Run(10, 9, 8, 7, 8, 10, 12, 11, 9, 7);

        Assert.Equal([(OrderSide.Buy, 5, 10m), (OrderSide.Sell, 8, 10m)], Trades(market));
        Assert.Equal(0, market.PositionOf("AAA"));
        Assert.Equal("entry", market.Orders[0].Request.Tag);
        Assert.Equal(OrderType.Market, market.Orders[0].Request.Type);
    }

    [Fact]
    public void Sma_cross_does_not_trade_when_fast_is_already_above_slow_as_they_become_ready()
    {
        // Rising prices: at bar 2, SMA2 2.5 > SMA3 2, and fast stays above slow. Above is not a cross.
        var market = Market(SmaCross.Definition, "fast=2,slow=3");
        market.Run(1, 2, 3, 4, 5, 6, 7, 8);

        Assert.Empty(market.Orders);
    }

    [Fact]
    public void Sma_cross_does_not_trade_before_both_averages_are_ready()
    {
        // fast 1 is ready from bar 0 and whipsaws around the price; slow 4 is ready only from bar 3.
        // bar 3: SMA1 5, SMA4 (10+1+10+5)/4 = 6.5 below (first ready side); bar 4: SMA1 9, SMA4 (1+10+5+9)/4 = 6.25 above: buy.
        var market = Market(SmaCross.Definition, "fast=1,slow=4,quantity=1");
        market.Run(10, 1, 10, 5, 9);

        Assert.Equal([(OrderSide.Buy, 4, 1m)], Trades(market));
    }

    [Fact]
    public void Sma_cross_does_not_cross_up_on_averages_equal_in_decimal_that_doubles_put_a_bit_apart()
    {
        // fast 10, slow 30, both ready at bar 29. Closes: 21 bars at 10.01, 9 at 9.98, then 10.28 and 10.40.
        //   bar 29: fast (10.01 + 9 × 9.98) / 10 = 9.983, slow (21 × 10.01 + 9 × 9.98) / 30 = 10.001   below
        //   bar 30: fast (9 × 9.98 + 10.28) / 10 = 100.10 / 10 = 10.01,
        //           slow (20 × 10.01 + 9 × 9.98 + 10.28) / 30 = 300.30 / 30 = 10.01                     equal: no cross
        //           (the running double sums give fast 10.010000000000002 and slow 10.01)
        //   bar 31: fast (8 × 9.98 + 10.28 + 10.40) / 10 = 10.052, slow (19 × 10.01 + ... + 10.40) / 30 = 10.023  above: buy
        var market = Market(SmaCross.Definition, "fast=10,slow=30,quantity=1");
        market.Run([.. Enumerable.Repeat(10.01, 21), .. Enumerable.Repeat(9.98, 9), 10.28, 10.40]);

        Assert.Equal([(OrderSide.Buy, 31, 1m)], Trades(market));
    }

    [Fact]
    public void Sma_cross_keeps_its_side_on_averages_equal_in_decimal_so_no_false_cross_follows()
    {
        // Closes: 21 bars at 10.02, 9 at 10.05, then 9.75 and 10.10.
        //   bar 29: fast 10.047, slow 10.029                                                    above (first side)
        //   bar 30: fast (9 × 10.05 + 9.75) / 10 = 10.02, slow (20 × 10.02 + 9 × 10.05 + 9.75) / 30 = 10.02
        //           equal (the doubles say 10.02 and 10.020000000000001): fast stays above, nothing to cross
        //   bar 31: fast (8 × 10.05 + 9.75 + 10.10) / 10 = 10.025, slow 300.68 / 30 = 10.0227     above: still no cross
        // Had the tie counted as "below", bar 31 would have been a cross up and a buy.
        var market = Market(SmaCross.Definition, "fast=10,slow=30,quantity=1");
        market.Run([.. Enumerable.Repeat(10.02, 21), .. Enumerable.Repeat(10.05, 9), 9.75, 10.10]);

        Assert.Empty(market.Orders);
    }

    [Fact]
    public void Sma_cross_keeps_each_symbol_apart()
    {
        // AAA crosses up at bar 5 (the path above); BBB rises throughout and never crosses.
        var market = Market(SmaCross.Definition, "fast=2,slow=3,quantity=10", "AAA", "BBB");
        double[] aaa = [10, 9, 8, 7, 8, 10, 12];
        for (var i = 0; i < aaa.Length; i++)
        {
            market.Step(aaa[i], i + 1);
        }

        var order = Assert.Single(market.Orders);
        Assert.Equal((0, 5, OrderSide.Buy), (order.Symbol, order.Bar, order.Side));
    }

    [Fact]
    public void Rsi_reversion_buys_while_oversold_and_flat_and_sells_once_overbought()
    {
        // period 2 (Wilder): seeded with the mean of the first 2 changes, then avg = (avg + change) / 2.
        //   bar 2: changes -1, -1      gain 0,      loss 1       RSI 0     below 30 and flat: buy
        //   bar 3: +1                  gain 0.5,    loss 0.5     RSI 50    hold
        //   bar 4: +1                  gain 0.75,   loss 0.25    RSI 75    above 70: sell
        //   bar 5: +1                  gain 0.875,  loss 0.125   RSI 87.5  flat: nothing
        //   bar 6: -4                  gain 0.4375, loss 2.0625  RSI 17.5  oversold and flat: buy again
        //   bar 7: -1                  gain 0.21875,loss 1.53125 RSI 12.5  oversold but long: no second entry
        var market = Market(RsiReversion.Definition, "period=2,quantity=5");
        market.Run(10, 9, 8, 9, 10, 11, 7, 6);

        Assert.Equal([(OrderSide.Buy, 2, 5m), (OrderSide.Sell, 4, 5m), (OrderSide.Buy, 6, 5m)], Trades(market));
    }

    [Fact]
    public void Bollinger_breakout_buys_a_close_above_the_upper_band_and_exits_below_the_middle()
    {
        // period 3, 1 population standard deviation:
        //   bar 2: 10, 11, 10   mean 10.33, sd 0.47, upper 10.80   close 10 inside: nothing
        //   bar 3: 11, 10, 14   mean 11.67, sd 1.70, upper 13.37   close 14 above the upper band: buy
        //   bar 4: 10, 14, 13   mean 12.33                         close 13 above the middle: hold
        //   bar 5: 14, 13, 11   mean 12.67                         close 11 below the middle: sell
        //   bar 6: 13, 11, 10   mean 11.33, upper 12.28            close 10, flat: nothing
        var market = Market(BollingerBreakout.Definition, "period=3,stddev=1,quantity=3");
        market.Run(10, 11, 10, 14, 13, 11, 10);

        Assert.Equal([(OrderSide.Buy, 3, 3m), (OrderSide.Sell, 5, 3m)], Trades(market));
    }

    [Fact]
    public void Bollinger_breakout_holds_when_the_close_equals_the_middle_band_in_decimal()
    {
        // period 3, 1 population standard deviation:
        //   bar 2: 10, 10, 13.23      mean 11.0767, sd 1.5226, upper 12.5993   close 13.23 above the upper band: buy
        //   bar 3: 10, 13.23, 14.83   mean 12.6867                            close 14.83 above the middle: hold
        //   bar 4: 13.23, 14.83, 14.03  mean 42.09 / 3 = 14.03                close 14.03 equals the middle: hold
        //          (the running double sums put the middle at 14.030000000000001, a bit above the close)
        var market = Market(BollingerBreakout.Definition, "period=3,stddev=1,quantity=3");
        market.Run(10, 10, 13.23, 14.83, 14.03);

        Assert.Equal([(OrderSide.Buy, 2, 3m)], Trades(market));
    }

    [Fact]
    public void Buy_and_hold_buys_each_symbol_once_at_the_first_bar_it_sees()
    {
        // BBB has no bar at the first step, so its first bar (and its buy) comes one step later.
        var market = Market(BuyAndHold.Definition, "quantity=7", "AAA", "BBB");
        market.Step(100, double.NaN);
        market.Step(101, 50);
        market.Step(102, 51);
        market.Step(103, 52);

        Assert.Equal([(0, 0, OrderSide.Buy), (1, 0, OrderSide.Buy)], market.Orders.Select(o => (o.Symbol, o.Bar, o.Side)));
        Assert.Equal(7, market.PositionOf("AAA"));
        Assert.Equal(7, market.PositionOf("BBB"));
    }

    [Fact]
    public void No_second_entry_while_the_first_is_still_working()
    {
        var market = Market(BuyAndHold.Definition, "quantity=7");
        market.Fills = false;
        market.Run(100, 101, 102);

        Assert.Single(market.Orders);
    }

    [Fact]
    public void Buy_and_hold_tries_again_after_a_rejected_buy()
    {
        var market = Market(BuyAndHold.Definition, "quantity=7");
        market.RejectBuys = true;
        market.Run(100, 101);
        market.RejectBuys = false;
        market.Run(102, 103, 104);

        // Bar 0's buy is rejected at bar 1's open; bar 1 sends another, which fills at bar 2's open.
        Assert.Equal([0, 1], market.Orders.Select(o => o.Bar));
        Assert.Equal(7, market.PositionOf("AAA"));
    }

    [Fact]
    public void Allocation_splits_equity_evenly_across_the_universe_in_whole_shares()
    {
        // 100,000 × 0.5 / 2 symbols = 25,000 per symbol; 25,000 / 101 = 247.52 → 247 shares; 25,000 / 40 = 625.
        var market = Market(BuyAndHold.Definition, "allocation=0.5", "AAA", "BBB");
        market.Step(101, 40);

        Assert.Equal([247m, 625m], market.Orders.Select(o => o.Quantity));
    }

    [Fact]
    public void Default_allocation_invests_all_equity_split_across_symbols()
    {
        // 100,000 × 1 / 3 = 33,333.33; / 70 = 476.19 → 476.
        var market = Market(BuyAndHold.Definition, string.Empty, "AAA", "BBB", "CCC");
        market.Step(70, 70, 70);

        Assert.Equal([476m, 476m, 476m], market.Orders.Select(o => o.Quantity));
    }

    [Fact]
    public void Quantity_buys_fixed_shares_whatever_the_equity()
    {
        var market = Market(BuyAndHold.Definition, "quantity=3");
        market.Cash = 50m;
        market.Step(101);

        Assert.Equal(3m, Assert.Single(market.Orders).Quantity);
    }

    [Fact]
    public void An_allocation_too_small_for_one_share_sends_nothing_and_warns_once()
    {
        // 100 × 1 / 1 = 100 < one share at 101.
        var market = Market(BuyAndHold.Definition, string.Empty);
        market.Cash = 100m;
        market.Run(101, 102, 103);

        Assert.Empty(market.Orders);
        var warning = Assert.Single(market.Warnings);
        Assert.Contains("AAA", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Position_sizing_arithmetic()
    {
        var byAllocation = new PositionSizing(0, 0.5m);
        Assert.Equal(247m, byAllocation.Shares(100_000m, 2, 101m));
        Assert.Equal(0m, byAllocation.Shares(0m, 2, 101m));
        Assert.Equal(0m, byAllocation.Shares(100_000m, 2, 0m));
        Assert.Equal(12m, new PositionSizing(12, 1m).Shares(100m, 2, 101m));
    }

    [Fact]
    public void Sizing_takes_the_approximate_equity_when_it_decides_the_share_count_and_the_exact_one_when_not()
    {
        var byAllocation = new PositionSizing(0, 0.5m);
        var context = new FakeStrategyContext(new BuyAndHold(BuyAndHold.Definition.Bind(new Dictionary<string, string>())), "AAA", "BBB");

        // 100,000 × 0.5 / 2 / 101 = 247.5: an approximation within 1 of 100,000 decides it (the exact equity, set
        // far off here to show which one was read, is not consulted).
        context.Cash = 1m;
        context.Approximation = new ApproximateEquity(100_000, 1);
        Assert.Equal(247m, byAllocation.Shares(context, 101m));

        // 100,000 × 0.5 / 2 / 100 = 250 exactly: within the approximation's error it could be 249.99, so the exact
        // equity decides.
        context.Cash = 100_000m;
        Assert.Equal(250m, byAllocation.Shares(context, 100m));
        context.Cash = 99_999.99m;
        Assert.Equal(249m, byAllocation.Shares(context, 100m));

        // An approximation that may be zero or less cannot decide either.
        context.Approximation = new ApproximateEquity(0.5, 1);
        context.Cash = 0m;
        Assert.Equal(0m, byAllocation.Shares(context, 100m));
        Assert.Equal(12m, new PositionSizing(12, 1m).Shares(context, 101m));
    }

    [Fact]
    public void Sizing_from_a_close_as_a_double_counts_what_sizing_from_its_decimal_does()
    {
        var byAllocation = new PositionSizing(0, 0.5m);
        var context = new FakeStrategyContext(new BuyAndHold(BuyAndHold.Definition.Bind(new Dictionary<string, string>())), "AAA", "BBB");

        // The approximation decides (247.5 shares), then the exact equity on either side of a whole count (250 and
        // 249.9999), then an approximation that may not be positive: the double overload makes the decimal price
        // only for the exact path, and must count the same every time.
        (double Approximate, decimal Cash, double Close, decimal Expected)[] cases =
        [
            (100_000, 1m, 101.0, 247m),
            (100_000, 100_000m, 100.0, 250m),
            (100_000, 99_999.99m, 100.0, 249m),
            (0.5, 0m, 100.0, 0m),
            (100_000, 100_000m, 0.0, 0m),
            (100_000, 100_000m, double.NaN, 0m),
        ];
        foreach (var (approximate, cash, close, expected) in cases)
        {
            context.Approximation = new ApproximateEquity(approximate, 1);
            context.Cash = cash;
            Assert.Equal(expected, byAllocation.Shares(context, close));
            if (double.IsFinite(close))
            {
                Assert.Equal(expected, byAllocation.Shares(context, (decimal)close));
            }
        }
    }

    [Theory]
    [InlineData(BuyAndHold.Name, "")]
    [InlineData(SmaCross.Name, "fast=2,slow=3")]
    [InlineData(RsiReversion.Name, "period=3")]
    [InlineData(BollingerBreakout.Name, "period=3")]
    public void The_per_bar_path_does_not_allocate(string name, string settings)
    {
        // Rising prices: after the first bars none of the four trades again, so any allocation is the strategy's own.
        var market = Market(StrategyRegistry.Default.Find(name), settings);
        var price = 100.0;
        for (var i = 0; i < 1_000; i++)
        {
            market.Step(price += 0.01);
        }

        // The runtime itself now and then allocates a few hundred bytes on the thread in a window (tiering, stubs),
        // so a zero for every window would be a flaky test. An object costs at least 24 bytes, so anything allocated
        // per bar would cost at least 24 bytes × 20,000 bars per window; under one byte per bar means none is.
        const int Bars = 20_000;
        var orders = market.Orders.Count;
        var allocations = new long[4];
        for (var round = 0; round < allocations.Length; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Bars; i++)
            {
                market.Feed(0, new Bar(market.Time, price, price, price, price += 0.01, 1000));
            }

            allocations[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(orders, market.Orders.Count);
        Assert.All(allocations, bytes => Assert.InRange(bytes, 0, Bars - 1));
    }
}
