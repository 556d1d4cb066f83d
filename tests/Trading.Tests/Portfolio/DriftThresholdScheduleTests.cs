using Trading.Domain;
using Trading.Portfolio;

namespace Trading.Tests.Portfolio;

public class DriftThresholdScheduleTests
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol Msft = Symbol.Parse("MSFT");
    private static readonly Symbol Spy = Symbol.Parse("SPY");

    [Fact]
    public void Drift_beyond_the_threshold_calls_for_a_rebalance()
    {
        var threshold = new DriftThreshold(0.05);
        var target = new Dictionary<Symbol, double> { [Aapl] = 0.5, [Msft] = 0.5 };
        Assert.False(threshold.IsBreached(new Dictionary<Symbol, double> { [Aapl] = 0.54, [Msft] = 0.46 }, target));
        Assert.True(threshold.IsBreached(new Dictionary<Symbol, double> { [Aapl] = 0.56, [Msft] = 0.44 }, target));
    }

    [Fact]
    public void Drift_equal_to_the_threshold_does_not_call_for_a_rebalance()
    {
        var threshold = new DriftThreshold(0.25);
        var target = new Dictionary<Symbol, double> { [Aapl] = 0.5 };
        Assert.False(threshold.IsBreached(new Dictionary<Symbol, double> { [Aapl] = 0.75 }, target));
    }

    [Fact]
    public void A_symbol_on_one_side_only_weighs_zero_on_the_other()
    {
        var current = new Dictionary<Symbol, double> { [Aapl] = 0.9, [Msft] = 0.1 };
        var target = new Dictionary<Symbol, double> { [Aapl] = 0.9, [Spy] = 0.1 };
        Assert.Equal(0.1, DriftThreshold.LargestDrift(current, target), 12);
        Assert.True(new DriftThreshold(0.05).IsBreached(current, target));
        Assert.False(new DriftThreshold(0.2).IsBreached(current, target));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Thresholds_outside_zero_to_one_are_refused(double maxDrift)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DriftThreshold(maxDrift));
        Assert.Contains("(0, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_weight_is_refused_rather_than_hiding_drift()
    {
        var current = new Dictionary<Symbol, double> { [Aapl] = 0.5 };
        var target = new Dictionary<Symbol, double> { [Aapl] = double.NaN };
        var error = Assert.Throws<ArgumentException>(() => new DriftThreshold(0.05).IsBreached(current, target));
        Assert.Contains("AAPL", error.Message, StringComparison.Ordinal);
    }
}
