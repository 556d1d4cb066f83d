namespace Trading.Accounting;

/// <summary>The worst fall of an equity curve from a running peak, and the longest time spent under a peak.</summary>
/// <param name="MaxDrawdown">The largest fall from a peak, positive (0.25 is 25%).</param>
/// <param name="Peak">When the peak before the largest fall was set.</param>
/// <param name="Trough">When the largest fall bottomed.</param>
/// <param name="LongestDuration">The longest time from a peak to the first point back at or above it, or to the end
/// of the curve if it never got back.</param>
public readonly record struct Drawdown(double MaxDrawdown, DateTime Peak, DateTime Trough, TimeSpan LongestDuration)
{
    /// <summary>Equity over its running peak minus one, one value per point: 0 at a new high, -0.25 when 25% under.
    /// Points before the first positive equity are 0 (there is no peak to fall from).</summary>
    public static double[] Series(IReadOnlyList<EquityPoint> equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        var series = new double[equity.Count];
        var peak = double.NegativeInfinity;
        for (var i = 0; i < equity.Count; i++)
        {
            peak = Math.Max(peak, equity[i].Equity);
            series[i] = peak > 0 ? (equity[i].Equity / peak) - 1 : 0;
        }

        return series;
    }

    /// <summary>Measures the curve: the deepest drawdown, when it started and bottomed, and the longest underwater
    /// spell. An empty or one-point curve has none.</summary>
    public static Drawdown Of(IReadOnlyList<EquityPoint> equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        return Of(PerformanceMetrics.Points(equity));
    }

    /// <summary><see cref="Of(IReadOnlyList{EquityPoint})"/> over a span.</summary>
    internal static Drawdown Of(ReadOnlySpan<EquityPoint> equity)
    {
        if (equity.Length == 0)
        {
            return default;
        }

        var peak = equity[0].Equity;
        var peakTime = equity[0].Time;
        var worst = 0.0;
        var worstPeak = peakTime;
        var worstTrough = peakTime;
        var longest = TimeSpan.Zero;
        var underwater = false;
        for (var i = 1; i < equity.Length; i++)
        {
            var point = equity[i];
            if (point.Equity >= peak)
            {
                // Back at (or above) the peak: the spell under it, if any, ends here.
                if (underwater)
                {
                    longest = Max(longest, point.Time - peakTime);
                    underwater = false;
                }

                peak = point.Equity;
                peakTime = point.Time;
                continue;
            }

            underwater = true;
            var fall = peak > 0 ? 1 - (point.Equity / peak) : 0;
            if (fall > worst)
            {
                worst = fall;
                worstPeak = peakTime;
                worstTrough = point.Time;
            }
        }

        // Still under water at the end: the spell runs to the last point.
        if (underwater)
        {
            longest = Max(longest, equity[^1].Time - peakTime);
        }

        return new Drawdown(worst, worstPeak, worstTrough, longest);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;
}
