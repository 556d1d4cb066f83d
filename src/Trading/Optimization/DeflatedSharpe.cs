using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Trading.Optimization;

/// <summary>The deflated Sharpe ratio of Bailey and López de Prado (2014, "The Deflated Sharpe Ratio: Correcting for
/// Selection Bias, Backtest Overfitting and Non-Normality"): the confidence that the run chosen as the best of N trials
/// has a true Sharpe ratio above the best that N trials without any edge would show by luck.</summary>
/// <remarks>
/// <para>SR0 = √V[SR] ((1 - γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e))) is the expected maximum Sharpe ratio of N trials
/// whose true Sharpe ratio is 0, γ the Euler–Mascheroni constant and V[SR] the variance of the trials' Sharpe ratios;
/// DSR = PSR(SR0) (<see cref="ProbabilisticSharpe"/>). One trial has SR0 = 0: nothing was selected.</para>
/// <para>Every Sharpe ratio here is per period (per day for daily returns), and V[SR] is the variance of per-period
/// Sharpe ratios; <see cref="PerPeriod"/> and <see cref="Annualised"/> convert. Φ and Φ⁻¹ are Math.NET's.</para>
/// </remarks>
public sealed record DeflatedSharpe
{
    /// <summary>The Euler–Mascheroni constant γ.</summary>
    public const double EulerMascheroni = 0.57721566490153286;

    /// <summary>The chosen run's Sharpe ratio per period.</summary>
    public required double Sharpe { get; init; }

    /// <summary>How many returns the chosen run has (T).</summary>
    public required int Observations { get; init; }

    /// <summary>The skewness γ3 of the chosen run's returns.</summary>
    public required double Skewness { get; init; }

    /// <summary>The raw kurtosis γ4 of the chosen run's returns (3 for normal returns).</summary>
    public required double Kurtosis { get; init; }

    /// <summary>How many trials the run was chosen from (N).</summary>
    public required int Trials { get; init; }

    /// <summary>The variance of the trials' per-period Sharpe ratios, V[SR].</summary>
    public required double TrialSharpeVariance { get; init; }

    /// <summary>SR0: the per-period Sharpe ratio the best of <see cref="Trials"/> trials would show by luck alone.</summary>
    public required double ExpectedMaximumSharpe { get; init; }

    /// <summary>DSR: the confidence, from 0 to 1, that the run's true Sharpe ratio is above <see cref="ExpectedMaximumSharpe"/>.</summary>
    public required double Probability { get; init; }

