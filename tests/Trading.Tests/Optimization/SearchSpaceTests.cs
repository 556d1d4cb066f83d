using Trading.Optimization;
using Trading.Strategies;
using Trading.Strategies.BuiltIn;

namespace Trading.Tests.Optimization;

public sealed class SearchSpaceTests
{
    private static readonly StrategyDefinition Sma = SmaCross.Definition;

    private static readonly StrategyDefinition Modes = new(
        "modes",
        "a strategy with a parameter of every type, for ranges",
        [
            StrategyParameter.Integer("period", 10, 2, 100, "bars"),
            StrategyParameter.Decimal("threshold", 0.5m, 0m, 1m, "a fraction"),
            StrategyParameter.Boolean("short", false, "may sell short"),
            StrategyParameter.Text("mode", "close", "which price"),
        ],
        _ => throw new NotSupportedException());

    private static ArgumentException Refused(StrategyDefinition definition, string text) =>
        Assert.Throws<ArgumentException>(() => ParameterRange.Parse(definition, text));

    [Fact]
    public void A_range_runs_from_start_to_stop_by_step_stop_included_when_a_step_lands_on_it()
    {
        Assert.Equal([5, 10, 15, 20], ParameterRange.Parse(Sma, "fast=5:20:5").Values);
        Assert.Equal([5, 10, 15], ParameterRange.Parse(Sma, "fast=5:19:5").Values);
        Assert.Equal([0.1m, 0.35m, 0.6m], ParameterRange.Parse(Modes, "threshold=0.1:0.6:0.25").Values);
        Assert.Equal([7], ParameterRange.Parse(Sma, "FAST=7:7:1").Values);
    }

    [Fact]
    public void A_list_takes_values_of_any_type_each_checked_as_the_schema_types_it()
    {
        Assert.Equal([true, false], ParameterRange.Parse(Modes, "short=true,false").Values);
        Assert.Equal(["open", "close"], ParameterRange.Parse(Modes, "mode=open, close").Values);
        Assert.Equal([3, 8], ParameterRange.Parse(Modes, "period=3,8").Values);
        Assert.Equal([0.25m], ParameterRange.Parse(Modes, "threshold=0.25").Values);
    }

    [Fact]
    public void Each_bad_range_is_one_line_naming_the_problem()
    {
        Assert.Equal("unknown parameter 'fastest' for sma_cross; valid: fast, slow, quantity, allocation", Refused(Sma, "fastest=5:50:5").Message);
        Assert.Equal("'fast' is not name=start:stop:step or name=a,b,c (like fast=5:50:5)", Refused(Sma, "fast").Message);
        Assert.Equal("fast=0:50:5: the range reaches outside fast's bounds, 1 to 1000", Refused(Sma, "fast=0:50:5").Message);
        Assert.Equal("fast=5:2000:5: the range reaches outside fast's bounds, 1 to 1000", Refused(Sma, "fast=5:2000:5").Message);
        Assert.Equal("fast=5:50:0: the step must be above 0; got 0", Refused(Sma, "fast=5:50:0").Message);
        Assert.Equal("fast=50:5:5: the stop 5 is below the start 50", Refused(Sma, "fast=50:5:5").Message);
        Assert.Equal("fast=5:50:2.5: fast is a whole number, so the step must be one; got 2.5", Refused(Sma, "fast=5:50:2.5").Message);
        Assert.Equal("fast=5:x:5: the stop must be a number; got 'x'", Refused(Sma, "fast=5:x:5").Message);
        Assert.Equal("fast=5:50: a range is start:stop:step, three numbers (like 5:50:5)", Refused(Sma, "fast=5:50").Message);
        Assert.Equal("short=0:1:1: short is a boolean parameter; list its values (a,b,c) instead of a range", Refused(Modes, "short=0:1:1").Message);
        Assert.Equal("short=true,maybe: short must be true or false; got 'maybe'", Refused(Modes, "short=true,maybe").Message);
        Assert.Equal("period=1,5: period must be between 2 and 100; got 1", Refused(Modes, "period=1,5").Message);
        Assert.Equal("period=5,5: 5 is listed twice", Refused(Modes, "period=5,5").Message);
    }

