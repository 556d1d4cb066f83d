using Trading.Domain;
using Trading.Risk;
using static Trading.Tests.Risk.FakeRiskAccount;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>The order value, position value and gross exposure limits: equal to the limit passes, a cent above is
/// refused with a reason a trader reads; working orders count as filled; orders that only reduce pass.</summary>
public sealed class PreTradeLimitTests
{
    [Fact]
    public void An_order_worth_exactly_the_maximum_order_value_passes_and_a_cent_more_is_refused()
    {
        var risk = NewRisk(new RiskLimits { MaxOrderValue = 10_000m });
        var account = new FakeRiskAccount();

        Assert.True(risk.Check(Buy(Aaa, 1), 10_000.00m, account, Morning).IsAccepted);
        var refused = risk.Check(Buy(Aaa, 1), 10_000.01m, account, Morning);

        Assert.Equal(RiskCheck.OrderValue, refused.RefusedBy);
        Assert.Equal("order value 10,000.01 (buy 1 AAA at about 10,000.01) is above the maximum order value 10,000.00", refused.Reason);
    }

    [Fact]
    public void The_order_value_refusal_gives_the_value_and_the_limit_as_money()
    {
        var refused = NewRisk(new RiskLimits { MaxOrderValue = 10_000m }).Check(Sell(Aaa, 100), 123.45m, new FakeRiskAccount(), Morning);

        Assert.Equal("order value 12,345.00 (sell 100 AAA at about 123.45) is above the maximum order value 10,000.00", refused.Reason);
    }

    [Fact]
    public void The_maximum_order_value_applies_to_orders_that_reduce_a_position_too()
    {
        // A mistyped quantity is as dangerous on the way out: a large position is closed in several orders.
        var account = new FakeRiskAccount().Hold(Aaa, 1_000, 100m);

        var refused = NewRisk(new RiskLimits { MaxOrderValue = 10_000m }).Check(Sell(Aaa, 200), 100m, account, Morning);

        Assert.Equal(RiskCheck.OrderValue, refused.RefusedBy);
    }

    [Fact]
    public void A_position_worth_exactly_the_maximum_passes_and_a_cent_more_is_refused()
    {
        // The shares held are valued at the order's price too: 100 × 100.0001 = 10,000.01.
        var account = new FakeRiskAccount().Hold(Aaa, 50, 90m);
        var risk = NewRisk(new RiskLimits { MaxPositionValue = 10_000m });

        Assert.True(risk.Check(Buy(Aaa, 50), 100m, account, Morning).IsAccepted);
        var refused = risk.Check(Buy(Aaa, 50), 100.0001m, account, Morning);

        Assert.Equal(RiskCheck.PositionValue, refused.RefusedBy);
        Assert.Equal("the AAA position after the order would be worth 10,000.01 (long 100 at about 100.0001), above the maximum position value 10,000.00", refused.Reason);
    }

    [Fact]
    public void Working_orders_on_the_orders_side_count_toward_the_position()
    {
        var account = new FakeRiskAccount().Hold(Aaa, 50, 100m);
        account.Work(Aaa, OrderSide.Buy, 30);
        var risk = NewRisk(new RiskLimits { MaxPositionValue = 10_000m });

        Assert.True(risk.Check(Buy(Aaa, 20), 100m, account, Morning).IsAccepted);
        var refused = risk.Check(Buy(Aaa, 21), 100m, account, Morning);

        Assert.Equal(RiskCheck.PositionValue, refused.RefusedBy);
        Assert.Equal("the AAA position after the order would be worth 10,100.00 (long 101 at about 100.00, counting 30 on working buy orders), above the maximum position value 10,000.00", refused.Reason);
    }

    [Fact]
    public void Working_orders_on_the_other_side_do_not_shrink_the_position_a_buy_would_reach()
    {
        // The sell may never fill: the buy is checked as if only the buys did.
        var account = new FakeRiskAccount().Hold(Aaa, 50, 100m);
        account.Work(Aaa, OrderSide.Sell, 40);

        var refused = NewRisk(new RiskLimits { MaxPositionValue = 10_000m }).Check(Buy(Aaa, 51), 100m, account, Morning);

        Assert.Equal(RiskCheck.PositionValue, refused.RefusedBy);
    }

    [Fact]
    public void A_short_position_is_measured_by_its_absolute_value()
    {
        var account = new FakeRiskAccount().Hold(Aaa, -50, 100m);
        account.Work(Aaa, OrderSide.Sell, 10);
        var risk = NewRisk(new RiskLimits { MaxPositionValue = 10_000m });

        Assert.True(risk.Check(Sell(Aaa, 40), 100m, account, Morning).IsAccepted);
        var refused = risk.Check(Sell(Aaa, 41), 100m, account, Morning);

        Assert.Equal("the AAA position after the order would be worth 10,100.00 (short 101 at about 100.00, counting 10 on working sell orders), above the maximum position value 10,000.00", refused.Reason);
    }

