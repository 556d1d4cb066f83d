using System.Text.Json;
using Trading.Risk;
using static Trading.Tests.Risk.FakeRiskAccount;
using static Trading.Tests.Risk.RiskTestKit;

namespace Trading.Tests.Risk;

/// <summary>What survives a restart: the snapshot through System.Text.Json and back into a new instance, which carries
/// on as the old one would have; a damaged record is refused.</summary>
public sealed class RiskStateTests
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly RiskLimits Limits = new() { DailyLossLimit = 1_000m, MaxOrdersPerWindow = 2 };

    /// <summary>An instance that has seen a session, a loss past the limit, two orders and a halt.</summary>
    private static PreTradeRisk Busy(FakeRiskAccount account)
    {
        var risk = NewRisk(Limits);
        risk.Observe(account, Morning);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, account, Morning.AddSeconds(10)).IsAccepted);
        Assert.True(risk.Check(Buy(Aaa, 1), 10m, account, Morning.AddSeconds(20)).IsAccepted);
        account.Equity = 98_000m;
        risk.Observe(account, Morning.AddSeconds(30));
        risk.Halt("operator: broker connection flapping", Morning.AddSeconds(40));
        return risk;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_snapshot_comes_back_through_json_field_for_field(bool snakeCase)
    {
        var account = new FakeRiskAccount { Equity = 100_000m }.Hold(Aaa, 100, 10m);
        var saved = Busy(account).Snapshot();

        var json = JsonSerializer.Serialize(saved, snakeCase ? SnakeCase : JsonSerializerOptions.Default);
        var back = JsonSerializer.Deserialize<RiskState>(json, snakeCase ? SnakeCase : JsonSerializerOptions.Default)!;

        Assert.Equal(saved with { RecentOrderTimes = [] }, back with { RecentOrderTimes = [] });
        Assert.Equal(saved.RecentOrderTimes, back.RecentOrderTimes);
        Assert.All(back.RecentOrderTimes, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
        Assert.True(back.Halted);
        Assert.Equal("operator: broker connection flapping", back.HaltReason);
        Assert.Equal(Morning.AddSeconds(40), back.HaltedSince);
        Assert.Equal(new DateOnly(2024, 1, 3), back.Session);
        Assert.Equal(100_000m, back.SessionStartEquity);
        Assert.Equal(98_000m, back.LossLimitHitEquity);
        Assert.Equal([Morning.AddSeconds(10), Morning.AddSeconds(20)], back.RecentOrderTimes);
        if (snakeCase)
        {
            Assert.Contains("\"halt_reason\":", json, StringComparison.Ordinal);
            Assert.Contains("\"recent_order_times\":", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void After_a_restart_the_node_is_still_halted_until_a_person_resumes()
    {
        var account = new FakeRiskAccount { Equity = 100_000m }.Hold(Aaa, 100, 10m);
        var json = JsonSerializer.Serialize(Busy(account).Snapshot());

        var restarted = NewRisk(Limits, JsonSerializer.Deserialize<RiskState>(json));

        Assert.True(restarted.IsHalted);
        var refused = restarted.Check(Sell(Aaa, 1), 10m, account, Morning.AddMinutes(5));
        Assert.Equal(RiskCheck.Halted, refused.RefusedBy);
        Assert.Contains("operator: broker connection flapping", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(2, restarted.OrdersToCancel(WithTwoWorking(account), Morning.AddMinutes(5)).Count);
    }

    [Fact]
    public void After_a_restart_the_rate_window_and_the_daily_loss_carry_on()
    {
        var account = new FakeRiskAccount { Equity = 100_000m }.Hold(Aaa, 100, 10m);
        var saved = Busy(account);
        saved.Resume("alice", Morning.AddSeconds(50));
        var restarted = NewRisk(Limits, JsonSerializer.Deserialize<RiskState>(JsonSerializer.Serialize(saved.Snapshot())));

        // Two orders at +10 s and +20 s: a third (reducing, so only the rate applies) waits until +70 s.
        Assert.Equal(RiskCheck.OrderRate, restarted.Check(Sell(Aaa, 1), 10m, account, Morning.AddSeconds(69)).RefusedBy);
        Assert.True(restarted.Check(Sell(Aaa, 1), 10m, account, Morning.AddSeconds(70)).IsAccepted);
        Assert.Equal(RiskCheck.DailyLoss, restarted.Check(Buy(Aaa, 1), 10m, account, Morning.AddSeconds(90)).RefusedBy);
        Assert.Equal(100_000m, restarted.SessionStartEquity);
        Assert.Equal("alice", restarted.ResumedBy);
    }

    [Fact]
    public void A_fresh_instance_snapshots_an_empty_state_that_restores()
    {
        var state = NewRisk(Limits).Snapshot();

        Assert.Equal(new RiskState() with { RecentOrderTimes = [] }, state with { RecentOrderTimes = [] });
        Assert.Empty(state.RecentOrderTimes);
        Assert.False(NewRisk(Limits, state).IsHalted);
    }

    [Fact]
    public void A_restart_with_a_lower_rate_keeps_only_the_latest_orders_it_needs()
    {
        var account = new FakeRiskAccount { Equity = 100_000m };
        var state = Busy(account).Snapshot() with { Halted = false, HaltReason = null, HaltedSince = null };

        var restarted = NewRisk(new RiskLimits { MaxOrdersPerWindow = 1 }, state);

        Assert.Equal([Morning.AddSeconds(20)], restarted.Snapshot().RecentOrderTimes);
        Assert.Null(restarted.Session);
    }

    [Fact]
    public void A_damaged_state_is_refused_naming_what_contradicts()
    {
        var damaged = new RiskState
        {
            Halted = true,
            Session = new DateOnly(2024, 1, 3),
            LossLimitHitEquity = 1m,
            RecentOrderTimes = [Morning.AddSeconds(5), Morning],
        };

        var error = Assert.Throws<ArgumentException>(() => NewRisk(Limits, damaged));

        Assert.StartsWith(
            "The saved risk state cannot be restored: a halted state needs the halt's reason and time; a session needs its starting equity; the equity and the time the daily loss limit was passed go together; the recent order times must be oldest first.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_without_its_order_times_is_refused()
    {
        var state = JsonSerializer.Deserialize<RiskState>("""{"Halted": false, "RecentOrderTimes": null}""")!;

        var error = Assert.Throws<ArgumentException>(() => NewRisk(Limits, state));

        Assert.Contains("the recent order times are missing", error.Message, StringComparison.Ordinal);
    }

    private static FakeRiskAccount WithTwoWorking(FakeRiskAccount account)
    {
        account.Working.Clear();
        account.Work(Aaa, Trading.Domain.OrderSide.Sell, 10);
        account.Work(Bbb, Trading.Domain.OrderSide.Buy, 10);
        return account;
    }
}
