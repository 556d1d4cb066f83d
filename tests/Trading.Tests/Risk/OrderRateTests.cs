using Trading.Risk;
using static Trading.Tests.Risk.FakeRiskAccount;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>The order rate: a window sliding on the orders' own times (the engine's clock), counting accepted orders,
/// reducing ones included.</summary>
public sealed class OrderRateTests
{
    private static readonly FakeRiskAccount Account = new();

    [Fact]
    public void The_window_slides_an_order_at_t_plus_59s_is_refused_and_one_at_t_plus_61s_passes()
    {
        var risk = NewRisk(new RiskLimits { MaxOrdersPerWindow = 1 });

        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, Morning).IsAccepted);
        var refused = risk.Check(Buy(Aaa, 1), 10m, Account, Morning.AddSeconds(59));
        Assert.Equal(RiskCheck.OrderRate, refused.RefusedBy);
        Assert.Equal("1 order accepted in the last 60 seconds already, and the maximum is 1 per 60 seconds; the next can go at 2024-01-03 15:01:00 UTC", refused.Reason);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, Morning.AddSeconds(61)).IsAccepted);
    }

    [Fact]
    public void An_order_exactly_one_window_later_no_longer_sees_the_first()
    {
        var risk = NewRisk(new RiskLimits { MaxOrdersPerWindow = 1 });

        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, Morning).IsAccepted);
        Assert.False(risk.Check(Buy(Aaa, 1), 10m, Account, Morning.AddSeconds(60).AddTicks(-1)).IsAccepted);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, Morning.AddSeconds(60)).IsAccepted);
    }

    [Fact]
    public void The_limit_counts_orders_in_any_window_not_per_calendar_minute()
    {
        // Three a minute: 15:00:30, 15:00:50 and 15:01:10 fill the window ending at 15:01:29.
        var risk = NewRisk(new RiskLimits { MaxOrdersPerWindow = 3 });
        var start = Morning.AddSeconds(30);

        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, start).IsAccepted);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, start.AddSeconds(20)).IsAccepted);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, start.AddSeconds(40)).IsAccepted);
        Assert.False(risk.Check(Buy(Aaa, 1), 10m, Account, start.AddSeconds(59)).IsAccepted);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, start.AddSeconds(60)).IsAccepted);
        Assert.False(risk.Check(Buy(Aaa, 1), 10m, Account, start.AddSeconds(79)).IsAccepted);
    }

    [Fact]
    public void Refused_orders_do_not_use_up_the_rate()
    {
        // Refused orders never reach the venue: a strategy refused for size can still send a smaller order.
        var risk = NewRisk(new RiskLimits { MaxOrdersPerWindow = 1, MaxOrderValue = 100m });

        Assert.Equal(RiskCheck.OrderValue, risk.Check(Buy(Aaa, 11), 10m, Account, Morning).RefusedBy);
        Assert.True(risk.Check(Buy(Aaa, 10), 10m, Account, Morning.AddSeconds(1)).IsAccepted);
        Assert.Equal(RiskCheck.OrderRate, risk.Check(Buy(Aaa, 1), 10m, Account, Morning.AddSeconds(2)).RefusedBy);
    }

    [Fact]
    public void Orders_that_reduce_a_position_count_toward_the_rate()
    {
        var account = new FakeRiskAccount().Hold(Aaa, 100, 10m);
        var risk = NewRisk(new RiskLimits { MaxOrdersPerWindow = 1 });

        Assert.True(risk.Check(Sell(Aaa, 10), 10m, account, Morning).IsAccepted);
        Assert.Equal(RiskCheck.OrderRate, risk.Check(Sell(Aaa, 10), 10m, account, Morning.AddSeconds(1)).RefusedBy);
    }

    [Fact]
    public void A_window_of_its_own_length_is_counted_over()
    {
        var risk = NewRisk(new RiskLimits { MaxOrdersPerWindow = 2, RateWindowSeconds = 10 });

        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, Morning).IsAccepted);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, Morning.AddSeconds(5)).IsAccepted);
        Assert.False(risk.Check(Buy(Aaa, 1), 10m, Account, Morning.AddSeconds(9)).IsAccepted);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, Account, Morning.AddSeconds(10)).IsAccepted);
    }
}
