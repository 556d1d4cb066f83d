using Trading.Domain;

namespace Trading.Execution;

/// <summary>The bar orders are matched against, read from its series' columns only as far as the orders ask.</summary>
/// <remarks>A backtest fills a market order from the bar's time and open alone, but a whole <see cref="Bar"/> reads
/// six columns, each a page of its own for each of hundreds of symbols, so four of the six reads of every fill were
/// cache and TLB misses for values nobody used. A view made from a <see cref="Bar"/> (the paper venue's way in)
/// simply hands out its fields.</remarks>
internal readonly struct BarView
{
    private readonly BarSeries? _series;
    private readonly int _index;
    private readonly Bar _bar;

    public BarView(in Bar bar) => _bar = bar;

    /// <summary>Bar <paramref name="index"/> of <paramref name="series"/>.</summary>
    public BarView(BarSeries series, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, series.Count);
        _series = series;
        _index = index;
    }

    public DateTime Time => _series is null ? _bar.Time : _series.TimeAt(_index);

    public double Open => _series is null ? _bar.Open : _series.OpenAt(_index);

    public double High => _series is null ? _bar.High : _series.HighAt(_index);

    public double Low => _series is null ? _bar.Low : _series.LowAt(_index);

    public double Close => _series is null ? _bar.Close : _series.CloseAt(_index);

    public double Volume => _series is null ? _bar.Volume : _series.VolumeAt(_index);

    /// <summary>The whole bar, for a model that reads it.</summary>
    public Bar ToBar() => _series is null ? _bar : _series[_index];
}
