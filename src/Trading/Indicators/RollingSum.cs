namespace Trading.Indicators;

/// <summary>The last <see cref="Length"/> values pushed (a preallocated ring) and their sum, updated in O(1).</summary>
/// <remarks>A window of at most <see cref="DirectLength"/> values is summed afresh on each read instead: a handful of
/// independent additions is cheaper than carrying a compensated running total from bar to bar (it keeps the
/// smoothing stages of a stochastic off one long dependency chain), and a fresh sum cannot drift.
/// <para>A mutable struct, held in a non-readonly field of the indicator that owns it: the indicator's update then
/// reaches the ring in one step instead of through a second object, which matters when a backtest updates a few
/// thousand indicators at every time of the timeline. Never copy one: a copy would update on its own.</para></remarks>
internal struct RollingSum
{
    /// <summary>The longest window summed afresh on each read.</summary>
    public const int DirectLength = 8;

    private readonly double[] _values;
    private readonly bool _direct;
    private int _next;
    private int _count;
    private CompensatedSum _sum;

    public RollingSum(int length)
    {
        _values = new double[length];
        _direct = length <= DirectLength;
    }

    public readonly int Length => _values.Length;

    public readonly int Count => _count;

    public readonly bool IsFull => _count == _values.Length;

    public readonly double Sum => _direct ? SumAfresh() : _sum.Value;

    /// <summary>The value that the next push will evict (valid once full).</summary>
    public readonly double Oldest => _values[_next];

    /// <summary>Adds a value, evicting the oldest once the window is full; returns the evicted value, or 0.</summary>
    public double Push(double value)
    {
        // A slot not yet written holds 0, so while the window fills the "evicted" value is 0 and the difference exact.
        var values = _values;
        var next = _next;
        var evicted = values[next];
        values[next] = value;
        if (!_direct)
        {
            // One rounded difference of two prices loses far less than adding and removing each one separately.
            _sum.Add(value - evicted);
        }

        _next = next + 1 == values.Length ? 0 : next + 1;
        if (_count < values.Length)
        {
            _count++;
        }

        return evicted;
    }

    // Slots not yet written hold 0, so the sum of a window still filling is exact too.
    private readonly double SumAfresh()
    {
        double sum = 0;
        foreach (var value in _values)
        {
            sum += value;
        }

        return sum;
    }
}
