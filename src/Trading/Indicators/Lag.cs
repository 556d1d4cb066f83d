namespace Trading.Indicators;

/// <summary>The value a series had a fixed number of updates ago: a ring of the last <c>length</c> values, for the
/// indicators that compare now with then (momentum, rate of change).</summary>
/// <remarks>A mutable struct held in a field of its indicator, so the hot path has no extra object to chase.</remarks>
internal struct Lag(int length)
{
    private readonly double[] _past = new double[length];
    private int _next;
    private int _count;

    /// <summary>Stores <paramref name="value"/>; true, with the value <c>length</c> updates back, once there is one.</summary>
    public bool Push(double value, out double past)
    {
        var full = _count == _past.Length;
        past = full ? _past[_next] : double.NaN;
        if (!full)
        {
            _count++;
        }

        _past[_next] = value;
        if (++_next == _past.Length)
        {
            _next = 0;
        }

        return full;
    }
}
