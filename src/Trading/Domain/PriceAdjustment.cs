namespace Trading.Domain;

/// <summary>Which corporate actions to take out of a price history.</summary>
public enum PriceAdjustment
{
    /// <summary>Prices as traded: a 2:1 split halves the price overnight.</summary>
    None = 0,

    /// <summary>Earlier bars divided by later split ratios (volume multiplied): what charts show, what indicators want.</summary>
    Splits = 1,

    /// <summary>Splits, and earlier prices scaled down by each dividend's share of the previous close: a total-return series.</summary>
    SplitsAndDividends = 2,
}

/// <summary>Back-adjusts a series of prices as traded, so that returns across ex-dates are economic returns.</summary>
/// <remarks>
/// The store keeps prices as traded and splits as corporate actions, because the ledger must see the real price on the
/// real day (a position of 100 shares becomes 200 at half the price). Signals, on the other hand, must not read a
/// split as a 50% crash: they run on the adjusted view this produces. The latest bar is never changed.
/// Dividends follow the CRSP and Yahoo convention: bars before the ex-date are multiplied by 1 - dividend / previous close.
/// </remarks>
public static class PriceAdjustments
{
    /// <summary>A new series with earlier bars adjusted for the given actions of this symbol (other symbols' are ignored).</summary>
    public static BarSeries AdjustedFor(this BarSeries bars, IEnumerable<CorporateAction> actions, PriceAdjustment adjustment = PriceAdjustment.Splits)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(actions);
        if (adjustment == PriceAdjustment.None || bars.Count == 0)
        {
            return bars;
        }

        var relevant = actions
            .Where(a => a.Symbol == bars.Symbol && (a.Kind == CorporateActionKind.Split || adjustment == PriceAdjustment.SplitsAndDividends))
            .OrderByDescending(a => a.ExDate)
            .ToList();
        if (relevant.Count == 0)
        {
            return bars;
        }

        var n = bars.Count;
        var time = bars.Time.ToArray();
        var open = bars.Open.ToArray();
        var high = bars.High.ToArray();
        var low = bars.Low.ToArray();
        var close = bars.Close.ToArray();
        var volume = bars.Volume.ToArray();
        var rawClose = bars.Close;

        // Walk back in time; each ex-date passed multiplies the factor that applies to every earlier bar.
        var priceFactor = 1.0;
        var volumeFactor = 1.0;
        var next = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            var day = DateOnly.FromDateTime(time[i]);
            while (next < relevant.Count && relevant[next].ExDate > day)
            {
                var action = relevant[next++];
                if (action.Kind == CorporateActionKind.Split)
                {
                    var ratio = (double)action.Value;
                    priceFactor /= ratio;
                    volumeFactor *= ratio;
                }
                else if (rawClose[i] > 0)
                {
                    // Bar i is the last one before the ex-date: its close is the price the dividend comes out of.
                    var dividendFactor = 1.0 - ((double)action.Value / rawClose[i]);
                    if (dividendFactor > 0)
                    {
                        priceFactor *= dividendFactor;
                    }
                }
            }

            if (priceFactor != 1.0)
            {
                open[i] *= priceFactor;
                high[i] *= priceFactor;
                low[i] *= priceFactor;
                close[i] *= priceFactor;
            }

            volume[i] *= volumeFactor;
        }

        return new BarSeries(bars.Symbol, bars.Interval, time, open, high, low, close, volume);
    }
}
