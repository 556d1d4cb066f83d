using Trading.Portfolio;
using static Trading.Tests.Portfolio.Picks;

namespace Trading.Tests.Portfolio;

/// <summary>Each rule of <see cref="RiskRules"/> as <see cref="DesiredPortfolio.Build"/> applies it, with the note
/// that says what it changed.</summary>
public sealed class RiskRuleTests
{
    private static readonly Trading.Domain.Signal[] FourPicks =
    [
        Buy("A", 40, rank: 1), Buy("B", 40, rank: 2), Buy("C", 40, rank: 3), Buy("D", 40, rank: 4),
    ];

    [Fact]
    public void A_weight_over_the_maximum_position_weight_is_capped_with_a_note()
    {
        // Equal weight of two picks: 0.5 each, capped at 0.3.
        var desired = DesiredPortfolio.Build(
            FourPicks[..2],
            new EqualWeight(),
            new RiskRules { MaxPositionWeight = 0.3 },
            State(100_000, 100_000));

        Assert.Equal([0.3, 0.3], desired.Targets.Select(t => t.Weight));
        Assert.Equal(
            ["A: weight 50% capped at max_position_weight 30%", "B: weight 50% capped at max_position_weight 30%"],
            desired.Notes);
    }

    [Fact]
    public void A_weight_under_the_maximum_is_left_alone()
    {
        // Risk parity: 0.01 × 40 / 2 = 0.2 each, under the 0.25 cap.
        var desired = DesiredPortfolio.Build(FourPicks, new AtrRiskParity(0.01), new RiskRules { MaxPositionWeight = 0.25 }, State(100_000, 100_000));

        Assert.All(desired.Targets, t => Assert.Equal(0.2, t.Weight, 1e-12));
        Assert.Empty(desired.Notes);
    }

    [Fact]
    public void The_maximum_number_of_positions_keeps_the_first_picks()
    {
        // Two of four kept, before the model weighs: equal weight then splits the whole budget between them.
        var desired = DesiredPortfolio.Build(FourPicks, new EqualWeight(), new RiskRules { MaxPositions = 2 }, State(100_000, 100_000));

        Assert.Equal(["A", "B"], desired.Targets.Select(t => t.Symbol.Value));
        Assert.Equal([0.5, 0.5], desired.Targets.Select(t => t.Weight));
        Assert.Equal(["max_positions 2: left out C, D"], desired.Notes);
    }

    [Fact]
    public void Gross_exposure_keeps_weights_from_the_top_cuts_the_one_that_crosses_and_drops_the_rest()
    {
        // Risk parity 0.2 each; budget 0.5: A 0.2 (0.2 used), B 0.2 (0.4), C cut to 0.1 (0.5), D nothing.
        var desired = DesiredPortfolio.Build(FourPicks, new AtrRiskParity(0.01), new RiskRules { MaxGrossExposure = 0.5 }, State(100_000, 100_000));

        Assert.Equal(["A", "B", "C"], desired.Targets.Select(t => t.Symbol.Value));
        Assert.Equal(0.2, desired.Targets[0].Weight, 1e-12);
        Assert.Equal(0.2, desired.Targets[1].Weight, 1e-12);
        Assert.Equal(0.1, desired.Targets[2].Weight, 1e-12);
        Assert.Equal(0.5, desired.GrossWeight, 1e-12);
        Assert.Equal(["gross exposure budget 50% spent: C cut from 20% to 10%, left out D"], desired.Notes);
    }

    [Fact]
    public void Weights_that_exactly_fill_the_budget_are_all_kept()
    {
        // 4 × 0.25 = 1.
        var desired = DesiredPortfolio.Build(FourPicks, new AtrRiskParity(0.0125), new RiskRules(), State(100_000, 100_000));

        Assert.Equal(4, desired.Targets.Count);
        Assert.Empty(desired.Notes);
    }

    [Fact]
    public void A_pick_that_finds_the_budget_already_spent_is_dropped_not_kept_at_zero()
    {
        // Risk parity 0.5 each (0.025 × 40 / 2): A and B spend the budget of 1; C and D get nothing.
        var desired = DesiredPortfolio.Build(FourPicks, new AtrRiskParity(0.025), new RiskRules(), State(100_000, 100_000));

        Assert.Equal(["A", "B"], desired.Targets.Select(t => t.Symbol.Value));
        Assert.Equal(["gross exposure budget 100% spent: C cut from 50% to 0%, left out D"], desired.Notes);
    }

    [Fact]
    public void The_cash_buffer_reduces_the_budget()
    {
        // Budget = min(gross 1, 1 − 0.1) = 0.9; equal weight of three: 0.3 each.
        var rules = new RiskRules { MinCashBuffer = 0.1 };
        var desired = DesiredPortfolio.Build(FourPicks[..3], new EqualWeight(), rules, State(100_000, 100_000));

        Assert.Equal(0.9, rules.Budget, 1e-12);
        Assert.All(desired.Targets, t => Assert.Equal(0.3, t.Weight, 1e-12));
        Assert.Equal(0.9, desired.GrossWeight, 1e-12);
    }

