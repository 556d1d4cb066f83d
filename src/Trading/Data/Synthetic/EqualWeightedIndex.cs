using Trading.Domain;

namespace Trading.Data.Synthetic;

/// <summary>
/// An equal-weighted price index of the constituents (like the S&amp;P 500 Equal Weight), built from their raw bars
/// as they are generated: each day's open, high, low and close are yesterday's level times the average of the
/// constituents' prices over their previous closes.
/// </summary>
/// <remarks>
/// <para>
/// Equal weights rather than market values: a 25-year cap-weighted index of 50 random stocks ends up dominated by
/// its two or three biggest winners and stops looking like a market; the equal-weighted one keeps the market factor
/// in front, as a broad index does.
/// </para>
/// <para>
/// The previous close is taken after the split of the day (in today's shares) and before the dividend, so splits do
/// not move the index while dividends do: a price index, not a total-return one. The constituents' highs happen at
/// different moments, so the average of their highs overstates the index's own high; we take the index high part of
/// the way from max(open, close) towards that bound, and the low likewise.
/// </para>
/// </remarks>
internal sealed class EqualWeightedIndex
{
    /// <summary>The index level the day before the first bar.</summary>
    public const double BaseLevel = 1000;

    /// <summary>How far the index's range reaches towards the bound set by the constituents' ranges.</summary>
    private const double RangeShare = 0.6;

    private readonly double[] _open;
    private readonly double[] _high;
    private readonly double[] _low;
    private readonly double[] _close;
    private readonly double[] _volume;
    private int _constituents;

    public EqualWeightedIndex(int days)
    {
        _open = new double[days];
        _high = new double[days];
        _low = new double[days];
        _close = new double[days];
        _volume = new double[days];
    }

    /// <summary>Counts one more constituent; call it once per stock, before or after its days.</summary>
    public void AddConstituent() => _constituents++;

    /// <summary>Adds one constituent's day, with its previous close in today's shares (after a split, before a dividend).</summary>
    public void Add(int day, double previousClose, double open, double high, double low, double close, double volume)
    {
        var scale = 1 / previousClose;
        _open[day] += scale * open;
        _high[day] += scale * high;
        _low[day] += scale * low;
        _close[day] += scale * close;
        _volume[day] += volume;
    }

    public BarSeries Build(Symbol symbol, DateTime[] time)
    {
        var n = time.Length;
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = new double[n];
        var level = BaseLevel;
        for (var d = 0; d < n; d++)
        {
            var scale = level / _constituents;
            var o = scale * _open[d];
            var c = scale * _close[d];
            var top = Math.Max(o, c);
            var bottom = Math.Min(o, c);
            var h = top + (RangeShare * ((scale * _high[d]) - top));
            var l = bottom - (RangeShare * (bottom - (scale * _low[d])));
            open[d] = Cents.Round(o);
            high[d] = Cents.Round(h);
            low[d] = Cents.Round(l);
            close[d] = Cents.Round(c);
            volume[d] = _volume[d];
            level = c;
        }

        return new BarSeries(symbol, Interval.Daily, time, open, high, low, close, volume);
    }
}
