using Trading.Domain;
using Trading.Risk;
using static Trading.Tests.Risk.FakeRiskAccount;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>Values no sane strategy sends: refused with a reason, never an exception from decimal arithmetic.</summary>
public sealed class HostileValueTests
{
    private static readonly RiskLimits Every = new()
    {
        MaxOrderValue = 1_000_000m,
        MaxPositionValue = 1_000_000m,
        MaxGrossExposure = 1_000_000m,
        DailyLossLimit = 10_000m,
        MaxOrdersPerWindow = 10,
    };

    [Fact]
    public void The_largest_decimal_quantity_is_refused_by_name_not_by_overflow()
    {
        var refused = NewRisk(Every).Check(Buy(Aaa, decimal.MaxValue), decimal.MaxValue, new FakeRiskAccount(), Morning);

        Assert.Equal(RiskCheck.Unvalued, refused.RefusedBy);
        Assert.Equal("order quantity 79,228,162,514,264,337,593,543,950,335 AAA is above the most one order may carry (1,000,000,000,000)", refused.Reason);
    }

    [Fact]
    public void Even_without_limits_an_order_that_cannot_be_valued_is_refused()
    {
        Assert.Equal(RiskCheck.Unvalued, NewRisk(RiskLimits.None).Check(Sell(Aaa, decimal.MaxValue), 1m, new FakeRiskAccount(), Morning).RefusedBy);
    }

    [Theory]
    [InlineData("0", "the order cannot be valued: its estimated price for AAA must be positive; got 0.00")]
    [InlineData("-5", "the order cannot be valued: its estimated price for AAA must be positive; got -5.00")]
    [InlineData("79228162514264337593543950335", "the order cannot be valued: its estimated price 79,228,162,514,264,337,593,543,950,335.00 for AAA is above the largest price traded (1,000,000,000,000.00)")]
    public void A_price_that_is_not_positive_or_beyond_any_traded_is_refused(string price, string reason)
    {
        var refused = NewRisk(Every).Check(Buy(Aaa, 1), decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), new FakeRiskAccount(), Morning);

        Assert.Equal(RiskCheck.Unvalued, refused.RefusedBy);
        Assert.Equal(reason, refused.Reason);
    }

    [Fact]
    public void The_largest_order_at_the_largest_price_is_simply_too_large()
    {
        var refused = NewRisk(Every).Check(Buy(Aaa, OrderRequest.MaxQuantity), 1_000_000_000_000m, new FakeRiskAccount(), Morning);

        Assert.Equal(RiskCheck.OrderValue, refused.RefusedBy);
        Assert.StartsWith("order value 1,000,000,000,000,000,000,000,000.00 ", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_whose_positions_overflow_decimal_refuses_new_risk_with_a_reason()
    {
        var account = new FakeRiskAccount().Hold(Aaa, decimal.MaxValue, 1_000_000_000_000m).Hold(Bbb, decimal.MinValue, 1m);
        var risk = NewRisk(new RiskLimits { MaxPositionValue = 1_000_000m, MaxGrossExposure = 1_000_000m });

        var position = risk.Check(Buy(Aaa, 1), 1m, account, Morning);
        var gross = risk.Check(Buy(Ccc, 1), 1m, account, Morning);

        Assert.Equal(RiskCheck.Unvalued, position.RefusedBy);
        Assert.Equal("the account's positions cannot be valued after this order: the amounts are beyond the range of decimal amounts", position.Reason);
        Assert.Equal(RiskCheck.Unvalued, gross.RefusedBy);
    }

    [Fact]
    public void Working_orders_beyond_decimal_are_refused_and_all_named_for_cancelling()
    {
        var account = new FakeRiskAccount { Equity = 100_000m }.Hold(Aaa, 10, 1m);
        account.Work(Aaa, OrderSide.Sell, decimal.MaxValue);
        account.Work(Aaa, OrderSide.Sell, decimal.MaxValue);
        var risk = NewRisk(Every);
        risk.Observe(account, Morning);

        Assert.Equal(RiskCheck.Unvalued, risk.Check(Buy(Aaa, 1), 1m, account, Morning).RefusedBy);
        account.Equity = 1m;
        Assert.Equal(2, risk.OrdersToCancel(account, Morning.AddMinutes(1)).Count);
    }

    [Fact]
    public void A_negative_remaining_quantity_is_counted_at_its_size_never_as_less()
    {
        var account = new FakeRiskAccount().Hold(Aaa, 50, 100m);
        account.Work(Aaa, OrderSide.Buy, -50);

        // 50 held and 50 working: one more is 101 × 100.
        Assert.Equal(RiskCheck.PositionValue, NewRisk(new RiskLimits { MaxPositionValue = 10_000m }).Check(Buy(Aaa, 1), 100m, account, Morning).RefusedBy);
    }

    [Fact]
    public void Equity_swinging_beyond_decimals_range_fails_closed_on_the_daily_loss()
    {
        var account = new FakeRiskAccount { Equity = decimal.MaxValue };
        var risk = NewRisk(Every);
        risk.Observe(account, Morning);

        account.Equity = decimal.MinValue;
        risk.Observe(account, Morning.AddMinutes(1));

        Assert.True(risk.IsDailyLossLimitHit);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void A_time_the_calendar_cannot_place_is_refused_with_the_calendars_reason(int year, int month, int day)
    {
        var time = new DateTime(year, month, day, 23, 0, 0, DateTimeKind.Utc);

        var refused = NewRisk(Every).Check(Buy(Aaa, 1), 1m, new FakeRiskAccount(), time);

        Assert.Equal(RiskCheck.Unvalued, refused.RefusedBy);
        Assert.Contains("is outside the trading calendar", refused.Reason, StringComparison.Ordinal);
    }

    private static readonly Symbol Ccc = Symbol.Parse("CCC");
}
