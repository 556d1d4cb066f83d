using Trading.Domain;
using Trading.Risk;
using static Trading.Tests.Risk.FakeRiskAccount;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>The daily loss limit: past it, the rest of the session takes no new risk (reducing orders still pass),
/// until the next session by the NYSE calendar.</summary>
public sealed class DailyLossTests
{
    private static readonly RiskLimits Limits = new() { DailyLossLimit = 1_000m };

    private static DateTime Utc(int month, int day, int hour, int minute, int second = 0) => new(2024, month, day, hour, minute, second, DateTimeKind.Utc);

    [Fact]
    public void A_loss_of_exactly_the_limit_still_trades_and_a_cent_more_stops_new_risk()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var risk = NewRisk(Limits);
        risk.Observe(account, Morning);

        account.Equity = 99_000m;
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, account, Morning.AddMinutes(1)).IsAccepted);
        account.Equity = 98_999.99m;
        var refused = risk.Check(Buy(Aaa, 1), 10m, account, Morning.AddMinutes(2));

        Assert.Equal(RiskCheck.DailyLoss, refused.RefusedBy);
        Assert.Equal(
            "the daily loss limit 1,000.00 was passed this session (2024-01-03): equity was 98,999.99 at 2024-01-03 15:02:00 UTC, 1,000.01 below the session's starting 100,000.00; until the next session only orders that reduce a position are accepted",
            refused.Reason);
    }

    [Fact]
    public void Observing_a_step_sees_the_loss_without_waiting_for_an_order()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var risk = NewRisk(Limits);
        risk.Observe(account, Morning);
        Assert.False(risk.IsDailyLossLimitHit);

        account.Equity = 98_000m;
        risk.Observe(account, Morning.AddMinutes(5));

        Assert.True(risk.IsDailyLossLimitHit);
        Assert.Equal(100_000m, risk.SessionStartEquity);
    }

    [Fact]
    public void A_recovery_later_in_the_session_does_not_lift_the_limit()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var risk = NewRisk(Limits);
        risk.Observe(account, Morning);
        account.Equity = 98_000m;
        risk.Observe(account, Morning.AddMinutes(5));

        account.Equity = 101_000m;

        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Morning.AddMinutes(10)).RefusedBy);
    }

    [Fact]
    public void Past_the_limit_orders_that_reduce_a_position_pass_and_others_are_refused()
    {
        var account = new FakeRiskAccount { Equity = 100_000m }.Hold(Aaa, 100, 10m).Hold(Bbb, -50, 10m);
        var risk = NewRisk(Limits);
        risk.Observe(account, Morning);
        account.Equity = 90_000m;

        Assert.True(risk.Check(Sell(Aaa, 100), 10m, account, Morning.AddMinutes(1)).IsAccepted);
        Assert.True(risk.Check(Buy(Bbb, 50), 10m, account, Morning.AddMinutes(1)).IsAccepted);
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Sell(Aaa, 101), 10m, account, Morning.AddMinutes(1)).RefusedBy);
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Morning.AddMinutes(1)).RefusedBy);
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Sell(Bbb, 1), 10m, account, Morning.AddMinutes(1)).RefusedBy);
    }

    [Fact]
    public void A_sell_that_with_working_sells_would_flip_the_position_is_refused_with_the_count()
    {
        var account = new FakeRiskAccount { Equity = 100_000m }.Hold(Aaa, 100, 10m);
        account.Work(Aaa, OrderSide.Sell, 50, limit: 12m);
        var risk = NewRisk(Limits);
        risk.Observe(account, Morning);
        account.Equity = 90_000m;

        Assert.True(risk.Check(Sell(Aaa, 50), 10m, account, Morning.AddMinutes(1)).IsAccepted);
        var refused = risk.Check(Sell(Aaa, 51), 10m, account, Morning.AddMinutes(1));

        Assert.Equal(RiskCheck.DailyLoss, refused.RefusedBy);
        Assert.EndsWith("(this sell 51 AAA and the 50 on working sell orders would go beyond the long 100 held)", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limit_resets_at_the_next_session_after_the_close_not_at_utc_midnight()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var risk = NewRisk(Limits);

        // 17:00 in New York on 3 January, after the close: the session of 4 January starts here.
        risk.Observe(account, Utc(1, 3, 22, 0));
        account.Equity = 98_000m;
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Utc(1, 3, 22, 30)).RefusedBy);

        // UTC midnight passes; New York is still in the evening before the session of 4 January.
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Utc(1, 4, 0, 30)).RefusedBy);
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Utc(1, 4, 21, 0)).RefusedBy); // 16:00, its close
        Assert.Equal(new DateOnly(2024, 1, 4), risk.Session);

        // A second after the close: the session of 5 January, measured from the equity first seen in it.
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, account, Utc(1, 4, 21, 0, 1)).IsAccepted);
        Assert.Equal(new DateOnly(2024, 1, 5), risk.Session);
        Assert.Equal(98_000m, risk.SessionStartEquity);
        account.Equity = 96_999.99m;
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Utc(1, 5, 15, 0)).RefusedBy);
    }

    [Fact]
    public void A_holiday_belongs_to_the_next_session_and_an_early_close_ends_one()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var risk = NewRisk(Limits);

        // 3 July 2024 closes at 13:00 New York (17:00 UTC); the Fourth is a holiday; the next session is 5 July.
        risk.Observe(account, Utc(7, 3, 15, 0));
        account.Equity = 98_000m;
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Utc(7, 3, 16, 59)).RefusedBy);

        Assert.True(risk.Check(Buy(Aaa, 1), 10m, account, Utc(7, 3, 17, 1)).IsAccepted);
        Assert.Equal(new DateOnly(2024, 7, 5), risk.Session);
        account.Equity = 96_000m;
        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Utc(7, 4, 15, 0)).RefusedBy);
        Assert.Equal(new DateOnly(2024, 7, 5), risk.Session);
    }

    [Fact]
    public void A_clock_stepping_back_into_an_earlier_session_does_not_restart_the_day()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var risk = NewRisk(Limits);
        risk.Observe(account, Utc(1, 4, 15, 0));
        account.Equity = 98_000m;
        risk.Observe(account, Utc(1, 4, 16, 0));

        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Utc(1, 3, 15, 0)).RefusedBy);
        Assert.Equal(new DateOnly(2024, 1, 4), risk.Session);
    }

    [Fact]
    public void Past_the_limit_the_working_orders_that_add_risk_are_named_for_cancelling()
    {
        var account = new FakeRiskAccount { Equity = 100_000m }.Hold(Aaa, 100, 10m);
        var sell60 = account.Work(Aaa, OrderSide.Sell, 60, limit: 11m);
        var sell50 = account.Work(Aaa, OrderSide.Sell, 50, limit: 12m);
        var buy10 = account.Work(Aaa, OrderSide.Buy, 10, limit: 9m);
        var buyOther = account.Work(Bbb, OrderSide.Buy, 5);
        var risk = NewRisk(Limits);
        Assert.Empty(risk.OrdersToCancel(account, Morning));

        account.Equity = 98_999.99m;
        var cancel = risk.OrdersToCancel(account, Morning.AddMinutes(1));

        // The first sell closes 60 of the 100 held; the second would go 10 beyond, so it could open a short.
        Assert.Equal([sell50, buy10, buyOther], cancel.Select(o => o.Id));
        Assert.DoesNotContain(sell60, cancel.Select(o => o.Id));
    }

    [Fact]
    public void Without_a_daily_loss_limit_no_session_is_followed()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var risk = NewRisk(new RiskLimits { MaxOrderValue = 1_000_000m });
        risk.Observe(account, Morning);
        account.Equity = 1m;

        Assert.Null(risk.Session);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, account, Morning.AddMinutes(1)).IsAccepted);
    }
}
