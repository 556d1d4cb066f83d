using System.Diagnostics;

namespace Trading.Optimization;

/// <summary>Successive halving (Jamieson and Talwalkar 2016, the budgeted search Hyperband repeats): every candidate
/// runs on the first rung's bars, the best 1/eta by the objective and constraints (as <see cref="SweepRanking"/> ranks
/// them) run again on the next, longer rung, and so on to the whole range, whose trials are the ranking.</summary>
/// <remarks>Each trial is a <see cref="BacktestTrial"/> run, the same engine and settings, on the data cut at its
/// rung's end: a rung's result is a real backtest from the same start. Each rung is a <see cref="Sweep"/>, so the
/// search is the same for any number of jobs; ties are broken by the candidates' order in the plan.</remarks>
public static class SuccessiveHalving
{
    /// <param name="space">Binds each trial's parameters.</param>
    /// <param name="candidates">The first rung's trials (the grid or a random sample of it).</param>
    /// <param name="schedule">The rungs (<see cref="HalvingSchedule.Of"/> over <paramref name="trial"/>'s input).</param>
    /// <param name="trial">Trials over the whole range: the last rung's; the others run on its input cut shorter.</param>
    /// <param name="progress">Trials done over all rungs; the best so far is the current rung's.</param>
    /// <param name="cancellationToken">Stops after the trials running; the rungs finished are kept.</param>
    public static HalvingResult Run(
        SearchSpace space,
        SearchPlan candidates,
        HalvingSchedule schedule,
        BacktestTrial trial,
        SweepMetric objective,
        IReadOnlyList<TrialConstraint> constraints,
        int jobs,
        IProgress<SweepProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(constraints);
        if (schedule.Candidates != candidates.Trials.Count)
        {
            throw new ArgumentException($"the schedule is for {schedule.Candidates} candidates; the plan has {candidates.Trials.Count}");
        }

        var stopwatch = Stopwatch.StartNew();
        var rungs = new List<HalvingRungResult>(schedule.Rungs.Count);

        // Candidates by their place in the plan, ascending: a rung's trial numbers keep the plan's order for ties.
        var running = Enumerable.Range(0, candidates.Trials.Count).ToArray();
        var done = 0;
        long workBefore = 0;
        var cancelled = false;
        foreach (var rung in schedule.Rungs)
        {
            var plan = candidates with { Trials = [.. running.Select(c => candidates.Trials[c])] };
            var rungTrial = rung.IsWholeRange ? trial : new BacktestTrial(trial.Definition, HalvingSchedule.Through(trial.Input, rung.End), trial.Settings);
            var overall = progress is null ? null : new OverallProgress(progress, done, schedule.PlannedTrials, stopwatch, workBefore, rung.BarEvents, schedule.PlannedBarEvents);
            var sweep = Sweep.Run(space, plan, rungTrial.Run, jobs, objective, overall, cancellationToken);

            // Numbered as candidates, not as this rung's trials, so that a trial is the same number on every rung.
            var numbers = running;
            var result = sweep with { Trials = [.. sweep.Trials.Select(t => t with { Number = numbers[t.Number] })] };
            done += result.Trials.Count;
            workBefore += result.Trials.Count * rung.BarEvents;
            if (result.Cancelled || rung.IsWholeRange)
            {
                rungs.Add(new HalvingRungResult(rung, result, []));
                cancelled = result.Cancelled;
                break;
            }

            var keep = schedule.Rungs[rung.Number].Trials;
            running = [.. SweepRanking.Rank(result.Trials, objective, constraints).Take(keep).Select(r => r.Trial.Number).Order()];
            rungs.Add(new HalvingRungResult(rung, result, running));
        }

        return new HalvingResult(schedule, candidates, rungs, cancelled, stopwatch.Elapsed);
    }

    /// <summary>A rung's progress as the whole search's: its trials after those of the rungs before, and the work done
    /// in bar events, so that the time left does not count a late rung's long trials as an early rung's short ones.</summary>
    private sealed class OverallProgress(IProgress<SweepProgress> inner, int before, int total, Stopwatch stopwatch, long workBefore, long trialWork, long totalWork) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => inner.Report(value with
        {
            Done = before + value.Done,
            Total = total,
            Elapsed = stopwatch.Elapsed,
            WorkDone = totalWork > 0 ? (double)(workBefore + (value.Done * trialWork)) / totalWork : null,
        });
    }
}

/// <summary>One rung run: its trials (numbered as candidates) and those it kept for the next rung.</summary>
/// <param name="Survivors">Candidate numbers kept, ascending; empty for the last rung and a rung cut short.</param>
public sealed record HalvingRungResult(HalvingRung Rung, SweepResult Result, IReadOnlyList<int> Survivors);

/// <summary>A halving search's outcome: each rung that ran and whether it was stopped before the end.</summary>
public sealed record HalvingResult(HalvingSchedule Schedule, SearchPlan Candidates, IReadOnlyList<HalvingRungResult> Rungs, bool Cancelled, TimeSpan Elapsed)
{
    /// <summary>The whole range's trials, as a search's result, with every rung's bar events; stopped before the
    /// last rung, the furthest rung's (shorter) trials, as <see cref="Ranked"/> says.</summary>
    public SweepResult Final => new(Candidates, Ranked.Result.Trials, Cancelled, Elapsed) { BarEvents = BarEvents };

    /// <summary>The rung whose trials rank the search: the last with a finished trial.</summary>
    public HalvingRungResult Ranked => Rungs.LastOrDefault(r => r.Result.Trials.Count > 0) ?? Rungs[^1];

    /// <summary>Whether the ranking is over the whole range.</summary>
    public bool Complete => Ranked.Rung.IsWholeRange && !Ranked.Result.Cancelled;

    /// <summary>Trials run over all rungs.</summary>
    public int TrialsRun => Rungs.Sum(r => r.Result.Trials.Count);

    /// <summary>Bar events of every trial of every rung.</summary>
    public long BarEvents => Rungs.Sum(r => r.Result.BarEvents);

    /// <summary>What the search cost against the grid of every candidate over the whole range.</summary>
    public double FractionOfGrid => Schedule.GridBarEvents == 0 ? double.NaN : (double)BarEvents / Schedule.GridBarEvents;
}
