namespace Trading.Accounting;

/// <summary>How <see cref="PerformanceMetrics.Compute(IReadOnlyList{EquityPoint}, IReadOnlyList{RoundTrip}, IReadOnlyList{Domain.Fill}, MetricsSettings, IReadOnlyList{double}?)"/> annualises and what it subtracts as the risk-free return.</summary>
/// <remarks>Lives beside the metrics it configures (file <c>PerformanceMetrics.Settings.cs</c>) because it has no
/// meaning on its own.</remarks>
public sealed record MetricsSettings
{
    /// <summary>The annual risk-free rate (0.02 is 2%); compounded down to a per-period rate.</summary>
    public double RiskFreeRate { get; init; }

    /// <summary>Return periods in a year: 252 for daily bars, 52 weekly, 12 monthly. Null infers it from the
    /// spacing of the equity times (see <see cref="PerformanceMetrics.InferPeriodsPerYear"/>).</summary>
    public double? PeriodsPerYear { get; init; }

    /// <summary>Checks the settings, naming what is wrong.</summary>
    public void Validate()
    {
        if (!double.IsFinite(RiskFreeRate) || RiskFreeRate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(RiskFreeRate), RiskFreeRate, $"The risk-free rate is an annual fraction above -1 (0.02 is 2%); got {RiskFreeRate}.");
        }

        if (PeriodsPerYear is { } periods && (!double.IsFinite(periods) || periods <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(PeriodsPerYear), periods, $"Periods per year must be positive (252 for daily bars) or null to infer it; got {periods}.");
        }
    }
}
