namespace Trading.Accounting;

/// <summary>The worst fall of an equity curve from a running peak, how long that fall lasted, and the longest time
/// spent under any peak.</summary>
/// <param name="MaxDrawdown">The largest fall from a peak, positive (0.25 is 25%).</param>
/// <param name="Peak">When the peak before the largest fall was set.</param>
/// <param name="Trough">When the largest fall bottomed.</param>
/// <param name="Recovery">The first point after the trough back at or above that peak; null if the curve never got
/// back (or never fell).</param>
/// <param name="MaxDrawdownTradingDays">The largest fall's own duration: trading days (sessions, by UTC date) from
/// its peak to its recovery, or to the end of the curve if it never recovered; 0 without a fall.</param>
/// <param name="LongestUnderwater">The longest time, in calendar time, from any peak to the first point back at or
/// above it, or to the end of the curve if it never got back. Not necessarily the largest fall's.</param>
public readonly record struct Drawdown(
    double MaxDrawdown,
    DateTime Peak,
    DateTime Trough,
    DateTime? Recovery,
    int MaxDrawdownTradingDays,
    TimeSpan LongestUnderwater)
{
    /// <summary>Whether the largest fall was made good by the end of the curve (true when there was none).</summary>
    public bool Recovered => MaxDrawdown == 0 || Recovery is not null;

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

    /// <summary>Measures the curve: the deepest drawdown, when it started, bottomed and recovered, its length in
    /// trading days, and the longest underwater spell. An empty or one-point curve has none.</summary>
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
        var peakIndex = 0;
        var worst = 0.0;
        var worstPeak = 0;
        var worstTrough = 0;
        var worstRecovery = -1;
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
                    longest = Max(longest, point.Time - equity[peakIndex].Time);
                    underwater = false;
                    if (worstPeak == peakIndex && worst > 0 && worstRecovery < 0)
                    {
                        worstRecovery = i;
                    }
                }

                peak = point.Equity;
                peakIndex = i;
                continue;
            }

            underwater = true;
            var fall = peak > 0 ? 1 - (point.Equity / peak) : 0;
            if (fall > worst)
            {
                worst = fall;
                worstPeak = peakIndex;
                worstTrough = i;
                worstRecovery = -1;
            }
        }

        // Still under water at the end: the spell runs to the last point.
        if (underwater)
        {
            longest = Max(longest, equity[^1].Time - equity[peakIndex].Time);
        }

        var end = worstRecovery >= 0 ? worstRecovery : equity.Length - 1;
        return new Drawdown(
            worst,
            equity[worstPeak].Time,
            equity[worstTrough].Time,
            worstRecovery >= 0 ? equity[worstRecovery].Time : null,
            worst > 0 ? Sessions(equity, worstPeak, end) : 0,
            longest);
    }

    /// <summary>Trading days after point <paramref name="from"/> up to point <paramref name="to"/>: the number of
    /// times the UTC date changes between them, so daily bars count one a bar and intraday bars one a session.</summary>
    private static int Sessions(ReadOnlySpan<EquityPoint> equity, int from, int to)
    {
        var sessions = 0;
        for (var i = from + 1; i <= to; i++)
        {
            if (equity[i].Time.Date != equity[i - 1].Time.Date)
            {
                sessions++;
            }
        }

        return sessions;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;
}
