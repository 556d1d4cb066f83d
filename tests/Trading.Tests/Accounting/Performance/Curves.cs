using Trading.Accounting;
using Trading.Domain;

namespace Trading.Tests.Accounting.Performance;

/// <summary>Small equity curves and trades for hand-checked metrics.</summary>
internal static class Curves
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>One point per calendar day from <see cref="Start"/>, with no positions.</summary>
    public static EquityPoint[] Daily(params double[] equity)
    {
        var points = new EquityPoint[equity.Length];
        for (var i = 0; i < equity.Length; i++)
        {
            points[i] = new EquityPoint(Start.AddDays(i), equity[i], equity[i], 0);
        }

        return points;
    }

    public static EquityPoint At(DateTime time, double equity, double grossExposure = 0) =>
        new(time, equity, equity - grossExposure, grossExposure);

    public static RoundTrip Trade(decimal profit, string symbol = "AAPL") => new(
        Symbol.Parse(symbol), PositionSide.Long, Start, Start.AddDays(5), 10, 100, 100 + (profit / 10), 0, profit);

    public static PerformanceMetrics Metrics(
        IReadOnlyList<EquityPoint> equity,
        IReadOnlyList<RoundTrip>? trades = null,
        IReadOnlyList<Fill>? fills = null,
        double riskFree = 0,
        double? periodsPerYear = 252,
        IReadOnlyList<double>? benchmark = null) =>
        PerformanceMetrics.Compute(
            equity,
            trades ?? [],
            fills ?? [],
            new MetricsSettings { RiskFreeRate = riskFree, PeriodsPerYear = periodsPerYear },
            benchmark);
}
