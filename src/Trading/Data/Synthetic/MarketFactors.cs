namespace Trading.Data.Synthetic;

/// <summary>
/// The shocks every stock shares, one value per trading day: the market factor with GARCH(1,1) volatility and the
/// sector factors, whose volatility follows the market's regime.
/// </summary>
/// <remarks>
/// They come from stream 0 of the seed and depend only on the seed and the number of days, so a stock's path is the
/// same whatever the number of stocks. Returns are daily log returns without drift (the stocks add their own).
/// </remarks>
internal sealed class MarketFactors
{
    /// <summary>A handful of sectors, enough for visible clusters in a correlation matrix.</summary>
    public const int SectorCount = 8;

    /// <summary>The market's long-run annualised volatility, about that of a broad US index.</summary>
    public const double MarketVolatility = 0.15;

    /// <summary>Each sector factor's long-run annualised volatility.</summary>
    public const double SectorVolatility = 0.10;

    // GARCH(1,1): persistence alpha + beta = 0.98, a half-life of about a month for volatility shocks, as fitted to
    // equity indices. With Student-t(7) shocks (kurtosis 5) the fourth moment stays finite: 0.07^2 * 5 + 2 * 0.07 *
    // 0.91 + 0.91^2 < 1, so the sample autocorrelation of squared returns settles.
    private const double GarchAlpha = 0.07;
    private const double GarchBeta = 0.91;
    private const double MarketTailDegrees = 7;

    private MarketFactors(int days)
    {
        Days = days;
        Market = new double[days];
        Regime = new double[days];
        LogRegime = new double[days];
        Sector = new double[SectorCount * days];
    }

    public int Days { get; }

    /// <summary>The market factor's daily log return shock.</summary>
    public double[] Market { get; }

    /// <summary>Today's market volatility over its long-run level (1 on an average day, 3 in a crash).</summary>
    public double[] Regime { get; }

    /// <summary>The natural logarithm of <see cref="Regime"/>, kept so that stocks do not take it once each.</summary>
    public double[] LogRegime { get; }

    /// <summary>Sector shocks, sector-major: sector k's day d is at k * <see cref="Days"/> + d.</summary>
    public double[] Sector { get; }

    public static MarketFactors Simulate(ulong seed, int days)
    {
        var factors = new MarketFactors(days);
        var rng = Xoshiro256StarStar.Create(seed, 0);
        var longRunVariance = MarketVolatility * MarketVolatility / 252;
        var omega = longRunVariance * (1 - GarchAlpha - GarchBeta);
        var sectorDaily = SectorVolatility / Math.Sqrt(252);
        var variance = longRunVariance;
        for (var d = 0; d < days; d++)
        {
            var regime = Math.Sqrt(variance / longRunVariance);
            var shock = Math.Sqrt(variance) * rng.NextStudentT(MarketTailDegrees);
            factors.Market[d] = shock;
            factors.Regime[d] = regime;
            factors.LogRegime[d] = Math.Log(regime);
            for (var k = 0; k < SectorCount; k++)
            {
                factors.Sector[(k * days) + d] = sectorDaily * regime * rng.NextGaussian();
            }

            variance = omega + (GarchAlpha * shock * shock) + (GarchBeta * variance);
        }

        return factors;
    }
}
