namespace Trading.Indicators;

/// <summary>The highest (or lowest) of the last <see cref="Length"/> values, by a monotonic deque kept in a
/// preallocated ring: each value enters and leaves the deque once, so an update costs O(1) amortised.</summary>
internal sealed class RollingExtreme
{
    private readonly double[] _values;
    private readonly long[] _positions;
    private readonly bool _highest;
    private int _head;
    private int _size;
    private long _position;

    private RollingExtreme(int length, bool highest)
    {
        _values = new double[length];
        _positions = new long[length];
        _highest = highest;
    }

    public static RollingExtreme Highest(int length) => new(length, true);

    public static RollingExtreme Lowest(int length) => new(length, false);

    public int Length => _values.Length;

    public bool IsFull => _position >= _values.Length;

    public double Value => _values[_head];

    public void Push(double value)
    {
        var capacity = _values.Length;

        // Drop the front once it has slid out of the window.
        if (_size > 0 && _positions[_head] <= _position - capacity)
        {
            _head = _head + 1 == capacity ? 0 : _head + 1;
            _size--;
        }

        // Drop from the back every value the new one dominates: it can never be the extreme again.
        while (_size > 0)
        {
            var back = _head + _size - 1;
            if (back >= capacity)
            {
                back -= capacity;
            }

            var dominated = _highest ? _values[back] <= value : _values[back] >= value;
            if (!dominated)
            {
                break;
            }

            _size--;
        }

        var slot = _head + _size;
        if (slot >= capacity)
        {
            slot -= capacity;
        }

        _values[slot] = value;
        _positions[slot] = _position;
        _size++;
        _position++;
    }
}
