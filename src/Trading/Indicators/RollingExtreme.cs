using System.Numerics;

namespace Trading.Indicators;

/// <summary>The highest (or lowest) of the last <see cref="Length"/> values, by a monotonic deque kept in a
/// preallocated ring: each value enters and leaves the deque once, so an update costs O(1) amortised.</summary>
/// <remarks>The ring's size is a power of two so that wrapping is a mask rather than a branch; head and tail run
/// freely (overflow included) and are masked on use.</remarks>
internal sealed class RollingExtreme
{
    private readonly double[] _values;
    private readonly long[] _positions;
    private readonly int _mask;
    private readonly bool _highest;
    private int _head;
    private int _tail;
    private long _position;

    private RollingExtreme(int length, bool highest)
    {
        Length = length;
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)length);
        _values = new double[capacity];
        _positions = new long[capacity];
        _mask = capacity - 1;
        _highest = highest;
    }

    public static RollingExtreme Highest(int length) => new(length, true);

    public static RollingExtreme Lowest(int length) => new(length, false);

    public int Length { get; }

    public bool IsFull => _position >= Length;

    public double Value => _values[_head & _mask];

    public void Push(double value)
    {
        var values = _values;
        var mask = _mask;

        // Drop the front once it has slid out of the window (at most one value leaves per push).
        if (_tail != _head && _positions[_head & mask] <= _position - Length)
        {
            _head++;
        }

        // Drop from the back every value the new one dominates: it can never be the extreme again.
        var tail = _tail;
        if (_highest)
        {
            while (tail != _head && values[(tail - 1) & mask] <= value)
            {
                tail--;
            }
        }
        else
        {
            while (tail != _head && values[(tail - 1) & mask] >= value)
            {
                tail--;
            }
        }

        values[tail & mask] = value;
        _positions[tail & mask] = _position;
        _tail = tail + 1;
        _position++;
    }
}