    [Fact]
    public void A_grid_beyond_a_million_combinations_is_refused_in_one_line()
    {
        var fast = ParameterRange.Parse(Sma, "fast=1:1000:1");
        var slow = ParameterRange.Parse(Sma, "slow=1:1000:1");

        var quantity = ParameterRange.Parse(Sma, "quantity=0,1");

        var e = Assert.Throws<ArgumentException>(() => new SearchSpace(Sma, [fast, slow, quantity]));

        Assert.Equal("the grid of 1000 x 1000 x 2 combinations is more than a search takes (1,000,000); use larger steps or fewer values", e.Message);
    }

    [Fact]
    public void A_parameter_searched_twice_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new SearchSpace(Sma, [ParameterRange.Parse(Sma, "fast=5"), ParameterRange.Parse(Sma, "FAST=6")]));

        Assert.Equal("fast is searched twice; give one range or list for it", e.Message);
    }

    [Fact]
    public void The_grid_counts_the_combinations_breaking_fast_below_slow_as_skipped_worked_by_hand()
    {
        // fast 10, 20, 30, 40 x slow 20, 30, 40: 12 combinations; fast >= slow in (20,20), (30,20), (30,30), (40,20),
        // (40,30), (40,40): 6 skipped, 6 run.
        var space = new SearchSpace(Sma, [ParameterRange.Parse(Sma, "fast=10:40:10"), ParameterRange.Parse(Sma, "slow=20:40:10")]);

        var plan = space.Grid();

        Assert.Equal(12, plan.GridSize);
        Assert.Equal(6, plan.SkippedByRules);
        Assert.Equal([0L, 1, 2, 4, 5, 8], plan.Trials);
        var pairs = plan.Trials.Select(i => space.TryBind(i, out _)!).Select(p => (p.GetInt("fast"), p.GetInt("slow")));
        Assert.Equal([(10, 20), (10, 30), (10, 40), (20, 30), (20, 40), (30, 40)], pairs);
        Assert.Null(space.TryBind(3, out var rule));
        Assert.Equal("fast (20) must be less than slow (20)", rule);
    }

    [Fact]
    public void Parameters_not_searched_keep_the_values_the_search_starts_from_or_their_defaults()
    {
        var space = new SearchSpace(Sma, [ParameterRange.Parse(Sma, "fast=5,6")], new Dictionary<string, string> { ["slow"] = "50", ["fast"] = "40" });

        var first = space.TryBind(0, out _)!;

        Assert.Equal(5, first.GetInt("fast"));
        Assert.Equal(50, first.GetInt("slow"));
        Assert.Equal(1m, first.GetDecimal("allocation"));
    }

    [Fact]
    public void A_random_plan_is_the_same_for_a_seed_without_repeats_and_another_seed_draws_other_trials()
    {
        var space = new SearchSpace(Sma, [ParameterRange.Parse(Sma, "fast=5:50:5"), ParameterRange.Parse(Sma, "slow=20:200:10")]);
        var grid = space.Grid();

        var a = space.Random(20, 42);
        var b = space.Random(20, 42);
        var c = space.Random(20, 43);

        Assert.Equal(a.Trials, b.Trials);
        Assert.NotEqual(a.Trials, c.Trials);
        Assert.Equal(20, a.Trials.Distinct().Count());
        Assert.All(a.Trials, i => Assert.Contains(i, grid.Trials));
        Assert.Equal(a.Trials.Order(), a.Trials);
        Assert.Equal(grid.SkippedByRules, a.SkippedByRules);
        Assert.Equal(42UL, a.Seed);
    }

    [Fact]
    public void A_random_plan_asking_more_trials_than_the_grid_keeps_runs_each_valid_combination_once()
    {
        var space = new SearchSpace(Sma, [ParameterRange.Parse(Sma, "fast=10:40:10"), ParameterRange.Parse(Sma, "slow=20:40:10")]);

        Assert.Equal(space.Grid().Trials, space.Random(100, 1).Trials);
    }

    [Fact]
    public void Random_draws_cover_the_grid_evenly_enough_to_reach_every_combination()
    {
        var space = new SearchSpace(Sma, [ParameterRange.Parse(Sma, "fast=1:10:1"), ParameterRange.Parse(Sma, "slow=11:20:1")]);
        var seen = new HashSet<long>();

        for (ulong seed = 0; seed < 200; seed++)
        {
            seen.UnionWith(space.Random(5, seed).Trials);
        }

        Assert.Equal(100, seen.Count);
    }
}
