namespace Trading.Optimization;

/// <summary>What a <see cref="CscvMetric"/> may read of one trial's returns over one half of the history: sums that
/// add up block by block, so each of the thousands of splits costs a few additions per block, not a pass over the
/// returns.</summary>
/// <param name="Count">How many returns the half holds.</param>
/// <param name="Mean">Their mean per period.</param>
/// <param name="Variance">Their sample variance (n - 1); 0 when they do not spread.</param>
/// <param name="DownsideSquares">Σ min(r, 0)² over the half, for a downside deviation.</param>
public readonly record struct CscvMoments(int Count, double Mean, double Variance, double DownsideSquares)
{
    /// <summary>The sample standard deviation per period.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);
}
