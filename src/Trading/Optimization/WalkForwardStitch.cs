using Trading.Accounting;

namespace Trading.Optimization;

/// <summary>Joins the out-of-sample equity curves of a walk-forward into one account's curve.</summary>
public static class WalkForwardStitch
{
    /// <summary>Each test run starts from <paramref name="initialCash"/>; in the stitched curve it starts from the
    /// previous window's ending equity instead, so its points (equity, cash, exposure) are scaled by
    /// that equity / <paramref name="initialCash"/>: the same returns, compounded.</summary>
    public static IReadOnlyList<EquityPoint> Stitch(IReadOnlyList<IReadOnlyList<EquityPoint>> curves, double initialCash)
    {
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCash);
        var stitched = new List<EquityPoint>(curves.Sum(c => c.Count));
        var scale = 1.0;
        foreach (var curve in curves)
        {
            foreach (var point in curve)
            {
                stitched.Add(new EquityPoint(point.Time, point.Equity * scale, point.Cash * scale, point.GrossExposure * scale));
            }

            if (curve.Count > 0)
            {
                scale = stitched[^1].Equity / initialCash;
            }
        }

        return stitched;
    }
}
