namespace Trading.Backtesting.Reports;

/// <summary>One line (or filled area) of a chart: values at times, NaN where the series has no value.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<DateTime> Times, IReadOnlyList<double> Values)
{
    /// <summary>Fill the area between the line and zero, as a drawdown chart does.</summary>
    public bool FillToZero { get; init; }

    public bool Dashed { get; init; }
}
