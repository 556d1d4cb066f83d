using System.Diagnostics;
using Trading.Accounting;
using Trading.Backtesting;
using Trading.Domain;

namespace Trading.Optimization;

/// <summary>Walk-forward analysis (Pardo): for each window, search the parameters over its training bars, keep the
/// best by the objective and constraints, and run them over the test bars that follow; the test runs, stitched into
/// one curve, are what the method would have earned out of sample.</summary>
/// <remarks>A test run is warmed up on the training window's bars by default (<see cref="BacktestInput.TradeFrom"/>):
/// the strategy runs over them without trading, so a slow average is ready on the test window's first bar, as it
/// would be for a trader who had run it all along; the test's curve, trades and metrics still start at its first
/// bar with the initial cash.</remarks>
public static class WalkForward
{
    /// <param name="trialInput">The whole data set; each window reads views of it.</param>
    /// <param name="jobs">Trials of each window's search run at once.</param>
    /// <param name="warmUp">Run each test over the training bars first without trading (else it starts cold, as a
    /// backtest with a start date does).</param>
    /// <param name="progress">Told after each trial of a window's search (from the thread that ran it) and after each
    /// window.</param>
    /// <param name="cancellationToken">Stops after the trials running: the windows finished are kept.</param>
    public static WalkForwardResult Run(
        SearchSpace space,
        SearchPlan plan,
        BacktestInput trialInput,
        BacktestSettings settings,
        SweepMetric objective,
        IReadOnlyList<TrialConstraint> constraints,
        IReadOnlyList<WalkForwardWindow> windows,
        int jobs,
        bool warmUp = true,
        IProgress<WalkForwardProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(trialInput);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(windows);
        var definition = space.Definition;
        var steps = new List<WalkForwardStep>(windows.Count);
        var curves = new List<IReadOnlyList<EquityPoint>>(windows.Count);
        var trades = new List<RoundTrip>();
        var fills = new List<Fill>();
        var cancelled = false;
        var stopwatch = Stopwatch.StartNew();
        foreach (var window in windows)
        {
            var train = Slice(trialInput, window.TrainStart, window.TrainEnd);
            var test = Slice(trialInput, window.TestStart, window.TestEnd);
            if (train is null || test is null)
            {
                continue;
            }

            var searching = progress is null ? null : new SearchProgress(progress, window.Number, windows.Count, stopwatch);
            var search = Sweep.Run(space, plan, new BacktestTrial(definition, train, settings).Run, jobs, objective, searching, cancellationToken);
            if (search.Cancelled || search.Trials.Count == 0)
            {
                cancelled = search.Cancelled;
                break;
            }

            var best = SweepRanking.Rank(search.Trials, objective, constraints)[0];
            var parameters = space.TryBind(plan.Trials[best.Trial.Number], out _)
                ?? throw new InvalidOperationException("the best trial's parameters no longer bind");
            BacktestResult outOfSample;
            try
            {
                var run = warmUp ? Slice(trialInput, window.TrainStart, window.TestEnd)! with { TradeFrom = window.TestStart } : test;
                outOfSample = BacktestEngine.Run(definition.Name, definition.Create(parameters), parameters, run, settings, null, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            var step = new WalkForwardStep(window, best.Trial.Parameters, best.Trial.Metrics, best.ConstraintsMet, best.Objective, outOfSample.Metrics, outOfSample.Trades.Count, search.Trials.Count);
            steps.Add(step);
            curves.Add(outOfSample.EquityCurve);
            trades.AddRange(outOfSample.Trades);
            fills.AddRange(outOfSample.Fills);
            progress?.Report(new WalkForwardProgress(window.Number, windows.Count, null, step, stopwatch.Elapsed));
        }

        var stitched = WalkForwardStitch.Stitch(curves, (double)settings.InitialCash);
        var metrics = PerformanceMetrics.Compute(stitched, trades, fills, new MetricsSettings { RiskFreeRate = settings.RiskFreeRate });
        return new WalkForwardResult(steps, stitched, metrics, cancelled || cancellationToken.IsCancellationRequested);
    }

    /// <summary>The input's bars in [<paramref name="from"/>, <paramref name="to"/>): symbols without a bar there
    /// left out, the benchmark cut alike; corporate actions, the index and the calendar kept whole (the engine and
    /// the strategy read them only up to the clock). Null when no symbol has a bar there.</summary>
    public static BacktestInput? Slice(BacktestInput input, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(input);
        var last = to.AddTicks(-1);
        BarSeries[] universe = [.. input.Universe.Select(s => s.Between(from, last)).Where(s => s.Count > 0)];
        return universe.Length == 0 ? null : input with { Universe = universe, Benchmark = input.Benchmark?.Between(from, last) };
    }

    /// <summary>A window's search progress, told as the walk-forward's.</summary>
    private sealed class SearchProgress(IProgress<WalkForwardProgress> progress, int window, int windows, Stopwatch stopwatch) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => progress.Report(new WalkForwardProgress(window, windows, value, null, stopwatch.Elapsed));
    }
}

/// <summary>One window's outcome: the parameters the search chose over the training bars, their in-sample metrics
/// and objective, and their out-of-sample metrics over the test bars.</summary>
/// <param name="ConstraintsMet">Whether the chosen trial keeps every constraint (false when none did: the best of the rest is run).</param>
/// <param name="TrialsRun">Trials of the window's search.</param>
public sealed record WalkForwardStep(
    WalkForwardWindow Window,
    IReadOnlyDictionary<string, object> Parameters,
    PerformanceMetrics InSample,
    bool ConstraintsMet,
    double InSampleObjective,
    PerformanceMetrics OutOfSample,
    int OutOfSampleTrades,
    int TrialsRun)
{
    /// <summary>Pardo's walk-forward efficiency: the annualised out-of-sample return (CAGR) over the annualised
    /// in-sample return of the chosen parameters; NaN when the in-sample return is not positive (no ratio to read).</summary>
    public double Efficiency => WalkForwardResult.EfficiencyOf(OutOfSample.Cagr, InSample.Cagr);
}

/// <summary>A walk-forward's windows, the stitched out-of-sample curve and its metrics.</summary>
/// <param name="Cancelled">Stopped before the last window; the windows here are those that finished.</param>
public sealed record WalkForwardResult(IReadOnlyList<WalkForwardStep> Steps, IReadOnlyList<EquityPoint> Stitched, PerformanceMetrics OutOfSample, bool Cancelled)
{
    /// <summary>The mean of the windows' in-sample annualised returns (CAGR) of their chosen parameters.</summary>
    public double InSampleCagr => Steps.Count == 0 ? double.NaN : Steps.Average(s => s.InSample.Cagr);

    /// <summary>The walk-forward efficiency overall: the stitched curve's annualised return (CAGR) over
    /// <see cref="InSampleCagr"/>; NaN when that is not positive.</summary>
    public double Efficiency => EfficiencyOf(OutOfSample.Cagr, InSampleCagr);

    internal static double EfficiencyOf(double outOfSample, double inSample) => inSample > 0 ? outOfSample / inSample : double.NaN;
}
