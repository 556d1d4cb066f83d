using Trading.Domain;
using Trading.Portfolio;
using static Trading.Tests.Portfolio.Picks;

namespace Trading.Tests.Portfolio;

/// <summary>A rebalance plans against the shares held plus those already on order at the market.</summary>
public sealed class ProjectedPositionsTests
{
    private static WorkingOrder Order(long id, string symbol, OrderSide side, decimal shares, OrderType type = OrderType.Market, decimal? price = null) =>
        new(id, S(symbol), side, type, shares, price);

    private static RebalanceOrders Reconcile(ProjectedPositions book, DesiredPortfolio desired, decimal equity, decimal cash, Dictionary<Symbol, double> prices)
    {
        var state = new PortfolioState(equity, book.Cash(cash, s => prices[s]), book.Holdings, 0);
        return book.Reconcile(desired, RebalancePlan.Create(desired, state, prices, new RiskRules(), new RebalanceOptions()));
    }

    [Fact]
    public void Market_orders_on_order_count_toward_the_holdings_and_limit_and_stop_orders_do_not()
    {
        var book = new ProjectedPositions(
            new Dictionary<Symbol, decimal> { [S("A")] = 100 },
            [Order(1, "A", OrderSide.Sell, 40), Order(2, "B", OrderSide.Buy, 10, OrderType.MarketOnOpen), Order(3, "B", OrderSide.Buy, 5, OrderType.Limit, 1m), Order(4, "A", OrderSide.Sell, 60, OrderType.Stop, 5m)]);

        Assert.Equal(60m, book.Holdings[S("A")]);
        Assert.Equal(10m, book.Holdings[S("B")]);
        Assert.Equal(-40m, book.OnOrder(S("A")));
        Assert.Equal([S("A"), S("B")], book.SymbolsOnOrder.OrderBy(s => s.Value));
    }

    [Fact]
    public void The_same_plan_made_again_with_its_orders_working_orders_nothing_new()
    {
        var prices = Prices(("A", 10), ("B", 20));
        var desired = Desired(("A", 0.3, 10), ("B", 0.5, 20));
        var first = Reconcile(new ProjectedPositions(new Dictionary<Symbol, decimal>(), []), desired, 10_000, 10_000, prices);
        var working = first.Plan.Buys.Select((t, i) => Order(i + 1, t.Symbol.Value, OrderSide.Buy, t.Quantity)).ToList();
        Assert.Equal([300m, 250m], working.Select(o => o.Remaining));

        var again = Reconcile(new ProjectedPositions(new Dictionary<Symbol, decimal>(), working), desired, 10_000, 10_000, prices);

        Assert.Empty(again.Cancels);
        Assert.All(again.Plan.Trades, t => Assert.Equal(0m, t.Quantity));
        Assert.Equal([300m, 250m], again.Plan.Trades.Select(t => t.OnOrder));
        Assert.Equal([0m, 0m], again.Plan.Trades.Select(t => t.Current));
        Assert.All(again.Plan.Trades, t => Assert.Contains("already on order", t.Note, StringComparison.Ordinal));
    }

    [Fact]
    public void A_working_buy_past_the_new_target_is_cancelled_and_the_plan_buys_from_the_shares_held()
    {
        var book = new ProjectedPositions(new Dictionary<Symbol, decimal>(), [Order(7, "MSFT", OrderSide.Buy, 114)]);

        var orders = Reconcile(book, Desired(("MSFT", 0.05, 100)), 100_000, 100_000, Prices(("MSFT", 100)));

        var cancel = Assert.Single(orders.Cancels);
        Assert.Equal(7, cancel.Order.Id);
        Assert.Contains("no longer wanted: the plan wants 50 MSFT with 0 held, and this order goes past it", cancel.Reason, StringComparison.Ordinal);
        var buy = Assert.Single(orders.Plan.Trades);
        Assert.Equal((50m, 0m, 50m), (buy.Quantity, buy.OnOrder, buy.Desired));
    }