    /// <summary>The deflated Sharpe ratio of the run measured by <paramref name="run"/>, chosen from
    /// <paramref name="trials"/> trials whose per-period Sharpe ratios have variance <paramref name="trialSharpeVariance"/>.</summary>
    public static DeflatedSharpe Of(ReturnMoments run, int trials, double trialSharpeVariance)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Of(run.Sharpe, run.Count, run.Skewness, run.Kurtosis, trials, trialSharpeVariance);
    }

    /// <summary>The deflated Sharpe ratio of the chosen run's own returns among the trials' per-period Sharpe ratios
    /// (the chosen run's among them): N is their count and V[SR] their sample variance (n - 1).</summary>
    public static DeflatedSharpe Of(ReadOnlySpan<double> chosenReturns, ReadOnlySpan<double> trialSharpes)
    {
        if (trialSharpes.IsEmpty)
        {
            throw new ArgumentException("The run must be chosen from at least one trial.", nameof(trialSharpes));
        }

        return Of(ReturnMoments.Of(chosenReturns), trialSharpes.Length, SampleVariance(trialSharpes));
    }

    /// <summary>The deflated Sharpe ratio from the numbers themselves: the chosen run's per-period Sharpe ratio, its
    /// number of returns, their skewness and raw kurtosis, the number of trials and the variance of their per-period
    /// Sharpe ratios.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No trial, a negative or non-finite variance, or what
    /// <see cref="ProbabilisticSharpe.Of(double, double, int, double, double)"/> refuses.</exception>
    public static DeflatedSharpe Of(double sharpe, int observations, double skewness, double kurtosis, int trials, double trialSharpeVariance)
    {
        var benchmark = ExpectedMaximum(trials, trialSharpeVariance);
        return new DeflatedSharpe
        {
            Sharpe = sharpe,
            Observations = observations,
            Skewness = skewness,
            Kurtosis = kurtosis,
            Trials = trials,
            TrialSharpeVariance = trialSharpeVariance,
            ExpectedMaximumSharpe = benchmark,
            Probability = ProbabilisticSharpe.Of(sharpe, benchmark, observations, skewness, kurtosis),
        };
    }

    /// <summary>SR0: the expected maximum of <paramref name="trials"/> Sharpe ratios with true value 0 and variance
    /// <paramref name="trialSharpeVariance"/> (0 for a single trial).</summary>
    public static double ExpectedMaximum(int trials, double trialSharpeVariance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ProbabilisticSharpe.Finite(trialSharpeVariance, nameof(trialSharpeVariance));
        ArgumentOutOfRangeException.ThrowIfNegative(trialSharpeVariance);
        if (trials == 1)
        {
            return 0;
        }

        var n = (double)trials;
        return Math.Sqrt(trialSharpeVariance) * (
            ((1 - EulerMascheroni) * Normal.InvCDF(0, 1, 1 - (1 / n)))
            + (EulerMascheroni * Normal.InvCDF(0, 1, 1 - (1 / (n * Math.E)))));
    }

    /// <summary>A per-period Sharpe ratio from an annual one: divided by √(periods per year).</summary>
    public static double PerPeriod(double annualSharpe, double periodsPerYear) => annualSharpe / Math.Sqrt(Positive(periodsPerYear));

    /// <summary>An annual Sharpe ratio from a per-period one: multiplied by √(periods per year).</summary>
    public static double Annualised(double perPeriodSharpe, double periodsPerYear) => perPeriodSharpe * Math.Sqrt(Positive(periodsPerYear));

    /// <summary>The result in a trader's words, Sharpe ratios annualised at <paramref name="periodsPerYear"/>
    /// (252 for daily bars): what luck alone would show and how confidently the run beats it.</summary>
    public string Explain(double periodsPerYear = 252)
    {
        var observed = Annualised(Sharpe, periodsPerYear);
        var verdict = Probability >= 0.95
            ? "That clears the 95% usually asked for."
            : "That is below the 95% usually asked for: the result may be luck from the search.";
        if (Trials == 1)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"This single run's Sharpe of {observed:0.00} is above zero with {Percent(Probability)} confidence. {verdict}");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"The best of {Trials:N0} trials would show a Sharpe of {Annualised(ExpectedMaximumSharpe, periodsPerYear):0.00} by luck alone; this run's {observed:0.00} beats that with {Percent(Probability)} confidence. {verdict}");
    }

    /// <summary>A probability as a whole percent, never a certainty it is not; a confidence is rounded down, so 94.96%
    /// never reads as the 95% it misses.</summary>
    internal static string Percent(double probability, bool roundDown = true) => probability switch
    {
        > 0.99 and < 1 => "over 99%",
        > 0 and < 0.01 => "under 1%",
        _ => (roundDown ? Math.Floor(probability * 100) : Math.Round(probability * 100, MidpointRounding.AwayFromZero))
            .ToString("0", CultureInfo.InvariantCulture) + "%",
    };

    private static double SampleVariance(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return squares / (values.Length - 1);
    }

    private static double Positive(double periodsPerYear)
    {
        if (!(periodsPerYear > 0) || !double.IsFinite(periodsPerYear))
        {
            throw new ArgumentOutOfRangeException(nameof(periodsPerYear), periodsPerYear, "Periods per year must be a positive number (252 for daily bars).");
        }

        return periodsPerYear;
    }
}
