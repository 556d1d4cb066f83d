using Trading.Domain;
using Trading.Portfolio;
using static Trading.Tests.Portfolio.Picks;

namespace Trading.Tests.Portfolio;

public sealed class ConstructionModelTests
{
    private static double[] Weights(IPortfolioConstruction model, double budget, params Signal[] picks) =>
        [.. model.Weigh(picks, budget).Select(t => t.Weight)];

    [Fact]
    public void Atr_risk_parity_weighs_risk_factor_times_price_over_atr()
    {
        var model = new AtrRiskParity(0.001);

        // 0.001 × 50 / 2 = 0.025; 0.001 × 80 / 2.5 = 0.032; the budget is left to the risk rules.
        var targets = model.Weigh([Buy("A", price: 50, atr: 2), Buy("B", price: 80, atr: 2.5)], budget: 0.01);

        Assert.Equal(0.025, targets[0].Weight, 1e-15);
        Assert.Equal(0.032, targets[1].Weight, 1e-15);
        Assert.Equal([50.0, 80.0], targets.Select(t => t.Price));
        Assert.Equal(["A", "B"], targets.Select(t => t.Symbol.Value));
    }

    [Fact]
    public void Atr_risk_parity_gives_nothing_to_a_pick_without_a_usable_atr_or_price()
    {
        var weights = Weights(
            new AtrRiskParity(0.001),
            1,
            Buy("A", price: 50, atr: 0),
            Buy("B", price: 50, atr: double.NaN),
            Buy("C", price: double.NaN, atr: 2),
            Buy("D", price: 0, atr: 2),
            Buy("E", price: 50, atr: 5));

        // E: 0.001 × 50 / 5 = 0.01.
        Assert.Equal([0.0, 0.0, 0.0, 0.0], weights[..4]);
        Assert.Equal(0.01, weights[4], 1e-15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.001)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Atr_risk_parity_refuses_a_risk_factor_outside_zero_to_one(double riskFactor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AtrRiskParity(riskFactor));
    }

    [Fact]
    public void Equal_weight_splits_the_budget_evenly()
    {
        // 0.9 / 4 = 0.225 each.
        var weights = Weights(new EqualWeight(), 0.9, Buy("A", 10), Buy("B", 20), Buy("C", 30), Buy("D", 40));

        Assert.All(weights, w => Assert.Equal(0.225, w, 1e-15));
    }

    [Fact]
    public void Inverse_volatility_shares_the_budget_by_one_over_volatility()
    {
        // 1/0.1 = 10, 1/0.2 = 5, 1/0.4 = 2.5; total 17.5; budget 0.7: 0.4, 0.2, 0.1.
        var weights = Weights(
            new InverseVolatility(),
            0.7,
            Buy("A", 10, volatility: 0.1),
            Buy("B", 10, volatility: 0.2),
            Buy("C", 10, volatility: 0.4));

        Assert.Equal(0.4, weights[0], 1e-15);
        Assert.Equal(0.2, weights[1], 1e-15);
        Assert.Equal(0.1, weights[2], 1e-15);
    }

    [Fact]
    public void Inverse_volatility_gives_nothing_to_a_pick_without_a_usable_volatility()
    {
        // NaN (no history) and 0 (1/0 is not finite) count as zero: the others share the whole budget, 1/0.25 and 1/0.5 as 4 : 2.
        var weights = Weights(
            new InverseVolatility(),
            0.6,
            Buy("A", 10, volatility: double.NaN),
            Buy("B", 10, volatility: 0.25),
            Buy("C", 10, volatility: 0),
            Buy("D", 10, volatility: 0.5));

        Assert.Equal(0, weights[0]);
        Assert.Equal(0.4, weights[1], 1e-15);
        Assert.Equal(0, weights[2]);
        Assert.Equal(0.2, weights[3], 1e-15);
    }

    [Fact]
    public void Score_weighted_shares_the_budget_by_score_and_gives_nothing_to_zero_negative_or_missing_scores()
    {
        // Positive scores 0.6, 0.3, 0.1 sum to 1; budget 0.8: 0.48, 0.24, 0.08.
        var weights = Weights(
            new ScoreWeighted(),
            0.8,
            Buy("A", 10, score: 0.6),
            Buy("B", 10, score: 0.3),
            Buy("C", 10, score: 0.1),
            Buy("D", 10, score: 0),
            Buy("E", 10, score: -0.2),
            Buy("F", 10, score: double.NaN));

        Assert.Equal(0.48, weights[0], 1e-15);
        Assert.Equal(0.24, weights[1], 1e-15);
        Assert.Equal(0.08, weights[2], 1e-15);
        Assert.Equal([0.0, 0.0, 0.0], weights[3..]);
    }

    [Fact]
    public void A_proportional_model_with_nothing_to_weigh_gives_every_pick_zero()
    {
        var weights = Weights(new ScoreWeighted(), 1, Buy("A", 10, score: -1), Buy("B", 10, score: 0));

        Assert.Equal([0.0, 0.0], weights);
        Assert.Empty(new EqualWeight().Weigh([], 1));
    }

    [Fact]
    public void Picks_weighed_zero_are_left_out_of_the_desired_portfolio()
    {
        var picks = new[] { Buy("A", 10, score: 0.5), Buy("B", 10, score: -0.5), Buy("C", 10, score: 0.5) };

        var desired = DesiredPortfolio.Build(picks, new ScoreWeighted(), new RiskRules(), State(100_000, 100_000));

        Assert.Equal(["A", "C"], desired.Targets.Select(t => t.Symbol.Value));
        Assert.Equal(1.0, desired.GrossWeight, 1e-12);
        Assert.Empty(desired.Notes);
    }

    [Theory]
    [InlineData("atr_risk_parity", typeof(AtrRiskParity))]
    [InlineData("equal_weight", typeof(EqualWeight))]
    [InlineData("inverse_volatility", typeof(InverseVolatility))]
    [InlineData("score_weighted", typeof(ScoreWeighted))]
    [InlineData(" Score_Weighted ", typeof(ScoreWeighted))]
    public void Models_are_found_by_name(string name, Type expected)
    {
        var model = PortfolioConstruction.Named(name, 0.002);

        Assert.IsType(expected, model);
        Assert.Equal(name.Trim().ToLowerInvariant(), model.Name);
    }

    [Fact]
    public void The_risk_factor_reaches_risk_parity()
    {
        Assert.Equal(0.002, Assert.IsType<AtrRiskParity>(PortfolioConstruction.Named("atr_risk_parity", 0.002)).RiskFactor);
    }

    [Fact]
    public void An_unknown_model_name_is_refused_listing_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => PortfolioConstruction.Named("kelly", 0.001));

        Assert.Equal("unknown construction 'kelly'; valid: atr_risk_parity, equal_weight, inverse_volatility, score_weighted", error.Message);
    }
}
