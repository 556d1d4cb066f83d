using Trading.Domain;
using Trading.Risk;
using static Trading.Tests.Risk.FakeRiskAccount;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>The kill switch: halted, every order is refused with the reason and every working order is named for
/// cancelling, until a person resumes.</summary>
public sealed class KillSwitchTests
{
    [Fact]
    public void Halted_every_order_is_refused_with_the_halt_reason_reducing_ones_too()
    {
        var account = new FakeRiskAccount().Hold(Aaa, 100, 10m);
        var risk = NewRisk(RiskLimits.None);

        Assert.True(risk.Halt("feed stale for 5 minutes", Morning));
        var refused = risk.Check(Sell(Aaa, 10), 10m, account, Morning.AddMinutes(1));

        Assert.True(risk.IsHalted);
        Assert.Equal("feed stale for 5 minutes", risk.HaltReason);
        Assert.Equal(Morning, risk.HaltedSince);
        Assert.Equal(RiskCheck.Halted, refused.RefusedBy);
        Assert.Equal("trading is halted since 2024-01-03 15:00:00 UTC: feed stale for 5 minutes; no order is accepted until a person resumes trading", refused.Reason);
    }

    [Fact]
    public void A_person_resumes_and_orders_pass_again()
    {
        var risk = NewRisk(RiskLimits.None);
        risk.Halt("manual", Morning);

        Assert.True(risk.Resume("alice", Morning.AddMinutes(3)));

        Assert.False(risk.IsHalted);
        Assert.Null(risk.HaltReason);
        Assert.Null(risk.HaltedSince);
        Assert.Equal("alice", risk.ResumedBy);
        Assert.Equal(Morning.AddMinutes(3), risk.ResumedAt);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, new FakeRiskAccount(), Morning.AddMinutes(4)).IsAccepted);
    }

    [Fact]
    public void A_second_halt_keeps_the_first_reason_and_a_resume_when_running_changes_nothing()
    {
        var risk = NewRisk(RiskLimits.None);

        Assert.False(risk.Resume("alice", Morning));
        Assert.Null(risk.ResumedBy);
        Assert.True(risk.Halt("first", Morning));
        Assert.False(risk.Halt("second", Morning.AddMinutes(1)));

        Assert.Equal("first", risk.HaltReason);
        Assert.Equal(Morning, risk.HaltedSince);
    }

    [Fact]
    public void Halted_every_working_order_is_named_for_cancelling_and_none_after_the_resume()
    {
        var account = new FakeRiskAccount().Hold(Aaa, 100, 10m);
        var reducing = account.Work(Aaa, OrderSide.Sell, 10, limit: 12m);
        var adding = account.Work(Bbb, OrderSide.Buy, 5);
        var risk = NewRisk(RiskLimits.None);
        Assert.Empty(risk.OrdersToCancel(account, Morning));

        risk.Halt("manual", Morning);
        Assert.Equal([reducing, adding], risk.OrdersToCancel(account, Morning).Select(o => o.Id));

        risk.Resume("alice", Morning.AddMinutes(1));
        Assert.Empty(risk.OrdersToCancel(account, Morning.AddMinutes(1)));
    }

    [Fact]
    public void Orders_refused_while_halted_do_not_use_up_the_rate()
    {
        var risk = NewRisk(new RiskLimits { MaxOrdersPerWindow = 1 });
        risk.Halt("manual", Morning);
        risk.Check(Buy(Aaa, 1), 10m, new FakeRiskAccount(), Morning);
        risk.Resume("alice", Morning.AddSeconds(1));

        Assert.True(risk.Check(Buy(Aaa, 1), 10m, new FakeRiskAccount(), Morning.AddSeconds(2)).IsAccepted);
    }

    [Fact]
    public void A_resume_does_not_lift_the_daily_loss_limit()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var risk = NewRisk(new RiskLimits { DailyLossLimit = 1_000m });
        risk.Observe(account, Morning);
        account.Equity = 90_000m;
        risk.Halt("losing", Morning.AddMinutes(1));
        risk.Resume("alice", Morning.AddMinutes(2));

        Assert.Equal(RiskCheck.DailyLoss, risk.Check(Buy(Aaa, 1), 10m, account, Morning.AddMinutes(3)).RefusedBy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_halt_needs_a_reason_and_a_resume_a_name(string blank)
    {
        var risk = NewRisk(RiskLimits.None);

        var halt = Assert.Throws<ArgumentException>(() => risk.Halt(blank, Morning));
        Assert.StartsWith("A halt's reason must not be blank.", halt.Message, StringComparison.Ordinal);
        risk.Halt("manual", Morning);
        var resume = Assert.Throws<ArgumentException>(() => risk.Resume(blank, Morning));
        Assert.StartsWith("The name of the person resuming trading must not be blank.", resume.Message, StringComparison.Ordinal);
        Assert.True(risk.IsHalted);
    }

    [Fact]
    public void A_reason_longer_than_the_record_keeps_is_refused()
    {
        var risk = NewRisk(RiskLimits.None);

        var error = Assert.Throws<ArgumentException>(() => risk.Halt(new string('x', PreTradeRisk.MaxTextLength + 1), Morning));

        Assert.StartsWith("A halt's reason is at most 1000 characters; got 1001.", error.Message, StringComparison.Ordinal);
        Assert.False(risk.IsHalted);
    }
}
