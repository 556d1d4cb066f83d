namespace Trading.Domain;

/// <summary>Column arrays that grow bar by bar (in time order), then become a <see cref="BarSeries"/> of exact length.</summary>
/// <remarks>A reader (a store's range query, a file) does not know how many bars it will get until it has read them;
/// doubling keeps that amortised O(1) per bar and the final trim is one copy per column.</remarks>
public sealed class BarSeriesBuilder(int capacity = 256)
{
    private DateTime[] _time = new DateTime[Math.Max(capacity, 4)];
    private double[] _open = new double[Math.Max(capacity, 4)];
    private double[] _high = new double[Math.Max(capacity, 4)];
    private double[] _low = new double[Math.Max(capacity, 4)];
    private double[] _close = new double[Math.Max(capacity, 4)];
    private double[] _volume = new double[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public void Add(in Bar bar) => Add(bar.Time, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume);

    public void Add(DateTime time, double open, double high, double low, double close, double volume)
    {
        if (Count == _time.Length)
        {
            Resize(Count * 2);
        }

        _time[Count] = time;
        _open[Count] = open;
        _high[Count] = high;
        _low[Count] = low;
        _close[Count] = close;
        _volume[Count] = volume;
        Count++;
    }

    /// <summary>The bars added so far as a series that shares this builder's columns, which may go on growing:
    /// later bars are written past the view's end and a resize leaves the view its old arrays, so it never changes.</summary>
    /// <remarks>For a series that grows bar by bar as a feed delivers (a trading node), where copying the history at
    /// each bar would cost O(n) per bar. The caller checks that times increase.</remarks>
    internal BarSeries View(Symbol symbol, Interval interval) =>
        new(symbol, interval, _time, _open, _high, _low, _close, _volume, Count);

    /// <summary>The time of the last bar added.</summary>
    internal DateTime LastTime => Count > 0 ? _time[Count - 1] : throw new InvalidOperationException("No bar was added yet.");

    /// <summary>Hands the arrays over to a series; this builder must not be used afterwards.</summary>
    public BarSeries ToSeries(Symbol symbol, Interval interval)
    {
        if (Count != _time.Length)
        {
            Resize(Count);
        }

        return new BarSeries(symbol, interval, _time, _open, _high, _low, _close, _volume);
    }

    private void Resize(int length)
    {
        Array.Resize(ref _time, length);
        Array.Resize(ref _open, length);
        Array.Resize(ref _high, length);
        Array.Resize(ref _low, length);
        Array.Resize(ref _close, length);
        Array.Resize(ref _volume, length);
    }
}
