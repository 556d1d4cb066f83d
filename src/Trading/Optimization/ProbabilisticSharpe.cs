using MathNet.Numerics.Distributions;

namespace Trading.Optimization;

/// <summary>The probabilistic Sharpe ratio PSR(SR*) of Bailey and López de Prado (2012): the confidence that a run's
/// true Sharpe ratio is above a benchmark SR*, given how many returns it has and how skewed and fat-tailed they are.</summary>
/// <remarks>PSR(SR*) = Φ((SR - SR*) √(T - 1) / √(1 - γ3 SR + (γ4 - 1) / 4 SR²)), with every Sharpe ratio per period
/// (not annualised), γ3 the skewness and γ4 the raw kurtosis (3 for normal returns). Φ is Math.NET's normal CDF.</remarks>
public static class ProbabilisticSharpe
{
    /// <summary>PSR(SR*) of a run measured by <paramref name="run"/> against the per-period benchmark Sharpe ratio.</summary>
    public static double Of(ReturnMoments run, double benchmark)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Of(run.Sharpe, benchmark, run.Count, run.Skewness, run.Kurtosis);
    }

    /// <summary>PSR(SR*) from the run's per-period Sharpe ratio, its number of returns T, their skewness and raw
    /// kurtosis, against the per-period benchmark Sharpe ratio SR*.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two returns, a value not finite, or moments so
    /// extreme that the Sharpe ratio's variance comes out not positive (the formula then has no answer).</exception>
    public static double Of(double sharpe, double benchmark, int observations, double skewness, double kurtosis)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, 2);
        Finite(sharpe, nameof(sharpe));
        Finite(benchmark, nameof(benchmark));
        Finite(skewness, nameof(skewness));
        Finite(kurtosis, nameof(kurtosis));
        var variance = 1 - (skewness * sharpe) + ((kurtosis - 1) / 4 * sharpe * sharpe);
        if (variance <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(skewness),
                $"A Sharpe ratio of {sharpe} with skewness {skewness} and kurtosis {kurtosis} gives the estimate a variance of {variance}; it must be positive (is the Sharpe ratio per period, not annualised?).");
        }

        return Normal.CDF(0, 1, (sharpe - benchmark) * Math.Sqrt(observations - 1) / Math.Sqrt(variance));
    }

    internal static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number.");
        }
    }
}
