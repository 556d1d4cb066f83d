using Trading.Domain;
using Trading.Portfolio;
using Trading.Strategies.Momentum;
using Trading.Tests.Strategies.Momentum;
using static Trading.Tests.Portfolio.Picks;

namespace Trading.Tests.Portfolio;

/// <summary>Orders are the difference between the desired and the actual portfolio.</summary>
public sealed class RebalancePlanTests
{
    private static readonly RebalanceOptions Resize = new();

    private static RebalancePlan Plan(DesiredPortfolio desired, PortfolioState state, Dictionary<Symbol, double>? prices = null, RebalanceOptions? options = null, RiskRules? rules = null) =>
        RebalancePlan.Create(desired, state, prices ?? Prices(), rules ?? new RiskRules(), options ?? Resize);

    [Fact]
    public void Atr_risk_parity_buys_equity_times_risk_factor_over_atr_shares()
    {
        // Flat closes at 50 with high − low = 2 and no gaps: every true range is 2, so ATR(20) = 2.
        var bars = MomentumBars.Of("XYZ", Enumerable.Repeat(50.0, 120), range: 2).Build();
        var ranking = MomentumRanking.Rank([bars], null, new MomentumSettings());
        var pick = Assert.Single(ranking.Signals);
        Assert.Equal(2.0, pick.RiskUnit, 1e-12);
        var state = State(100_000, 100_000);

        var desired = DesiredPortfolio.Build([pick], new AtrRiskParity(0.001), new RiskRules(), state);
        var plan = Plan(desired, state);

        // 100,000 × 0.001 / 2 = 50 shares (a weight of 0.001 × 50 / 2 = 2.5%).
        var buy = Assert.Single(plan.Trades);
        Assert.Equal(50m, buy.Quantity);
        Assert.Equal(50m, buy.Desired);
        Assert.Equal(0m, buy.Current);
        Assert.Equal(OrderSide.Buy, buy.Side);
        Assert.Equal(50.0, buy.Price);
    }

    [Fact]
    public void Risk_parity_sizes_each_position_by_its_own_atr()
    {
        // 250,000 × 0.001 / 2.5 = 100 shares of A at 80; 250,000 × 0.001 / 10 = 25 shares of B at 200.
        var state = State(250_000, 250_000);
        var desired = DesiredPortfolio.Build([Buy("A", 80, atr: 2.5), Buy("B", 200, atr: 10)], new AtrRiskParity(0.001), new RiskRules(), state);

        var plan = Plan(desired, state);

        Assert.Equal([100m, 25m], plan.Trades.Select(t => t.Quantity));
    }

    [Fact]
    public void Sells_come_first_then_buys_best_first_then_the_unchanged()
    {
        // Equity 100,000. Held: X 100 (wanted out), Y 100 (wanted 50), Z 200 (wanted 200 at 0.2 × 100,000 / 100).
        var state = State(100_000, 60_000, 0, ("X", 100m), ("Y", 100m), ("Z", 200m));
        var desired = Desired(("N", 0.3, 100), ("Y", 0.05, 100), ("Z", 0.2, 100), ("M", 0.1, 50));

        var plan = Plan(desired, state, Prices(("X", 100), ("Y", 100), ("Z", 100)));

        Assert.Equal(["X", "Y", "N", "M", "Z"], plan.Trades.Select(t => t.Symbol.Value));
        Assert.Equal([-100m, -50m, 300m, 200m, 0m], plan.Trades.Select(t => t.Quantity));
        Assert.Equal(["X", "Y"], plan.Sells.Select(t => t.Symbol.Value));
        Assert.Equal(["N", "M"], plan.Buys.Select(t => t.Symbol.Value));
        Assert.Null(plan.Trades[4].Side);
    }

    [Fact]
    public void Positions_no_longer_wanted_are_sold_in_symbol_order()
    {
        var state = State(10_000, 4_000, 0, ("ZED", 10m), ("ABC", 20m), ("MID", 30m));

        var plan = Plan(Desired(), state, Prices(("ZED", 100), ("ABC", 100), ("MID", 100)));

        Assert.Equal(["ABC", "MID", "ZED"], plan.Trades.Select(t => t.Symbol.Value));
        Assert.Equal([-20m, -30m, -10m], plan.Trades.Select(t => t.Quantity));
    }

