using Trading.Domain;

namespace Trading.Data.Storage;

/// <summary>Column arrays that grow as a store reads rows, then become a <see cref="BarSeries"/> of exact length.</summary>
/// <remarks>A store does not know how many rows a range query returns until it has read them; doubling keeps the
/// reads amortised O(1) per bar and the final trim is one copy per column.</remarks>
internal sealed class BarColumns(int capacity)
{
    private DateTime[] _time = new DateTime[Math.Max(capacity, 4)];
    private double[] _open = new double[Math.Max(capacity, 4)];
    private double[] _high = new double[Math.Max(capacity, 4)];
    private double[] _low = new double[Math.Max(capacity, 4)];
    private double[] _close = new double[Math.Max(capacity, 4)];
    private double[] _volume = new double[Math.Max(capacity, 4)];

    public int Count { get; private set; }

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
