using Trading.Accounting;
using Trading.Optimization;

namespace Trading.Tests.Optimization;

public sealed class SweepRankingTests
{
    private static TrialResult Trial(int number, double sharpe, double drawdown, int trades = 30, double? winRate = 0.5) => new()
    {
        Number = number,
        GridIndex = number,
        Parameters = new Dictionary<string, object> { ["fast"] = number },
        Metrics = new PerformanceMetrics { Sharpe = sharpe, MaxDrawdown = drawdown, TradeCount = trades, WinRate = winRate },
        TradeCount = trades,
        FinalEquity = 100_000m,
        BarEvents = 10,
    };

    [Fact]
    public void Trials_rank_by_the_objective_best_first_ties_by_their_place_in_the_search()
    {
        TrialResult[] trials = [Trial(0, 1.0, 0.2), Trial(1, 2.0, 0.3), Trial(2, 1.0, 0.1), Trial(3, 2.0, 0.1)];

        var ranked = SweepRanking.Rank(trials, SweepMetric.Parse("sharpe"), []);

        Assert.Equal([1, 3, 0, 2], ranked.Select(r => r.Trial.Number));
        Assert.Equal([1, 2, 3, 4], ranked.Select(r => r.Rank));
        Assert.Equal(2.0, ranked[0].Objective);
    }

    [Fact]
    public void Max_drawdown_as_the_objective_is_minimised()
    {
        TrialResult[] trials = [Trial(0, 1.0, 0.2), Trial(1, 2.0, 0.3), Trial(2, 1.0, 0.1)];

        var ranked = SweepRanking.Rank(trials, SweepMetric.Parse("MAX_DRAWDOWN"), []);

        Assert.Equal([2, 0, 1], ranked.Select(r => r.Trial.Number));
    }

    [Fact]
    public void Trials_breaking_a_constraint_are_kept_but_rank_after_every_trial_that_keeps_them_all()
    {
        TrialResult[] trials = [Trial(0, 3.0, 0.4), Trial(1, 1.0, 0.2), Trial(2, 2.0, 0.1, trades: 5), Trial(3, 0.5, 0.1)];
        TrialConstraint[] constraints = [TrialConstraint.Parse("max_drawdown<0.25"), TrialConstraint.Parse("trades >= 20")];

        var ranked = SweepRanking.Rank(trials, SweepMetric.Parse("sharpe"), constraints);

        Assert.Equal([1, 3, 0, 2], ranked.Select(r => r.Trial.Number));
        Assert.Equal([true, true, false, false], ranked.Select(r => r.ConstraintsMet));
    }

    [Fact]
    public void A_trial_without_a_value_for_the_objective_ranks_last_and_never_meets_a_constraint_on_it()
    {
        TrialResult[] trials = [Trial(0, 1.0, 0.2, winRate: null), Trial(1, 1.0, 0.2, winRate: 0.1)];

        var ranked = SweepRanking.Rank(trials, SweepMetric.Parse("win_rate"), []);

        Assert.Equal([1, 0], ranked.Select(r => r.Trial.Number));
        Assert.True(double.IsNaN(ranked[1].Objective));
        Assert.False(TrialConstraint.Parse("win_rate>=0").IsMet(trials[0]));
    }

    [Theory]
    [InlineData("max_drawdown<0.25", "max_drawdown", "<", 0.25)]
    [InlineData("max_drawdown <= 0.25", "max_drawdown", "<=", 0.25)]
    [InlineData("trades>=20", "trades", ">=", 20)]
    [InlineData("Sharpe>1", "sharpe", ">", 1)]
    public void A_constraint_reads_metric_operator_and_bound(string text, string metric, string op, double bound)
    {
        var constraint = TrialConstraint.Parse(text);

        Assert.Equal(metric, constraint.Metric.Name);
        Assert.Equal(op, constraint.Operator);
        Assert.Equal(bound, constraint.Bound);
    }

    [Fact]
    public void A_bad_constraint_is_one_line_saying_what_is_wrong()
    {
        var metrics = SweepMetric.Names;

        Assert.Equal($"'drawdown<0.25': unknown metric 'drawdown'; valid: {metrics}", Assert.Throws<ArgumentException>(() => TrialConstraint.Parse("drawdown<0.25")).Message);
        Assert.Equal($"'max_drawdown=0.25' is not metric<value, <=, > or >= (like max_drawdown<0.25 or trades>=20); metrics: {metrics}", Assert.Throws<ArgumentException>(() => TrialConstraint.Parse("max_drawdown=0.25")).Message);
        Assert.Equal("'trades>=many': the bound must be a number (like max_drawdown<0.25); got 'many'", Assert.Throws<ArgumentException>(() => TrialConstraint.Parse("trades>=many")).Message);
        Assert.StartsWith("total_return, cagr, sharpe, sortino, calmar, max_drawdown", metrics, StringComparison.Ordinal);
    }
}