    [Theory]
    [InlineData(0.1, 33, 303)] // 10,000 / 33 = 303.03
    [InlineData(0.1, 30.01, 333)] // 10,000 / 30.01 = 333.22
    [InlineData(0.0999, 100, 99)] // 9,990 / 100 = 99.9
    [InlineData(0.00049, 50, 0)] // 49 / 50 = 0.98
    public void Shares_are_whole_and_rounded_toward_zero(double weight, double price, int expected)
    {
        var plan = Plan(Desired(("A", weight, price)), State(100_000, 100_000));

        Assert.Equal((decimal)expected, plan.Trades[0].Desired);
        Assert.Equal((decimal)expected, plan.Trades[0].Quantity);
    }

    [Fact]
    public void A_trade_worth_less_than_the_minimum_is_skipped_with_a_note()
    {
        // Held 100 at 50; wanted 0.052 × 100,000 / 50 = 104: 4 shares × 50 = 200, under 500.
        var plan = Plan(Desired(("A", 0.052, 50)), State(100_000, 95_000, 0, ("A", 100m)), options: new RebalanceOptions { MinTradeValue = 500 });

        var line = Assert.Single(plan.Trades);
        Assert.Equal(0m, line.Quantity);
        Assert.Equal(104m, line.Desired);
        Assert.True(line.Skipped);
        Assert.Equal("skipped: +4 shares is 200.00, below min_trade_value 500", line.Note);
    }

    [Fact]
    public void A_trade_at_the_minimum_goes_through()
    {
        // 10 shares × 50 = 500, not below 500.
        var plan = Plan(Desired(("A", 0.055, 50)), State(100_000, 95_000, 0, ("A", 100m)), options: new RebalanceOptions { MinTradeValue = 500 });

        Assert.Equal(10m, Assert.Single(plan.Trades).Quantity);
    }

    [Fact]
    public void Closing_a_position_always_trades_however_small()
    {
        // 3 shares × 10 = 30, far under 500: sold anyway, whether dropped from the targets or sized to zero.
        var state = State(100_000, 99_940, 0, ("A", 3m), ("B", 3m));

        var plan = Plan(Desired(("B", 0.0001, 20)), state, Prices(("A", 10), ("B", 20)), new RebalanceOptions { MinTradeValue = 500 });

        // B: 0.0001 × 100,000 / 20 = 0.5 shares, rounded to 0: a full exit.
        Assert.Equal([-3m, -3m], plan.Trades.Select(t => t.Quantity));
        Assert.All(plan.Trades, t => Assert.False(t.Skipped));
    }

    [Fact]
    public void Buying_never_spends_more_than_cash_plus_sell_proceeds()
    {
        // Cash 15,000 + X's 50 × 100 = 20,000 to spend. A 100 × 100 = 10,000 (10,000 left); B 90 × 100 = 9,000
        // (1,000 left); C wants 100 × 50 = 5,000, cut to 1,000 / 50 = 20 shares; D wants 100 × 10, nothing left.
        var plan = Plan(
            Desired(("A", 0.5, 100), ("B", 0.45, 100), ("C", 0.25, 50), ("D", 0.05, 10)),
            State(20_000, 15_000, 0, ("X", 50m)),
            Prices(("X", 100)));

        Assert.Equal(["X", "A", "B", "C", "D"], plan.Trades.Select(t => t.Symbol.Value));
        Assert.Equal([-50m, 100m, 90m, 20m, 0m], plan.Trades.Select(t => t.Quantity));
        Assert.Equal("cut from 100 to 20 shares: only 1000.00 of cash left for it", plan.Trades[3].Note);
        Assert.False(plan.Trades[3].Skipped);
        Assert.Equal("skipped: 100 shares cost 1000.00, but the cash is spent (0.00 left)", plan.Trades[4].Note);
        Assert.True(plan.Trades[4].Skipped);
        Assert.Equal(100m, plan.Trades[4].Desired);
    }

    [Fact]
    public void The_crossing_buy_is_cut_to_whole_shares()
    {
        // 1,000 of cash; A costs 30 a share: 33 shares (990), not 33.3.
        var plan = Plan(Desired(("A", 0.5, 30)), State(10_000, 1_000, 0, ("Q", 30m)), Prices(("Q", 300)));

        // Q is sold (30 × 300 = 9,000), so 10,000 is there: A wants trunc(0.5 × 10,000 / 30) = 166 = 4,980.
        Assert.Equal(166m, plan.Buys.Single().Quantity);

        var tight = Plan(Desired(("A", 0.5, 30), ("Q", 0.9, 300)), State(10_000, 1_000, 0, ("Q", 30m)), Prices(("Q", 300)));

        // Q is kept at 30 shares (0.9 × 10,000 / 300 = 30): only the 1,000 of cash is free, so A gets 33.
        Assert.Equal(33m, tight.Buys.Single().Quantity);
        Assert.Equal("cut from 166 to 33 shares: only 1000.00 of cash left for it", tight.Buys.Single().Note);
    }

