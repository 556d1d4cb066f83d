namespace Trading.Optimization;

/// <summary>How CSCV ranks the trials in each half of the history: a score from the half's <see cref="CscvMoments"/>,
/// higher is better. Sharpe ratio per period by default, as the paper.</summary>
public abstract class CscvMetric
{
    /// <summary>The per-period Sharpe ratio: mean / sample standard deviation (0 without spread, as the run's metrics).</summary>
    public static CscvMetric Sharpe { get; } = new SharpeMetric();

    /// <summary>The per-period Sortino ratio: mean / √(Σ min(r, 0)² / n), the downside over all periods
    /// (0 without a loss, as the run's metrics).</summary>
    public static CscvMetric Sortino { get; } = new SortinoMetric();

    /// <summary>The mean return per period.</summary>
    public static CscvMetric MeanReturn { get; } = new MeanReturnMetric();

    /// <summary>The metric's name in a sentence ("per-period Sharpe ratio").</summary>
    public abstract string Name { get; }

    /// <summary>The score of one trial over one half of the history; finite.</summary>
    public abstract double Score(in CscvMoments half);

    private sealed class SharpeMetric : CscvMetric
    {
        public override string Name => "per-period Sharpe ratio";

        public override double Score(in CscvMoments half) => half.Variance > 0 ? half.Mean / half.StandardDeviation : 0;
    }

    private sealed class SortinoMetric : CscvMetric
    {
        public override string Name => "per-period Sortino ratio";

        public override double Score(in CscvMoments half) =>
            half.DownsideSquares > 0 ? half.Mean / Math.Sqrt(half.DownsideSquares / half.Count) : 0;
    }

    private sealed class MeanReturnMetric : CscvMetric
    {
        public override string Name => "mean return per period";

        public override double Score(in CscvMoments half) => half.Mean;
    }
}
