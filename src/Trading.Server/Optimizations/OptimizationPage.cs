using System.Text;
using Trading.Optimization;

namespace Trading.Server.Optimizations;

/// <summary>A finished search's HTML report (<see cref="SweepHtmlReport"/>, the page <c>trade optimize --report</c>
/// writes), rendered once when the search ends: the job keeps the page's bytes, not the trials.</summary>
internal static class OptimizationPage
{
    /// <summary>How many of the best trials the page draws the equity curves of, as the command line's.</summary>
    public const int CurvesShown = 3;

    /// <summary>The page, with the best trials run again over <paramref name="trial"/>'s data for their curves: the
    /// search kept only their metrics.</summary>
    public static byte[] Render(SweepReport report, BacktestTrial trial)
    {
        var best = report.Ranked.Take(CurvesShown)
            .Select(r => (r.Trial, trial.Curve(report.Space.TryBind(r.Trial.GridIndex, out _)!)))
            .ToList();
        using var writer = new StringWriter();
        SweepHtmlReport.Write(report, best, writer);
        return Encoding.UTF8.GetBytes(writer.ToString());
    }
}
