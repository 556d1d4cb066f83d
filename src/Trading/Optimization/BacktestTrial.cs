using Trading.Backtesting;
using Trading.Strategies;

namespace Trading.Optimization;

/// <summary>Runs trials of one strategy over one data set with one set of settings: each a single-threaded engine
/// run, a pure function of its <see cref="TrialSpec"/>. Any number may run at once: the input is only read, and so
/// are the indicator columns they share (<see cref="Columns"/>: each computed once, for the first trial that asks).</summary>
/// <remarks>The seam for running trials elsewhere (another process, a cluster): ship the data snapshot, the
/// strategy, the settings and a spec; get a <see cref="TrialResult"/> back.</remarks>
public sealed class BacktestTrial(StrategyDefinition definition, BacktestInput input, BacktestSettings settings)
{
    public StrategyDefinition Definition { get; } = definition ?? throw new ArgumentNullException(nameof(definition));

    public BacktestInput Input { get; } = input ?? throw new ArgumentNullException(nameof(input));

    public BacktestSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The indicator columns of <see cref="Input"/> that the trials share (<see cref="IndicatorColumns.DefaultByteCap"/>
    /// at most); a trial's results are the same with them as without, to the last digit.</summary>
    public IndicatorColumns Columns { get; } = new(input.Universe, input.Actions);

    public TrialResult Run(TrialSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var result = BacktestEngine.Run(Definition.Name, Definition.Create(spec.Parameters), spec.Parameters, Input, Settings, null, cancellationToken, Columns);
        return new TrialResult
        {
            Number = spec.Number,
            GridIndex = spec.GridIndex,
            Parameters = spec.Parameters.Values,
            Metrics = result.Metrics,
            TradeCount = result.Trades.Count,
            FinalEquity = result.FinalEquity,
            BarEvents = result.BarEvents,
            Returns = ReturnsOf(result.EquityCurve),
            PeriodsPerYear = result.EquityCurve.Count > 1 ? Accounting.PerformanceMetrics.InferPeriodsPerYear(result.EquityCurve) : 252,
        };
    }

    /// <summary>The equity curve of a run with <paramref name="parameters"/> (for a report's best trials).</summary>
    public IReadOnlyList<Accounting.EquityPoint> Curve(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return BacktestEngine.Run(Definition.Name, Definition.Create(parameters), parameters, Input, Settings, columns: Columns).EquityCurve;
    }

    private static double[] ReturnsOf(IReadOnlyList<Accounting.EquityPoint> curve)
    {
        if (curve.Count < 2)
        {
            return [];
        }

        var returns = new double[curve.Count - 1];
        for (var i = 1; i < curve.Count; i++)
        {
            var before = (double)curve[i - 1].Equity;
            returns[i - 1] = before > 0 ? ((double)curve[i].Equity / before) - 1 : 0;
        }

        return returns;
    }
}
