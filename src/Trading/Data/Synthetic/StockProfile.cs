namespace Trading.Data.Synthetic;

/// <summary>The fixed character of one synthetic stock: its sector, beta, volatility, drift, size, liquidity and payout.</summary>
/// <remarks>The ranges are those of large US stocks; each is drawn once, from the stock's own stream, before its path.</remarks>
internal sealed record StockProfile
{
    /// <summary>The market's and sectors' factor volatilities at their long-run level, annualised.</summary>
    private const double MarketVariance = MarketFactors.MarketVolatility * MarketFactors.MarketVolatility;
    private const double SectorVariance = MarketFactors.SectorVolatility * MarketFactors.SectorVolatility;

    /// <summary>Overnight news (earnings, guidance) arrives about three times a year per stock.</summary>
    public const double JumpsPerYear = 3;

    /// <summary>One jump in fifty is a shock (a profit warning, a takeover bid) that moves the open by over 15%.</summary>
    public const double LargeJumpShare = 0.02;

    /// <summary>The smallest shock in log points: exp(-0.17) - 1 is -15.6%, so even a fall clears a 15% gap filter.</summary>
    public const double LargeJumpMinLog = 0.17;

    /// <summary>An ordinary jump's standard deviation in units of the stock's daily volatility.</summary>
    public const double OrdinaryJumpScale = 3;

    public int Sector { get; init; }

    public double Beta { get; init; }

    public double SectorLoading { get; init; }

    /// <summary>Annualised total volatility the stock is built for (factors, noise and jumps together).</summary>
    public double Volatility { get; init; }

    /// <summary>Daily total volatility: <see cref="Volatility"/> over the square root of 252.</summary>
    public double DailyVolatility { get; init; }

    /// <summary>Daily standard deviation of the stock's own noise at an average market regime.</summary>
    public double IdiosyncraticDailyVolatility { get; init; }

    /// <summary>Daily expected log return of the total return (price plus dividends).</summary>
    public double DailyDrift { get; init; }

    public double StartPrice { get; init; }

    public double SharesOutstanding { get; init; }

    /// <summary>The fraction of the shares that changes hands on an ordinary day.</summary>
    public double Turnover { get; init; }

    /// <summary>Annual dividend over price; zero for a stock that pays none.</summary>
    public double DividendYield { get; init; }

    /// <summary>The month (1-3) of the first quarterly ex-date each year; the others follow every three months.</summary>
    public int DividendMonth { get; init; }

    public int DividendDay { get; init; }

    /// <summary>The largest shock in log points: wilder stocks suffer wilder shocks (0.27 at 17% volatility, 0.47 at 50%).</summary>
    public double LargeJumpMaxLog { get; init; }

    /// <summary>The price above which the board splits the stock.</summary>
    public double SplitThreshold { get; init; }

    public static StockProfile Draw(Xoshiro256StarStar rng)
    {
        // The order of the draws is part of the generator's output: append new ones at the end.
        var sector = rng.NextInt(MarketFactors.SectorCount);
        var beta = Math.Clamp(1 + (0.3 * rng.NextGaussian()), 0.4, 1.8);
        var sectorLoading = rng.NextDouble(0.5, 1.2);

        // Skewed towards the low end: most large stocks run at 20-35% a year, a few speculative ones at 50% and more.
        var u = rng.NextDouble();
        var volatility = 0.12 + (0.38 * u * u);
        var dailyVolatility = volatility / Math.Sqrt(252);

        var largeJumpMaxLog = LargeJumpMinLog + (0.6 * volatility);
        var jumpVariance = JumpsPerYear * (((1 - LargeJumpShare) * OrdinaryJumpScale * OrdinaryJumpScale * dailyVolatility * dailyVolatility)
            + (LargeJumpShare * MeanSquareOfLargeJump(largeJumpMaxLog)));
        var idiosyncraticVariance = Math.Max(
            (volatility * volatility) - (beta * beta * MarketVariance) - (sectorLoading * sectorLoading * SectorVariance) - jumpVariance,
            0.08 * 0.08);

        // A risk premium that grows with beta, plus luck in what the market will reward: most stocks drift upwards.
        var drift = Math.Clamp(0.01 + (0.035 * beta) + (0.03 * rng.NextGaussian()), -0.03, 0.15);

        var startPrice = Math.Exp(rng.NextDouble(Math.Log(15), Math.Log(150)));
        var marketCap = Math.Exp(rng.NextDouble(Math.Log(2e9), Math.Log(2e11)));
        var turnover = Math.Exp(rng.NextDouble(Math.Log(0.003), Math.Log(0.012)));
        var paysDividends = rng.NextDouble() < 0.45;
        var dividendYield = rng.NextDouble(0.01, 0.04);
        var dividendMonth = 1 + rng.NextInt(3);
        var dividendDay = 5 + rng.NextInt(20);
        var splitThreshold = rng.NextDouble(150, 450);

        return new StockProfile
        {
            Sector = sector,
            Beta = beta,
            SectorLoading = sectorLoading,
            Volatility = volatility,
            DailyVolatility = dailyVolatility,
            IdiosyncraticDailyVolatility = Math.Sqrt(idiosyncraticVariance / 252),
            DailyDrift = drift / 252,
            StartPrice = startPrice,
            SharesOutstanding = Math.Round(marketCap / startPrice),
            Turnover = turnover,
            DividendYield = paysDividends ? dividendYield : 0,
            DividendMonth = dividendMonth,
            DividendDay = dividendDay,
            LargeJumpMaxLog = largeJumpMaxLog,
            SplitThreshold = splitThreshold,
        };
    }

    /// <summary>E[x^2] for x uniform on [min, max] log points: (max^3 - min^3) / (3 (max - min)).</summary>
    private static double MeanSquareOfLargeJump(double max) =>
        ((max * max * max) - (LargeJumpMinLog * LargeJumpMinLog * LargeJumpMinLog)) / (3 * (max - LargeJumpMinLog));
}
