using System.Diagnostics;

namespace Trading.Optimization;

/// <summary>Runs the trials of a <see cref="SearchPlan"/> on several threads, each trial a whole single-threaded run,
/// and keeps their results in the plan's order, so that the same plan gives the same results for any number of jobs.</summary>
public static class Sweep
{
    /// <param name="space">Binds each trial's parameters.</param>
    /// <param name="plan">The trials to run.</param>
    /// <param name="trial">One trial, a pure function of its spec (<see cref="BacktestTrial.Run"/>).</param>
    /// <param name="jobs">How many trials run at once (at least 1).</param>
    /// <param name="objective">What "best so far" in the progress means.</param>
    /// <param name="progress">Told after each trial that finishes (from the thread that ran it).</param>
    /// <param name="cancellationToken">Stops the search: trials running are abandoned, those finished are kept.</param>
    public static SweepResult Run(
        SearchSpace space,
        SearchPlan plan,
        Func<TrialSpec, CancellationToken, TrialResult> trial,
        int jobs,
        SweepMetric objective,
        IProgress<SweepProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(jobs);
        var stopwatch = Stopwatch.StartNew();
        var results = new TrialResult?[plan.Trials.Count];
        var gate = new object();
        var done = 0;
        TrialResult? best = null;
        var cancelled = false;
        try
        {
            Parallel.For(
                0,
                results.Length,
                new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken },
                (i, loop) =>
                {
                    var parameters = space.TryBind(plan.Trials[i], out var brokenRule)
                        ?? throw new InvalidOperationException($"trial {i} of the plan breaks a rule: {brokenRule}");
                    TrialResult result;
                    try
                    {
                        result = trial(new TrialSpec(i, plan.Trials[i], parameters), cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        loop.Stop();
                        return;
                    }

                    results[i] = result;
                    SweepProgress report;
                    lock (gate)
                    {
                        done++;
                        if (best is null || SweepRanking.Compare(objective, result, best) < 0)
                        {
                            best = result;
                        }

                        report = new SweepProgress(done, results.Length, best, stopwatch.Elapsed);
                    }

                    progress?.Report(report);
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        cancelled |= cancellationToken.IsCancellationRequested;
        var finished = new List<TrialResult>(results.Length);
        foreach (var result in results)
        {
            if (result is not null)
            {
                finished.Add(result);
            }
        }

        return new SweepResult(plan, finished, cancelled, stopwatch.Elapsed);
    }
}

/// <summary>How far a search has got: trials finished of all planned, the best so far by the objective (ignoring
/// constraints), and the time since it started.</summary>
public sealed record SweepProgress(int Done, int Total, TrialResult? Best, TimeSpan Elapsed)
{
    /// <summary>The share of the whole search's work done, when trials differ in size (a halving search's early rungs
    /// run on fewer bars); null when every trial is the same work and <see cref="Done"/> over <see cref="Total"/> says it.</summary>
    public double? WorkDone { get; init; }

    /// <summary>The time left at the pace so far; null before the first trial finishes.</summary>
    public TimeSpan? Remaining => Done == 0 ? null
        : WorkDone is { } work ? (work > 0 ? Elapsed * ((1 - Math.Min(work, 1)) / work) : null)
        : Elapsed * ((double)(Total - Done) / Done);
}

/// <summary>A search's outcome: the plan, the trials that finished (in the plan's order), and whether it was
/// stopped before the end.</summary>
public sealed record SweepResult(SearchPlan Plan, IReadOnlyList<TrialResult> Trials, bool Cancelled, TimeSpan Elapsed)
{
    private readonly long? _barEvents;

    /// <summary>Bars processed by all finished trials together (a halving search's: every rung's trials).</summary>
    public long BarEvents
    {
        get => _barEvents ?? Trials.Sum(t => t.BarEvents);
        init => _barEvents = value;
    }
}
