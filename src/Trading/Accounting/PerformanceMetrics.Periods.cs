namespace Trading.Accounting;

public sealed partial record PerformanceMetrics
{
    /// <summary>Trading days in a year, the annualisation factor pyfolio and empyrical use for daily returns.</summary>
    public const double TradingDaysPerYear = 252;

    /// <summary>Infers how many return periods make a year from the median spacing of the equity times:
    /// about a day (weekends and holidays included) gives 252, about a week 52, about a month 12, about a quarter 4,
    /// about a year 1. Intraday bars give 252 × the median number of bars per session (calendar date, UTC), so
    /// 5-minute bars over a 6.5-hour session give 252 × 78. Fewer than two points give 252.</summary>
    /// <remarks>The median, not the mean, so that weekends, holidays and missing bars do not move the answer.</remarks>
    public static double InferPeriodsPerYear(IReadOnlyList<EquityPoint> equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        return PeriodsPerYearOf(Points(equity));
    }

    private static double PeriodsPerYearOf(ReadOnlySpan<EquityPoint> equity)
    {
        if (equity.Length < 2)
        {
            return TradingDaysPerYear;
        }

        var days = MedianGapDays(equity);
        return days switch
        {
            >= 300 => 1,
            >= 80 => 4,
            >= 25 => 12,
            >= 4 => 52,
            >= 0.75 => TradingDaysPerYear,
            _ => TradingDaysPerYear * MedianBarsPerSession(equity),
        };
    }

    /// <summary>The median time between consecutive points, in days: the same value as sorting every gap, found by
    /// counting the distinct gaps instead (a regular series has only a handful, however long it is).</summary>
    private static double MedianGapDays(ReadOnlySpan<EquityPoint> equity)
    {
        // Consecutive gaps are mostly equal, so they are counted in runs and a run goes to the dictionary at its end.
        var counts = new Dictionary<long, int>();
        var runGap = (equity[1].Time - equity[0].Time).Ticks;
        var run = 0;
        for (var i = 1; i < equity.Length; i++)
        {
            var gap = (equity[i].Time - equity[i - 1].Time).Ticks;
            if (gap != runGap)
            {
                counts[runGap] = counts.GetValueOrDefault(runGap) + run;
                (runGap, run) = (gap, 0);
            }

            run++;
        }

        counts[runGap] = counts.GetValueOrDefault(runGap) + run;

        var distinct = counts.Keys.ToArray();
        Array.Sort(distinct);
        var length = equity.Length - 1;
        var middle = length / 2;
        var below = length % 2 == 1 ? middle : middle - 1;
        double? lower = null;
        var seen = 0;
        foreach (var gap in distinct)
        {
            seen += counts[gap];
            if (lower is null && seen > below)
            {
                lower = TimeSpan.FromTicks(gap).TotalDays;
            }

            if (seen > middle)
            {
                var upper = TimeSpan.FromTicks(gap).TotalDays;
                return length % 2 == 1 ? upper : (lower!.Value + upper) / 2;
            }
        }

        throw new InvalidOperationException("unreachable: the counts add up to the number of gaps");
    }

    private static double MedianBarsPerSession(ReadOnlySpan<EquityPoint> equity)
    {
        var counts = new List<double>();
        var run = 1;
        var session = equity[0].Time.Date;
        for (var i = 1; i < equity.Length; i++)
        {
            var date = equity[i].Time.Date;
            if (date == session)
            {
                run++;
            }
            else
            {
                counts.Add(run);
                (session, run) = (date, 1);
            }
        }

        counts.Add(run);
        return Math.Max(1, Median([.. counts]));
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
