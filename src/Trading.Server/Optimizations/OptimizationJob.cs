using Trading.Backtesting;
using Trading.Domain;
using Trading.Optimization;
using Trading.Server.Data;

namespace Trading.Server.Optimizations;

/// <summary>Where a submitted search is in its life; a cancelled one keeps the trials that finished.</summary>
internal enum OptimizationStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>One submitted search: what to run (checked in full before it was queued), how far it got, and once done
/// its ranking as JSON bytes and its report as an HTML page (the trials' own results are not kept).</summary>
/// <remarks>The worker writes, request threads read: progress is published as one immutable snapshot, the result
/// before the status that announces it.</remarks>
internal sealed class OptimizationJob(
    string id,
    SearchSpace space,
    SearchPlan plan,
    SweepMetric objective,
    IReadOnlyList<TrialConstraint> constraints,
    int jobs,
    IReadOnlyList<Symbol>? symbols,
    BarRange range,
    BacktestSettings settings,
    DateTime submittedAt) : IProgress<SweepProgress>, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private int _status = (int)OptimizationStatus.Queued;
    private SweepProgress? _progress;
    private HalvingSchedule? _schedule;

    public string Id { get; } = id;

    public SearchSpace Space { get; } = space;

    public SearchPlan Plan { get; } = plan;

    /// <summary>A halving search's eta; null for a grid or random search.</summary>
    public int? Eta { get; init; }

    /// <summary>A halving search's rungs, known once its data are loaded.</summary>
    public HalvingSchedule? Schedule
    {
        get => Volatile.Read(ref _schedule);
        set => Volatile.Write(ref _schedule, value);
    }

    /// <summary>Trials over all rungs of a halving search (the candidates until its rungs are known), else the plan's.</summary>
    public int TrialsPlanned => Schedule?.PlannedTrials ?? Plan.Trials.Count;

    public SweepMetric Objective { get; } = objective;

    public IReadOnlyList<TrialConstraint> Constraints { get; } = constraints;

    /// <summary>Trials run at once: the request's, capped by <c>Server:MaxOptimizationJobs</c>.</summary>
    public int Jobs { get; } = jobs;

    /// <summary>The stored symbols to run over, or null for the synthetic market.</summary>
    public IReadOnlyList<Symbol>? Symbols { get; } = symbols;

    public BarRange Range { get; } = range;

    public BacktestSettings Settings { get; } = settings;

    public DateTime SubmittedAt { get; } = submittedAt;

    public DateTime? StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public OptimizationStatus Status => (OptimizationStatus)Volatile.Read(ref _status);

    /// <summary>Trials done of all planned and the best so far; null before the first finishes.</summary>
    public SweepProgress? Progress => Volatile.Read(ref _progress);

    public string? Error { get; private set; }

    /// <summary>The ranking and overfitting statistics (<see cref="SweepReport.WriteJson"/>) of a search that finished
    /// or was cancelled.</summary>
    public byte[]? Ranking { get; private set; }

    /// <summary>The HTML report (<see cref="OptimizationPage"/>) of a search that finished or was cancelled.</summary>
    public byte[]? Page { get; private set; }

    /// <summary>The ranking's counts, kept for the status route.</summary>
    public int TrialsRun { get; private set; }

    public int FailedConstraints { get; private set; }

    /// <summary>Stops the search when it runs; what finished is kept.</summary>
    public CancellationToken Cancellation => _cancel.Token;

    public void Report(SweepProgress value)
    {
        // Trials finish on several threads: keep the furthest along.
        SweepProgress? seen;
        do
        {
            seen = Volatile.Read(ref _progress);
            if (seen is not null && seen.Done >= value.Done)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _progress, value, seen) != seen);
    }

    /// <summary>Moves a queued job to running; false when it was cancelled first.</summary>
    public bool TryStart(DateTime time)
    {
        StartedAt = time;
        return Interlocked.CompareExchange(ref _status, (int)OptimizationStatus.Running, (int)OptimizationStatus.Queued) == (int)OptimizationStatus.Queued;
    }

    /// <summary>Asks the job to stop: a queued one never runs, a running one stops after the trials running.</summary>
    public void Cancel(DateTime time)
    {
        if (Interlocked.CompareExchange(ref _status, (int)OptimizationStatus.Cancelled, (int)OptimizationStatus.Queued) == (int)OptimizationStatus.Queued)
        {
            FinishedAt = time;
        }

        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Forgotten meanwhile (finished long ago): nothing left to stop.
        }
    }

    public void Finished(SweepReport report, byte[] json, byte[] page, DateTime time)
    {
        Ranking = json;
        Page = page;
        TrialsRun = report.Halving?.TrialsRun ?? report.Result.Trials.Count;
        FailedConstraints = report.FailedConstraints;
        FinishedAt = time;
        Volatile.Write(ref _status, (int)(report.Result.Cancelled ? OptimizationStatus.Cancelled : OptimizationStatus.Succeeded));
    }

    /// <summary>Cancelled before its first trial ran: nothing to rank.</summary>
    public void CancelledEarly(DateTime time)
    {
        FinishedAt = time;
        Volatile.Write(ref _status, (int)OptimizationStatus.Cancelled);
    }

    public void Failed(string error, DateTime time)
    {
        Error = error;
        FinishedAt = time;
        Volatile.Write(ref _status, (int)OptimizationStatus.Failed);
    }

    public void Dispose() => _cancel.Dispose();
}