    [Fact]
    public void Without_resizing_held_positions_keep_their_shares_while_new_buys_and_exits_go_through()
    {
        var state = State(100_000, 80_000, 0, ("A", 100m), ("B", 100m), ("X", 100m));
        var desired = Desired(("A", 0.15, 100), ("B", 0.1, 100), ("N", 0.1, 100));

        var plan = Plan(desired, state, Prices(("A", 100), ("B", 100), ("X", 100)), new RebalanceOptions { ResizeHeld = false });

        var byName = plan.Trades.ToDictionary(t => t.Symbol.Value);
        Assert.Equal(-100m, byName["X"].Quantity);
        Assert.Equal(100m, byName["N"].Quantity);

        // A would be 150 shares on a resize day; today it stays at 100, and says so.
        Assert.Equal(0m, byName["A"].Quantity);
        Assert.Equal(100m, byName["A"].Desired);
        Assert.Equal("held: stays at 100 shares until a resize day (target 150)", byName["A"].Note);
        Assert.False(byName["A"].Skipped);

        // B is already at its target: nothing to say.
        Assert.Equal(0m, byName["B"].Quantity);
        Assert.Null(byName["B"].Note);
    }

    [Fact]
    public void A_held_symbol_without_a_price_or_a_target_without_one_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Plan(Desired(), State(1_000, 0, 0, ("A", 10m))));
        Assert.Throws<ArgumentException>(() => Plan(Desired(("A", 0.5, 0)), State(1_000, 1_000)));
        Assert.Throws<ArgumentException>(() => Plan(Desired(("A", 0.5, double.NaN)), State(1_000, 1_000)));
    }

    [Fact]
    public void Buys_capped_to_the_cash_known_after_the_sells_keep_the_sells_and_the_order()
    {
        var plan = new RebalancePlan(
        [
            new PlannedTrade(S("X"), 10, 0, -10, 100, null),
            new PlannedTrade(S("A"), 0, 100, 100, 10, null),
            new PlannedTrade(S("K"), 5, 5, 0, 10, null),
            new PlannedTrade(S("B"), 0, 50, 50, 20, null),
        ]);

        // 1,500: A costs 1,000 (500 left), B wants 50 × 20 = 1,000: 25 shares.
        var capped = plan.WithBuysCappedTo(1_500m);

        Assert.Equal(["X", "A", "K", "B"], capped.Trades.Select(t => t.Symbol.Value));
        Assert.Equal([-10m, 100m, 0m, 25m], capped.Trades.Select(t => t.Quantity));
        Assert.Equal("cut from 50 to 25 shares: only 500.00 of cash left for it", capped.Trades[3].Note);

        // Enough cash changes nothing; none (or less than none: the buffer is not there) buys nothing.
        Assert.Equal(plan.Trades, plan.WithBuysCappedTo(2_000m).Trades);
        var broke = plan.WithBuysCappedTo(-50m);
        Assert.Equal([-10m, 0m, 0m, 0m], broke.Trades.Select(t => t.Quantity));
        Assert.True(broke.Trades[1].Skipped);
        Assert.True(broke.Trades[3].Skipped);
        Assert.Equal("skipped: 100 shares cost 1000.00, but the cash is spent (0.00 left)", broke.Trades[1].Note);
    }

    [Fact]
    public void After_a_split_shares_scale_up_and_the_price_down()
    {
        var plan = new RebalancePlan(
        [
            new PlannedTrade(S("A"), 100, 150, 50, 40, null),
            new PlannedTrade(S("B"), 10, 0, -10, 30, null),
        ]);

        // 2:1 on A: 100 → 200 held, 150 → 300 wanted, the order 50 → 100, price 40 → 20.
        var working = plan.AfterSplit(S("A"), 2m, orderScales: true);
        Assert.Equal(new PlannedTrade(S("A"), 200, 300, 100, 20, null), working.Trades[0]);
        Assert.Equal(plan.Trades[1], working.Trades[1]);

        // An order done before the split stays as it was filled.
        var done = plan.AfterSplit(S("A"), 2m, orderScales: false);
        Assert.Equal(new PlannedTrade(S("A"), 200, 300, 50, 20, null), done.Trades[0]);

        // A 1:10 reverse split: 10 held become 1.
        var reverse = plan.AfterSplit(S("B"), 0.1m, orderScales: true);
        Assert.Equal(new PlannedTrade(S("B"), 1, 0, -1, 300, null), reverse.Trades[1]);
    }

    [Fact]
    public void A_split_ratio_must_be_positive()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("A"), 100, 150, 50, 40, null)]);

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.AfterSplit(S("A"), 0m, orderScales: true));
    }
}