    [Fact]
    public void A_working_sell_of_a_position_the_plan_keeps_is_cancelled_and_nothing_new_is_ordered()
    {
        var book = new ProjectedPositions(new Dictionary<Symbol, decimal> { [S("A")] = 100 }, [Order(3, "A", OrderSide.Sell, 100)]);

        var orders = Reconcile(book, Desired(("A", 0.1, 10)), 10_000, 9_000, Prices(("A", 10)));

        Assert.Equal(3, Assert.Single(orders.Cancels).Order.Id);
        Assert.Contains("goes the other way", orders.Cancels[0].Reason, StringComparison.Ordinal);
        var line = Assert.Single(orders.Plan.Trades);
        Assert.Equal((0m, 100m, 100m), (line.Quantity, line.Current, line.Desired));
    }

    [Fact]
    public void A_symbol_no_longer_wanted_is_sold_down_to_zero_from_the_shares_held_and_its_working_buy_cancelled()
    {
        var book = new ProjectedPositions(new Dictionary<Symbol, decimal> { [S("X")] = 100 }, [Order(1, "X", OrderSide.Buy, 50)]);

        var orders = Reconcile(book, Desired(), 10_000, 9_000, Prices(("X", 10)));

        Assert.Equal(1, Assert.Single(orders.Cancels).Order.Id);
        var sell = Assert.Single(orders.Plan.Sells);
        Assert.Equal(-100m, sell.Quantity);
    }

    [Fact]
    public void Buys_keep_the_desired_order_best_first_when_a_planned_sell_turns_into_a_buy()
    {
        // B was bought to 100 on order; it now wants 40, A (the best) wants 30: both are buys from the shares held.
        var book = new ProjectedPositions(new Dictionary<Symbol, decimal>(), [Order(1, "B", OrderSide.Buy, 100)]);

        var orders = Reconcile(book, Desired(("A", 0.03, 10), ("B", 0.04, 10)), 10_000, 10_000, Prices(("A", 10), ("B", 10)));

        Assert.Equal([S("A"), S("B")], orders.Plan.Buys.Select(t => t.Symbol));
        Assert.Equal([30m, 40m], orders.Plan.Buys.Select(t => t.Quantity));
    }

    [Fact]
    public void Cash_counts_market_orders_as_filled_and_holds_back_limit_buys_at_their_price()
    {
        var book = new ProjectedPositions(
            new Dictionary<Symbol, decimal> { [S("A")] = 10 },
            [Order(1, "A", OrderSide.Sell, 10), Order(2, "B", OrderSide.Buy, 5), Order(3, "C", OrderSide.Buy, 4, OrderType.Limit, 2m)]);
        var prices = Prices(("A", 10), ("B", 20), ("C", 3));

        Assert.Equal(1_000m + 100m - 100m - 8m, book.Cash(1_000m, s => prices[s]));
        Assert.Equal(100m + 8m, book.CashPromised([], s => prices[s]));
        Assert.Equal(8m, book.CashPromised([new OrderCancel(Order(2, "B", OrderSide.Buy, 5), "test")], s => prices[s]));
    }

    [Fact]
    public void A_limit_order_is_named_in_the_notes_as_not_counted()
    {
        var book = new ProjectedPositions(new Dictionary<Symbol, decimal>(), [Order(9, "A", OrderSide.Buy, 5, OrderType.Limit, 1.5m)]);

        var orders = Reconcile(book, Desired(("A", 0.1, 10)), 10_000, 10_000, Prices(("A", 10)));

        Assert.Equal("#9 buy 5 A (limit at 1.5) is not counted toward the plan: it fills only if the market reaches its price, so it is left working", Assert.Single(orders.Notes));
        Assert.Empty(orders.Cancels);
        Assert.Equal(100m, Assert.Single(orders.Plan.Buys).Quantity);
    }
}
