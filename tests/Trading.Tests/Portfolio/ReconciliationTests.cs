using Trading.Domain;
using Trading.Portfolio;
using static Trading.Tests.Portfolio.Picks;

namespace Trading.Tests.Portfolio;

/// <summary>Desired versus actual: each way a planned line can end.</summary>
public sealed class ReconciliationTests
{
    private static readonly DateTime Decided = new(2024, 3, 6, 0, 0, 0, DateTimeKind.Utc);

    private static RebalanceRecord Reconcile(
        RebalancePlan plan,
        Dictionary<Symbol, OrderOutcome> outcomes,
        Dictionary<string, decimal> after,
        Dictionary<Symbol, string>? reasons = null) =>
        RebalanceRecord.Reconcile(
            Decided,
            100_000m,
            ["scheduled"],
            plan,
            outcomes,
            symbol => after.TryGetValue(symbol.Value, out var held) ? held : 0m,
            reasons ?? []);

    [Fact]
    public void An_order_filled_in_full_ends_at_its_desired_size()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("A"), 0, 100, 100, 10, null)]);

        var record = Reconcile(plan, new() { [S("A")] = new OrderOutcome(100, OrderStatus.Filled, null) }, new() { ["A"] = 100 });

        var line = Assert.Single(record.Lines);
        Assert.Equal(new ReconciliationLine(S("A"), 0, 100, 100, 100, 100, ReconciliationOutcome.Filled, null), line);
        Assert.Equal(0m, line.Shortfall);
        Assert.Equal(0, record.Shortfalls);
        Assert.Equal(Decided, record.Time);
        Assert.Equal(100_000m, record.Equity);
        Assert.Equal(["scheduled"], record.Notes);
    }

    [Fact]
    public void A_filled_sell_is_negative_and_keeps_the_reason_the_strategy_sold()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("X"), 50, 0, -50, 10, null)]);

        var record = Reconcile(
            plan,
            new() { [S("X")] = new OrderOutcome(50, OrderStatus.Filled, null) },
            [],
            new() { [S("X")] = "trend: close 9 is under its 100-bar average 11" });

        var line = Assert.Single(record.Lines);
        Assert.Equal(-50m, line.Ordered);
        Assert.Equal(-50m, line.Filled);
        Assert.Equal(0m, line.After);
        Assert.Equal(ReconciliationOutcome.Filled, line.Outcome);
        Assert.Equal("trend: close 9 is under its 100-bar average 11", line.Reason);
    }

    [Fact]
    public void A_partial_fill_keeps_the_venues_reason_and_the_plans_note_and_counts_as_a_shortfall()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("B"), 0, 100, 80, 10, "cut from 100 to 80 shares: only 800.00 of cash left for it")]);

        var record = Reconcile(plan, new() { [S("B")] = new OrderOutcome(60, OrderStatus.Cancelled, "volume cap") }, new() { ["B"] = 60 });

        var line = Assert.Single(record.Lines);
        Assert.Equal(ReconciliationOutcome.PartiallyFilled, line.Outcome);
        Assert.Equal(60m, line.Filled);
        Assert.Equal("cut from 100 to 80 shares: only 800.00 of cash left for it; volume cap", line.Reason);

        // 100 wanted, 60 held.
        Assert.Equal(40m, line.Shortfall);
        Assert.Equal(1, record.Shortfalls);
    }

    [Fact]
    public void A_partial_fill_without_a_reason_says_its_status()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("B"), 0, 100, 100, 10, null)]);

        var record = Reconcile(plan, new() { [S("B")] = new OrderOutcome(30, OrderStatus.Expired, null) }, new() { ["B"] = 30 });

        Assert.Equal("Expired", Assert.Single(record.Lines).Reason);
    }

    [Fact]
    public void An_order_that_filled_nothing_is_unfilled_and_the_position_is_unchanged()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("C"), 50, 0, -50, 10, null)]);

        var record = Reconcile(plan, new() { [S("C")] = new OrderOutcome(0, OrderStatus.Expired, null) }, new() { ["C"] = 50 });

        var line = Assert.Single(record.Lines);
        Assert.Equal(ReconciliationOutcome.Unfilled, line.Outcome);
        Assert.Equal(0m, line.Filled);
        Assert.Equal("Expired", line.Reason);

        // Wanted 0, still holds 50: a shortfall of −50 (too much held).
        Assert.Equal(-50m, line.Shortfall);
        Assert.Equal(1, record.Shortfalls);
    }

    [Fact]
    public void An_order_that_was_never_placed_is_unfilled_and_says_so()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("G"), 0, 10, 10, 10, null)]);

        var record = Reconcile(plan, [], []);

        var line = Assert.Single(record.Lines);
        Assert.Equal(ReconciliationOutcome.Unfilled, line.Outcome);
        Assert.Equal("the order was never placed", line.Reason);
        Assert.Equal(10m, line.Shortfall);
    }

    [Fact]
    public void A_rejected_order_keeps_the_rejection_reason()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("D"), 0, 10, 10, 10, null)]);

        var record = Reconcile(
            plan,
            new() { [S("D")] = new OrderOutcome(0, OrderStatus.Rejected, "insufficient cash: needs 100.00, has 40.00") },
            []);

        var line = Assert.Single(record.Lines);
        Assert.Equal(ReconciliationOutcome.Rejected, line.Outcome);
        Assert.Equal("insufficient cash: needs 100.00, has 40.00", line.Reason);
        Assert.Equal(0m, line.After);
    }

    [Fact]
    public void A_line_the_plan_skipped_is_skipped_with_the_plans_note()
    {
        var plan = new RebalancePlan([new PlannedTrade(S("E"), 100, 104, 0, 50, "skipped: +4 shares is 200.00, below min_trade_value 500", Skipped: true)]);

        var record = Reconcile(plan, [], new() { ["E"] = 100 });

        var line = Assert.Single(record.Lines);
        Assert.Equal(ReconciliationOutcome.Skipped, line.Outcome);
        Assert.Equal(0m, line.Ordered);
        Assert.Equal("skipped: +4 shares is 200.00, below min_trade_value 500", line.Reason);
        Assert.Equal(4m, line.Shortfall);
    }

    [Fact]
    public void A_line_with_nothing_to_trade_is_unchanged()
    {
        var plan = new RebalancePlan(
        [
            new PlannedTrade(S("F"), 100, 100, 0, 50, null),
            new PlannedTrade(S("H"), 100, 100, 0, 50, "held: stays at 100 shares until a resize day (target 150)"),
        ]);

        var record = Reconcile(plan, [], new() { ["F"] = 100, ["H"] = 100 });

        Assert.Equal([ReconciliationOutcome.Unchanged, ReconciliationOutcome.Unchanged], record.Lines.Select(l => l.Outcome));
        Assert.Null(record.Lines[0].Reason);
        Assert.Equal("held: stays at 100 shares until a resize day (target 150)", record.Lines[1].Reason);
        Assert.Equal(0, record.Shortfalls);
    }

    [Fact]
    public void Every_line_of_the_plan_is_reconciled_in_plan_order()
    {
        var plan = new RebalancePlan(
        [
            new PlannedTrade(S("X"), 50, 0, -50, 10, null),
            new PlannedTrade(S("A"), 0, 100, 100, 10, null),
            new PlannedTrade(S("D"), 0, 10, 10, 10, null),
            new PlannedTrade(S("F"), 100, 100, 0, 50, null),
        ]);

        var record = Reconcile(
            plan,
            new()
            {
                [S("X")] = new OrderOutcome(50, OrderStatus.Filled, null),
                [S("A")] = new OrderOutcome(100, OrderStatus.Filled, null),
                [S("D")] = new OrderOutcome(0, OrderStatus.Rejected, "no cash"),
            },
            new() { ["A"] = 100, ["F"] = 100 });

        Assert.Equal(["X", "A", "D", "F"], record.Lines.Select(l => l.Symbol.Value));
        Assert.Equal(
            [ReconciliationOutcome.Filled, ReconciliationOutcome.Filled, ReconciliationOutcome.Rejected, ReconciliationOutcome.Unchanged],
            record.Lines.Select(l => l.Outcome));
        Assert.Equal(1, record.Shortfalls);
    }
}
