namespace Trading.Indicators;

/// <summary>The last <see cref="Length"/> values pushed (a preallocated ring) and their sum, updated in O(1).</summary>
internal sealed class RollingSum
{
    private readonly double[] _values;
    private int _next;
    private int _count;
    private CompensatedSum _sum;

    public RollingSum(int length)
    {
        _values = new double[length];
    }

    public int Length => _values.Length;

    public int Count => _count;

    public bool IsFull => _count == _values.Length;

    public double Sum => _sum.Value;

    /// <summary>The value that the next push will evict (valid once full).</summary>
    public double Oldest => _values[_next];

    /// <summary>Adds a value, evicting the oldest once the window is full; returns the evicted value, or 0.</summary>
    public double Push(double value)
    {
        double evicted = 0;
        if (_count == _values.Length)
        {
            evicted = _values[_next];

            // One rounded difference of two prices loses far less than adding and removing each one separately.
            _sum.Add(value - evicted);
        }
        else
        {
            _count++;
            _sum.Add(value);
        }

        _values[_next] = value;
        if (++_next == _values.Length)
        {
            _next = 0;
        }

        return evicted;
    }
}