    [Fact]
    public void Gross_exposure_of_exactly_the_maximum_passes_and_a_cent_more_is_refused()
    {
        var account = new FakeRiskAccount().Hold(Aaa, 100, 100m).Hold(Bbb, 50, 100m);
        var risk = NewRisk(new RiskLimits { MaxGrossExposure = 20_000m });

        Assert.True(risk.Check(Buy(Bbb, 50), 100m, account, Morning).IsAccepted);
        var refused = risk.Check(Buy(Bbb, 50), 100.0001m, account, Morning);

        Assert.Equal(RiskCheck.GrossExposure, refused.RefusedBy);
        Assert.Equal("gross exposure after the order (buy 50 BBB at about 100.0001) would be 20,000.01, counting working orders as filled, above the maximum gross exposure 20,000.00", refused.Reason);
    }

    [Fact]
    public void Gross_exposure_counts_shorts_at_their_absolute_value()
    {
        var account = new FakeRiskAccount().Hold(Aaa, -100, 100m);
        var risk = NewRisk(new RiskLimits { MaxGrossExposure = 15_000m });

        Assert.True(risk.Check(Buy(Bbb, 50), 100m, account, Morning).IsAccepted);
        Assert.Equal(RiskCheck.GrossExposure, risk.Check(Buy(Bbb, 51), 100m, account, Morning).RefusedBy);
    }

    [Fact]
    public void Gross_exposure_counts_working_orders_as_filled_on_the_side_that_leaves_more()
    {
        // AAA: 100 held, a working sell of 300 could leave 200 short: 20,000 already, with nothing to spare.
        var account = new FakeRiskAccount().Hold(Aaa, 100, 100m).Price(Bbb, 100m);
        account.Work(Aaa, OrderSide.Sell, 300);
        var risk = NewRisk(new RiskLimits { MaxGrossExposure = 20_000m });

        Assert.Equal(RiskCheck.GrossExposure, risk.Check(Buy(Bbb, 1), 100m, account, Morning).RefusedBy);

        account.Working.Clear();
        account.Work(Aaa, OrderSide.Buy, 50);
        Assert.True(risk.Check(Buy(Bbb, 50), 100m, account, Morning).IsAccepted);
        Assert.Equal(RiskCheck.GrossExposure, risk.Check(Buy(Bbb, 51), 100m, account, Morning).RefusedBy);
    }

    [Fact]
    public void Gross_exposure_is_not_guessed_when_a_symbol_has_no_price()
    {
        var account = new FakeRiskAccount();
        account.Work(Bbb, OrderSide.Buy, 10);

        var refused = NewRisk(new RiskLimits { MaxGrossExposure = 1_000_000m }).Check(Buy(Aaa, 1), 100m, account, Morning);

        Assert.Equal(RiskCheck.Unvalued, refused.RefusedBy);
        Assert.Contains("no usable price for BBB", refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrderSide.Sell, 1_000, 1_000)] // a long sold down to flat
    [InlineData(OrderSide.Sell, 1_000, 1)]
    [InlineData(OrderSide.Buy, -1_000, 1_000)] // a short bought back
    public void An_order_that_only_reduces_passes_the_position_and_exposure_limits_of_an_account_over_them(OrderSide side, int held, int quantity)
    {
        var account = new FakeRiskAccount().Hold(Aaa, held, 100m);
        var risk = NewRisk(new RiskLimits { MaxPositionValue = 10_000m, MaxGrossExposure = 10_000m });

        Assert.True(risk.Check(OrderRequest.Market(Aaa, side, quantity), 100m, account, Morning).IsAccepted);
        Assert.Equal(RiskCheck.PositionValue, risk.Check(OrderRequest.Market(Aaa, side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy, 1), 100m, account, Morning).RefusedBy);
    }

    [Fact]
    public void A_sell_that_with_the_working_sells_could_flip_the_position_is_not_a_reducing_order()
    {
        // 1,000 held, 600 on working sells: another 500 could leave 100 short, so the limits apply, and the long
        // 1,000 the working sells may never touch is 100,000 of gross exposure.
        var account = new FakeRiskAccount().Hold(Aaa, 1_000, 100m);
        account.Work(Aaa, OrderSide.Sell, 600);
        var risk = NewRisk(new RiskLimits { MaxGrossExposure = 10_000m });

        Assert.Equal(RiskCheck.GrossExposure, risk.Check(Sell(Aaa, 500), 100m, account, Morning).RefusedBy);
        Assert.True(risk.Check(Sell(Aaa, 400), 100m, account, Morning).IsAccepted);
    }

    [Fact]
    public void No_limits_accept_any_order_that_can_be_valued()
    {
        var account = new FakeRiskAccount().Hold(Aaa, 1_000_000, 1_000m);

        Assert.True(NewRisk(RiskLimits.None).Check(Buy(Aaa, 1_000_000), 1_000m, account, Morning).IsAccepted);
    }

    [Fact]
    public void A_refusal_becomes_the_orders_rejected_event_with_its_reason()
    {
        var refused = NewRisk(new RiskLimits { MaxOrderValue = 1m }).Check(Buy(Aaa, 1), 2m, new FakeRiskAccount(), Morning);

        var orderEvent = refused.ToEvent(7, Morning);

        Assert.Equal(new OrderEvent(7, Morning, OrderStatus.Rejected, Reason: refused.Reason), orderEvent);
        Assert.Throws<InvalidOperationException>(() => RiskDecision.Accept.ToEvent(7, Morning));
    }
}
