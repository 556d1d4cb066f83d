namespace Trading.Optimization;

/// <summary>The moments of one run's per-period returns that the deflated Sharpe ratio reads: the Sharpe ratio per
/// period (not annualised), the skewness and the kurtosis (raw, not excess: normal returns give 3).</summary>
/// <remarks>The mean and the standard deviation are the sample ones (n - 1), as the run's metrics compute Sharpe;
/// skewness and kurtosis are the population moments m3 / m2^1.5 and m4 / m2², as the formulas of Mertens and Opdyke
/// that the paper uses take them. A series without spread has Sharpe, skewness 0 and kurtosis 3 (a normal's): no
/// evidence either way.</remarks>
public sealed record ReturnMoments
{
    /// <summary>How many returns were measured (T in the paper).</summary>
    public required int Count { get; init; }

    /// <summary>The mean return per period.</summary>
    public required double Mean { get; init; }

    /// <summary>The sample standard deviation (n - 1) of the returns per period.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>The Sharpe ratio per period: mean / standard deviation (multiply by the square root of the periods
    /// per year to annualise).</summary>
    public required double Sharpe { get; init; }

    /// <summary>The skewness γ3 = m3 / m2^1.5 (negative: the large moves are losses).</summary>
    public required double Skewness { get; init; }

    /// <summary>The kurtosis γ4 = m4 / m2², raw: 3 for normal returns, above 3 for fat tails.</summary>
    public required double Kurtosis { get; init; }

    /// <summary>Measures the returns; at least two, all finite.</summary>
    /// <exception cref="ArgumentException">Fewer than two returns, or one not finite.</exception>
    public static ReturnMoments Of(ReadOnlySpan<double> returns)
    {
        if (returns.Length < 2)
        {
            throw new ArgumentException($"The moments need at least two returns; got {returns.Length}.", nameof(returns));
        }

        var sum = 0.0;
        for (var i = 0; i < returns.Length; i++)
        {
            if (!double.IsFinite(returns[i]))
            {
                throw new ArgumentException($"Return {i} is {returns[i]}; every return must be a finite number.", nameof(returns));
            }

            sum += returns[i];
        }

        // Centred sums in a second pass: the naive Σr² - (Σr)²/n loses the spread of small daily returns.
        var mean = sum / returns.Length;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var r in returns)
        {
            var d = r - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        var n = (double)returns.Length;
        var deviation = Math.Sqrt(m2 / (n - 1));
        var flat = !Spreads(m2, returns.Length, mean);
        return new ReturnMoments
        {
            Count = returns.Length,
            Mean = mean,
            StandardDeviation = deviation,
            Sharpe = flat ? 0 : mean / deviation,
            Skewness = flat ? 0 : m3 / n / Math.Pow(m2 / n, 1.5),
            Kurtosis = flat ? 3 : m4 / n / (m2 / n * (m2 / n)),
        };
    }

    /// <summary>Whether returns with this centred sum of squares spread at all: a constant series leaves rounding dust
    /// (its mean is rarely exact), which must not read as a tiny risk and a huge Sharpe ratio.</summary>
    internal static bool Spreads(double centredSquares, int count, double mean) =>
        centredSquares > count * mean * mean * 1e-24;
}