    [Fact]
    public void The_budget_is_the_smaller_of_the_exposure_limit_and_what_the_buffer_leaves()
    {
        Assert.Equal(0.6, new RiskRules { MaxGrossExposure = 0.6, MinCashBuffer = 0.1 }.Budget, 1e-12);
        Assert.Equal(0.8, new RiskRules { MaxGrossExposure = 2, MinCashBuffer = 0.2 }.Budget, 1e-12);
    }

    [Fact]
    public void Buys_never_spend_the_cash_buffer()
    {
        // Equity and cash 100,000, buffer 10%: 90,000 to spend. A: 600 × 100 = 60,000 (30,000 left);
        // B wants 400 × 100 = 40,000, cut to 300 shares; C wants 10 × 100, none left.
        var rules = new RiskRules { MinCashBuffer = 0.1 };
        var plan = RebalancePlan.Create(
            Desired(("A", 0.6, 100), ("B", 0.4, 100), ("C", 0.01, 100)),
            State(100_000, 100_000),
            Prices(),
            rules,
            new RebalanceOptions());

        Assert.Equal([600m, 300m, 0m], plan.Trades.Select(t => t.Quantity));
        Assert.Equal("cut from 400 to 300 shares: only 30000.00 of cash left for it", plan.Trades[1].Note);
        Assert.True(plan.Trades[2].Skipped);
        Assert.Equal("skipped: 10 shares cost 1000.00, but the cash is spent (0.00 left)", plan.Trades[2].Note);
        Assert.Equal(90_000m, plan.Buys.Sum(b => b.Quantity * (decimal)b.Price));
    }

    [Fact]
    public void In_a_drawdown_over_the_limit_new_picks_are_dropped_and_held_ones_are_not_raised()
    {
        // 25% down, limit 20%. A is held: 100 shares × 50 of equity 100,000 = 5%. Equal weight would give A the
        // whole budget (B is dropped before weighing), but A is held at its current 5%, not raised.
        var desired = DesiredPortfolio.Build(
            [Buy("A", 50), Buy("B", 50)],
            new EqualWeight(),
            new RiskRules { DrawdownLimitForBuys = 0.2 },
            State(100_000, 95_000, drawdown: 0.25, ("A", 100m)));

        var a = Assert.Single(desired.Targets);
        Assert.Equal("A", a.Symbol.Value);
        Assert.Equal(0.05, a.Weight, 1e-12);
        Assert.Equal(["drawdown 25.0% is over the 20% limit: no new buys (B not bought)"], desired.Notes);
    }

    [Fact]
    public void In_a_drawdown_a_held_position_may_still_shrink()
    {
        // Risk parity says 0.001 × 50 / 2 = 2.5%, under the 5% held: the smaller weight stands.
        var desired = DesiredPortfolio.Build(
            [Buy("A", 50)],
            new AtrRiskParity(0.001),
            new RiskRules { DrawdownLimitForBuys = 0.2 },
            State(100_000, 95_000, drawdown: 0.25, ("A", 100m)));

        Assert.Equal(0.025, Assert.Single(desired.Targets).Weight, 1e-12);
        Assert.Equal(["drawdown 25.0% is over the 20% limit: no new buys"], desired.Notes);
    }

    [Fact]
    public void A_drawdown_at_the_limit_does_not_halt_buys()
    {
        var desired = DesiredPortfolio.Build(
            [Buy("A", 50), Buy("B", 50)],
            new EqualWeight(),
            new RiskRules { DrawdownLimitForBuys = 0.2 },
            State(100_000, 95_000, drawdown: 0.2, ("A", 100m)));

        Assert.Equal([0.5, 0.5], desired.Targets.Select(t => t.Weight));
        Assert.Empty(desired.Notes);
    }

    [Theory]
    [InlineData(0.0, null, 1.0, 0.0, 1.0, "max_position_weight")]
    [InlineData(1.0, 0, 1.0, 0.0, 1.0, "max_positions")]
    [InlineData(1.0, null, 0.0, 0.0, 1.0, "max_gross_exposure")]
    [InlineData(1.0, null, 1.0, 1.0, 1.0, "min_cash_buffer")]
    [InlineData(1.0, null, 1.0, 0.0, 0.0, "drawdown limit")]
    public void Rules_that_cannot_work_are_refused_naming_the_rule(double maxWeight, int? maxPositions, double gross, double buffer, double drawdown, string named)
    {
        var rules = new RiskRules
        {
            MaxPositionWeight = maxWeight,
            MaxPositions = maxPositions,
            MaxGrossExposure = gross,
            MinCashBuffer = buffer,
            DrawdownLimitForBuys = drawdown,
        };

        var error = Assert.Throws<ArgumentException>(() => DesiredPortfolio.Build([Buy("A", 50)], new EqualWeight(), rules, State(100_000, 100_000)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
