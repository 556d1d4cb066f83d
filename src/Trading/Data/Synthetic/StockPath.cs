using Trading.Domain;

namespace Trading.Data.Synthetic;

/// <summary>
/// Walks one stock through the trading days: a factor-model return split into an overnight gap and an intraday move,
/// a range around them, a volume that rises with surprise and turmoil, and the splits and dividends a real listing
/// has, all in raw (unadjusted) prices as they would have traded.
/// </summary>
internal static class StockPath
{
    /// <summary>The share of the day's ordinary move that happens overnight (between the previous close and the open).</summary>
    private const double OvernightShare = 0.3;


    /// <summary>Clips the noise at this many standard deviations, so that no day is more absurd than a real crash.</summary>
    private const double NoiseClip = 8;

    // The stock's own news flow has GARCH(1,1) volatility too (persistence 0.98), on top of following the market's
    // regime: without it single stocks show almost no volatility clustering, which real ones do.
    private const double NoiseGarchAlpha = 0.05;
    private const double NoiseGarchBeta = 0.93;

    /// <summary>A board splits at most once a year.</summary>
    private const int DaysBetweenSplits = 250;

    /// <summary>Below this price a stock does a 1:10 reverse split, as exchanges' minimum-price rules push them to.</summary>
    private const double ReverseSplitPrice = 2;

    /// <summary>A quarterly dividend never exceeds this share of the price (a payer that crashed cuts it).</summary>
    private const double MaxDividendShare = 0.1;

    private const int NoSplitYet = -DaysBetweenSplits;

    public static BarSeries Simulate(
        Symbol symbol,
        StockProfile profile,
        Xoshiro256StarStar rng,
        MarketFactors factors,
        DateOnly[] days,
        DateTime[] time,
        EqualWeightedIndex index,
        List<CorporateAction> actions)
    {
        var n = days.Length;
        index.AddConstituent();
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = new double[n];

        var market = factors.Market;
        var regimes = factors.Regime;
        var logRegimes = factors.LogRegime;
        var sector = factors.Sector.AsSpan(profile.Sector * n, n);
        var jumpProbability = StockProfile.JumpsPerYear / 252;
        var sigma = profile.DailyVolatility;

        var previousClose = profile.StartPrice;
        var shares = profile.SharesOutstanding;
        var pendingSplit = 0.0;
        var lastSplit = NoSplitYet;

        var paysDividends = profile.DividendYield > 0;
        var nextDividend = new DateOnly(days[0].Year, profile.DividendMonth, profile.DividendDay);
        while (nextDividend < days[0])
        {
            nextDividend = nextDividend.AddMonths(3);
        }

        var dividendCents = 0.0;
        var dividendYear = 0;

        // The noise's variance relative to its long-run level, which is 1.
        var noiseVariance = 1.0;
        const double noiseOmega = 1 - NoiseGarchAlpha - NoiseGarchBeta;

        for (var d = 0; d < n; d++)
        {
            var date = days[d];
            var reference = previousClose;
            if (pendingSplit != 0)
            {
                reference /= pendingSplit;
                shares *= pendingSplit;
                dividendCents = Math.Max(Math.Round(dividendCents / pendingSplit), 1);
                actions.Add(CorporateAction.Split(symbol, date, (decimal)pendingSplit));
                pendingSplit = 0;
                lastSplit = d;
            }

            // Yesterday's close in today's shares: the index's base for today, before any dividend leaves it.
            var basis = reference;

            if (paysDividends && date >= nextDividend)
            {
                // Companies set the dividend once a year and keep it for four quarters.
                if (date.Year != dividendYear)
                {
                    dividendCents = Math.Max(Math.Round(reference * profile.DividendYield / 4 * 100), 1);
                    dividendYear = date.Year;
                }

                var cents = Math.Min(dividendCents, Math.Floor(reference * MaxDividendShare * 100));
                if (cents >= 1)
                {
                    reference -= cents / 100;
                    actions.Add(CorporateAction.CashDividend(symbol, date, (decimal)cents / 100m));
                }

                nextDividend = nextDividend.AddMonths(3);
            }

            var regime = regimes[d];
            var shock = Math.Clamp(rng.NextStudentT4(), -NoiseClip, NoiseClip);
            var noise = Math.Sqrt(noiseVariance * regime) * shock;
            noiseVariance = noiseOmega + (NoiseGarchAlpha * noiseVariance * shock * shock) + (NoiseGarchBeta * noiseVariance);
            var move = profile.DailyDrift + (profile.Beta * market[d]) + (profile.SectorLoading * sector[d])
                + (profile.IdiosyncraticDailyVolatility * noise);
            var overnight = (OvernightShare * move) + (0.15 * sigma * regime * rng.NextGaussian());
            var intraday = move - overnight;
            if (rng.NextDouble() < jumpProbability)
            {
                overnight += NextJump(rng, profile);
            }

            var o = Cents.Round(reference * Math.Exp(overnight));
            var c = Cents.Round(o * Math.Exp(intraday));
            var top = Math.Max(o, c);
            var bottom = Math.Min(o, c);
            var h = Cents.Round(top * (1 + (0.5 * sigma * regime * Math.Abs(rng.NextGaussian()))));
            var l = Cents.Round(bottom / (1 + (0.5 * sigma * regime * Math.Abs(rng.NextGaussian()))));

            // Volume rises with the size of the surprise and with the market's fear, around the stock's usual turnover.
            var surprise = Math.Min(Math.Abs(overnight + intraday) / sigma, 8);
            var logVolume = (0.35 * rng.NextGaussian()) + (0.25 * surprise) + (0.5 * logRegimes[d]) - 0.2;
            var v = Math.Max(Math.Round(shares * profile.Turnover * Math.Exp(logVolume)), 100);

            open[d] = o;
            high[d] = Math.Max(h, top);
            low[d] = Math.Min(l, bottom);
            close[d] = c;
            volume[d] = v;
            index.Add(d, basis, o, high[d], low[d], c, v);
            previousClose = c;

            if (d + 1 < n && d - lastSplit >= DaysBetweenSplits)
            {
                if (c > profile.SplitThreshold)
                {
                    pendingSplit = rng.NextDouble() < 0.3 ? 3 : 2;
                }
                else if (c < ReverseSplitPrice)
                {
                    pendingSplit = 0.1;
                }
            }
        }

        return new BarSeries(symbol, Interval.Daily, time, open, high, low, close, volume);
    }

    /// <summary>Overnight news, in log points: mostly a few daily volatilities, now and then a shock of over 15% either way.</summary>
    private static double NextJump(Xoshiro256StarStar rng, StockProfile profile)
    {
        if (rng.NextDouble() < StockProfile.LargeJumpShare)
        {
            var size = rng.NextDouble(StockProfile.LargeJumpMinLog, profile.LargeJumpMaxLog);
            return rng.NextDouble() < 0.5 ? -size : size;
        }

        return StockProfile.OrdinaryJumpScale * profile.DailyVolatility * rng.NextGaussian();
    }
}
