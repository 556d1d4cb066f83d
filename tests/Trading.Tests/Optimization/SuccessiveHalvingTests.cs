using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Optimization;
using Trading.Strategies;
using Trading.Strategies.BuiltIn;

namespace Trading.Tests.Optimization;

public sealed class SuccessiveHalvingTests
{
    private static readonly StrategyDefinition Sma = SmaCross.Definition;

    /// <summary>Three stocks over ten years: about 2,500 bar times, room for three rungs of eta 3 (the first at least 250).</summary>
    private static readonly Lazy<BacktestInput> Market = new(() =>
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 3, From = new DateOnly(2000, 1, 1), To = new DateOnly(2009, 12, 31), Seed = 7 });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        return new BacktestInput(stocks, market.Actions, market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol)) { Calendar = SyntheticExchangeCalendar.Instance };
    });

    private static SweepMetric Sharpe => SweepMetric.Parse("sharpe");

    /// <summary>Nine candidates, every pair valid (fast below slow).</summary>
    private static SearchSpace NineCandidates() =>
        new(Sma, [ParameterRange.Parse(Sma, "fast=5,10,15"), ParameterRange.Parse(Sma, "slow=30,50,70")]);

    private static int BarTimes(BacktestInput input) => input.Universe.SelectMany(s => s.Time.ToArray()).Distinct().Count();

    [Fact]
    public void Nine_candidates_with_eta_3_run_nine_on_a_ninth_of_the_bars_three_on_a_third_and_one_on_all()
    {
        var input = Market.Value;
        var times = input.Universe.SelectMany(s => s.Time.ToArray()).Distinct().Order().ToArray();

        var schedule = HalvingSchedule.Of(input, 9, eta: 3);

        Assert.True(times.Length >= 9 * HalvingSchedule.MinimumRungBars, $"{times.Length} bar times");
        Assert.Equal([9, 3, 1], schedule.Rungs.Select(r => r.Trials));
        int[] lengths = [(times.Length + 8) / 9, (times.Length + 2) / 3, times.Length];
        Assert.Equal(lengths, schedule.Rungs.Select(r => r.BarTimes));
        Assert.Equal(lengths.Select(n => times[n - 1]), schedule.Rungs.Select(r => r.End));
        Assert.Equal([false, false, true], schedule.Rungs.Select(r => r.IsWholeRange));
        Assert.Equal(times[0], schedule.Start);

        // A trial's bar events are every symbol's bars up to the rung's end; the grid runs all nine on every bar.
        var bars = input.Universe.Sum(s => (long)s.Count);
        Assert.Equal(9 * bars, schedule.GridBarEvents);
        Assert.Equal(bars, schedule.Rungs[^1].BarEvents);
        Assert.Equal(schedule.Rungs.Sum(r => r.Trials * input.Universe.Sum(s => (long)s.Between(null, r.End).Count)), schedule.PlannedBarEvents);
    }

    [Fact]
    public void Each_rung_keeps_exactly_the_top_third_of_its_trials_by_the_objective_and_the_last_is_the_grid_trial_over_the_whole_range()
    {
        var space = NineCandidates();
        var plan = space.Grid() with { Method = SearchMethod.Halving };
        var input = Market.Value;
        var schedule = HalvingSchedule.Of(input, plan.Trials.Count);
        var trial = new BacktestTrial(Sma, input, new BacktestSettings());

        var result = SuccessiveHalving.Run(space, plan, schedule, trial, Sharpe, [], 2);

        Assert.True(result.Complete);
        Assert.Equal([9, 3, 1], result.Rungs.Select(r => r.Result.Trials.Count));
        var running = Enumerable.Range(0, 9).ToArray();
        foreach (var rung in result.Rungs)
        {
            // Each candidate still running, backtested by hand over the bars up to the rung's end, ranked by Sharpe.
            var cut = new BacktestTrial(Sma, HalvingSchedule.Through(input, rung.Rung.End), new BacktestSettings());
            var byHand = running
                .Select(c => cut.Run(new TrialSpec(c, plan.Trials[c], space.TryBind(plan.Trials[c], out _)!)))
                .OrderByDescending(t => t.Metrics.Sharpe).ThenBy(t => t.Number)
                .ToList();
            Assert.Equal(running, rung.Result.Trials.Select(t => t.Number));
            Assert.Equal(byHand.Select(t => t.Metrics.Sharpe).Order(), rung.Result.Trials.Select(t => t.Metrics.Sharpe).Order());
            if (!rung.Rung.IsWholeRange)
            {
                running = [.. byHand.Take(running.Length / 3).Select(t => t.Number).Order()];
                Assert.Equal(running, rung.Survivors);
            }
        }

        // The last rung's trial is the full-range trial of a grid, to the last digit.
        var final = result.Final.Trials.Single();
        var grid = Sweep.Run(space, space.Grid(), trial.Run, 1, Sharpe).Trials.Single(t => t.GridIndex == final.GridIndex);
        Assert.Equal(grid.Metrics, final.Metrics);
        Assert.Equal(grid.FinalEquity, final.FinalEquity);
        Assert.Equal(grid.Returns, final.Returns);

        // Cost: what the schedule planned, a fraction of the grid's.
        Assert.Equal(schedule.PlannedBarEvents, result.BarEvents);
        Assert.Equal(result.BarEvents, result.Final.BarEvents);
        Assert.InRange(result.FractionOfGrid, 0.3, 0.5);
    }

    [Fact]
    public void Progress_counts_the_work_in_bar_events_so_the_short_first_rung_does_not_promise_an_early_end()
    {
        var space = NineCandidates();
        var plan = space.Grid() with { Method = SearchMethod.Halving };
        var schedule = HalvingSchedule.Of(Market.Value, plan.Trials.Count);
        var trial = new BacktestTrial(Sma, Market.Value, new BacktestSettings());
        var reports = new List<SweepProgress>();

        SuccessiveHalving.Run(space, plan, schedule, trial, Sharpe, [], 1, new Collect(reports));

        // 13 trials in all; after the first rung's nine (9 of 13 trials), only 9 ninth-length trials of the work are
        // done: a third of it (9 x 1/9 against 9 x 1/9 + 3 x 1/3 + 1 x 1), so most of the time is still to come.
        Assert.Equal(13, reports.Count);
        var firstRung = reports[8];
        Assert.Equal(9, firstRung.Done);
        Assert.InRange(firstRung.WorkDone!.Value, 0.3, 0.37);
        Assert.True(firstRung.Remaining > firstRung.Elapsed, $"{firstRung.Remaining} left after {firstRung.Elapsed}");
        Assert.Equal(1.0, reports[^1].WorkDone!.Value, 9);
        Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.WorkDone >= p.First.WorkDone));
    }

    [Fact]
    public void Time_left_is_the_elapsed_time_over_the_share_of_work_done_when_trials_differ_in_size()
    {
        var elapsed = TimeSpan.FromSeconds(3);

        Assert.Equal(TimeSpan.FromSeconds(1), new SweepProgress(9, 12, null, elapsed).Remaining);
        Assert.Equal(TimeSpan.FromSeconds(3), new SweepProgress(9, 12, null, elapsed) { WorkDone = 0.5 }.Remaining);
        Assert.Null(new SweepProgress(9, 12, null, elapsed) { WorkDone = 0 }.Remaining);
    }

    private sealed class Collect(List<SweepProgress> reports) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => reports.Add(value);
    }

    [Fact]
    public void One_job_and_three_give_the_same_rungs_survivors_and_trials_to_the_last_digit()
    {
        var space = new SearchSpace(Sma, [ParameterRange.Parse(Sma, "fast=4:20:4"), ParameterRange.Parse(Sma, "slow=30:90:15")]);
        var plan = space.Grid() with { Method = SearchMethod.Halving };
        var schedule = HalvingSchedule.Of(Market.Value, plan.Trials.Count);
        var trial = new BacktestTrial(Sma, Market.Value, new BacktestSettings());

        var one = SuccessiveHalving.Run(space, plan, schedule, trial, Sharpe, [], 1);
        var three = SuccessiveHalving.Run(space, plan, schedule, trial, Sharpe, [], 3);

        Assert.Equal(3, one.Rungs.Count);
        Assert.Equal(one.Rungs.Select(r => string.Join(',', r.Survivors)), three.Rungs.Select(r => string.Join(',', r.Survivors)));
        Assert.Equal(one.Rungs.SelectMany(r => r.Result.Trials).Select(Digest), three.Rungs.SelectMany(r => r.Result.Trials).Select(Digest));
        var rankedOne = new SweepReport(space, one.Final, Sharpe, []) { Halving = one }.Ranked.Select(r => r.Trial.Number);
        var rankedThree = new SweepReport(space, three.Final, Sharpe, []) { Halving = three }.Ranked.Select(r => r.Trial.Number);
        Assert.Equal(rankedOne, rankedThree);
    }

    [Fact]
    public void Ties_on_a_rung_keep_the_candidates_first_in_the_plan()
    {
        // sma_cross with a parameter it never reads: the four tags of one fast tie to the last digit on every rung.
        var tagged = new StrategyDefinition("sma_cross_tagged", "sma_cross with an unread tag", [.. Sma.Parameters, StrategyParameter.Integer("tag", 1, 1, 4, "Read by nothing")], p => new SmaCross(p), Sma.Rules);
        var space = new SearchSpace(tagged, [ParameterRange.Parse(tagged, "tag=1:4:1"), ParameterRange.Parse(tagged, "fast=5,10,15")]);
        var plan = space.Grid() with { Method = SearchMethod.Halving };
        var schedule = HalvingSchedule.Of(Market.Value, plan.Trials.Count);

        var result = SuccessiveHalving.Run(space, plan, schedule, new BacktestTrial(tagged, Market.Value, new BacktestSettings()), Sharpe, [], 3);

        // Twelve candidates keep four: the best fast's four tags, then one: tag 1, the first of them in the plan.
        Assert.Equal([12, 4, 1], schedule.Rungs.Select(r => r.Trials));
        var first = result.Rungs[0];
        var kept = first.Survivors.Select(n => first.Result.Trials.Single(t => t.Number == n)).ToList();
        Assert.Single(kept.Select(t => t.Parameters["fast"]).Distinct());
        Assert.Equal([1, 2, 3, 4], kept.Select(t => (int)t.Parameters["tag"]));
        Assert.Single(kept.Select(t => t.Metrics.Sharpe).Distinct());
        Assert.Equal([kept[0].Number], result.Rungs[1].Survivors);
        Assert.Equal(1, result.Final.Trials.Single().Parameters["tag"]);
    }

    [Fact]
    public void On_a_market_with_a_planted_edge_halving_finds_the_grids_best()
    {
        // A steady climb with a weekly wobble: more allocation is more return on any prefix, so allocation 1 is best.
        var input = Climb(2600);
        var space = new SearchSpace(Sma, [ParameterRange.Parse(Sma, "allocation=0.1:1:0.1"), ParameterRange.Parse(Sma, "fast=3,5,8")], new Dictionary<string, string> { ["slow"] = "20" });
        var objective = SweepMetric.Parse("total_return");
        var trial = new BacktestTrial(Sma, input, new BacktestSettings());
        var halvingPlan = space.Grid() with { Method = SearchMethod.Halving };
        var schedule = HalvingSchedule.Of(input, halvingPlan.Trials.Count);

        var halving = SuccessiveHalving.Run(space, halvingPlan, schedule, trial, objective, [], 2);
        var grid = Sweep.Run(space, space.Grid(), trial.Run, 2, objective);

        Assert.Equal(3, schedule.Rungs.Count);
        var best = SweepRanking.Rank(grid.Trials, objective, [])[0].Trial;
        var found = new SweepReport(space, halving.Final, objective, []) { Halving = halving }.Ranked[0].Trial;
        Assert.Equal(1m, best.Parameters["allocation"]);
        Assert.Equal(best.GridIndex, found.GridIndex);
        Assert.Equal(best.Metrics, found.Metrics);
        Assert.True(halving.BarEvents < grid.BarEvents / 2, $"{halving.BarEvents} of {grid.BarEvents}");
    }

    [Fact]
    public void Eta_below_two_too_few_candidates_and_a_range_too_short_for_two_rungs_are_refused_in_one_line()
    {
        var eta = Assert.Throws<ArgumentException>(() => HalvingSchedule.Of(Market.Value, 9, eta: 1));
        Assert.Equal("eta must be at least 2 (each rung keeps the best 1/eta of its trials); got 1", eta.Message);
        var few = Assert.Throws<ArgumentException>(() => HalvingSchedule.Of(Market.Value, 2, eta: 3));
        Assert.StartsWith("halving with eta 3 keeps the best 1/3 of at least 3 candidates; got 2", few.Message, StringComparison.Ordinal);
        var shortRange = Climb(749);
        var tooShort = Assert.Throws<ArgumentException>(() => HalvingSchedule.Of(shortRange, 9, eta: 3));
        Assert.StartsWith("the range has 749 bar times; halving with eta 3 needs at least 750:", tooShort.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', tooShort.Message);

        // 750 is enough for two rungs (250 and 750 bar times), not three.
        Assert.Equal([250, 750], HalvingSchedule.Of(Climb(750), 9, eta: 3).Rungs.Select(r => r.BarTimes));
    }

    [Fact]
    public void A_range_that_allows_fewer_rungs_than_the_candidates_ranks_more_than_one_trial_over_the_whole_range()
    {
        // 100 candidates could take five rungs of eta 3 (100, 33, 11, 3, 1); 1,000 bar times allow two.
        var schedule = HalvingSchedule.Of(Climb(1000), 100, eta: 3);

        Assert.Equal([100, 33], schedule.Rungs.Select(r => r.Trials));
        Assert.Equal([334, 1000], schedule.Rungs.Select(r => r.BarTimes));
    }

    [Fact]
    public void Cancelled_in_a_later_rung_the_search_keeps_the_rungs_before_and_says_it_is_incomplete()
    {
        var space = NineCandidates();
        var plan = space.Grid() with { Method = SearchMethod.Halving };
        var schedule = HalvingSchedule.Of(Market.Value, 9);
        var trial = new BacktestTrial(Sma, Market.Value, new BacktestSettings());
        using var stop = new CancellationTokenSource();
        var progress = new CancelAt(10, stop);

        var result = SuccessiveHalving.Run(space, plan, schedule, trial, Sharpe, [], 1, progress, stop.Token);

        Assert.True(result.Cancelled);
        Assert.False(result.Complete);
        Assert.Equal(2, result.Rungs.Count);
        Assert.Single(result.Rungs[1].Result.Trials);
        Assert.Equal(2, result.Ranked.Rung.Number);
        var report = new SweepReport(space, result.Final, Sharpe, []) { Halving = result };
        Assert.Null(report.Overfitting!.Deflated);
        Assert.StartsWith("the search stopped in rung 2 of 3", report.Overfitting.DeflatedNote, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 10), progress.Done);
        Assert.All(progress.Totals, total => Assert.Equal(13, total));
    }

    private static string Digest(TrialResult t) =>
        $"{t.Number} {t.GridIndex} {string.Join(',', t.Parameters.Values)} {t.FinalEquity} {t.TradeCount} {t.BarEvents} {t.Metrics}";

    /// <summary>One stock rising 0.05% a session with a 2% weekly wobble, over <paramref name="days"/> weekdays.</summary>
    private static BacktestInput Climb(int days)
    {
        var time = new DateTime[days];
        var close = new double[days];
        var day = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < days; i++)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(1);
            }

            time[i] = day;
            close[i] = 100 * Math.Pow(1.0005, i) * (1 + (0.02 * Math.Sin(i * 2 * Math.PI / 5)));
            day = day.AddDays(1);
        }

        var volume = Enumerable.Repeat(1e6, days).ToArray();
        var series = new BarSeries(Symbol.Parse("CLIMB"), Interval.Daily, time, close, [.. close], [.. close], close, volume);
        return new BacktestInput([series], []);
    }

    /// <summary>Cancels the search when the <paramref name="at"/>th trial of all rungs finishes.</summary>
    private sealed class CancelAt(int at, CancellationTokenSource stop) : IProgress<SweepProgress>
    {
        public List<int> Done { get; } = [];

        public List<int> Totals { get; } = [];

        public void Report(SweepProgress value)
        {
            Done.Add(value.Done);
            Totals.Add(value.Total);
            if (value.Done == at)
            {
                stop.Cancel();
            }
        }
    }
}
