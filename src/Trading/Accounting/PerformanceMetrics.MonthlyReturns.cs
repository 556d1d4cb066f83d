namespace Trading.Accounting;

/// <summary>The compounded return of one calendar month (or, with <see cref="Month"/> 0, one calendar year).</summary>
public readonly record struct PeriodReturn(int Year, int Month, double Return);

public sealed partial record PerformanceMetrics
{
    /// <summary>Compounded simple returns per calendar month (UTC), as empyrical's
    /// <c>aggregate_returns(returns, "monthly")</c>: the last equity of a month over the last equity of the month
    /// before, minus one; the first month is measured from the first point. Months with no points are absent.</summary>
    public static IReadOnlyList<PeriodReturn> MonthlyReturns(IReadOnlyList<EquityPoint> equity) =>
        CalendarReturns(equity, monthly: true);

    /// <summary>Compounded simple returns per calendar year, measured as <see cref="MonthlyReturns"/> (so a year's
    /// return is the product of its months' growth); <see cref="PeriodReturn.Month"/> is 0.</summary>
    public static IReadOnlyList<PeriodReturn> YearlyReturns(IReadOnlyList<EquityPoint> equity) =>
        CalendarReturns(equity, monthly: false);

    private static List<PeriodReturn> CalendarReturns(IReadOnlyList<EquityPoint> equity, bool monthly)
    {
        ArgumentNullException.ThrowIfNull(equity);
        var result = new List<PeriodReturn>();
        if (equity.Count < 2)
        {
            return result;
        }

        var baseline = equity[0].Equity;
        for (var i = 1; i < equity.Count; i++)
        {
            var time = equity[i].Time;
            var periodEnds = i == equity.Count - 1 || Key(equity[i + 1].Time, monthly) != Key(time, monthly);
            if (!periodEnds)
            {
                continue;
            }

            var close = equity[i].Equity;
            result.Add(new PeriodReturn(time.Year, monthly ? time.Month : 0, baseline > 0 ? (close / baseline) - 1 : 0));
            baseline = close;
        }

        return result;
    }

    private static int Key(DateTime time, bool monthly) => monthly ? (time.Year * 12) + time.Month : time.Year;
}
