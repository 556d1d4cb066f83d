namespace Trading.Indicators;

/// <summary>Mean and population variance of the last <see cref="Length"/> values, in O(1) per value.</summary>
/// <remarks>The variance is E[x²] − E[x]² over compensated sums, the formula of TA-Lib's VAR, STDDEV and BBANDS,
/// but of x − K with K the first value seen: the shift leaves the variance unchanged and removes most of the
/// cancellation that otherwise turns a flat window of prices near 100 into a deviation of 1e-6 instead of 0.</remarks>
internal sealed class RollingVariance
{
    private RollingSum _values;
    private RollingSum _squares;
    private double _shift = double.NaN;

    public RollingVariance(int length)
    {
        _values = new RollingSum(length);
        _squares = new RollingSum(length);
    }

    public int Length => _values.Length;

    public bool IsFull => _values.IsFull;

    public double Mean => _shift + (_values.Sum / _values.Length);

    /// <summary>The population variance; never negative (rounding can push E[x²] − E[x]² a hair under zero).</summary>
    public double Variance
    {
        get
        {
            var mean = _values.Sum / _values.Length;
            var variance = (_squares.Sum / _squares.Length) - (mean * mean);
            return variance > 0 ? variance : 0;
        }
    }

    public void Push(double value)
    {
        if (double.IsNaN(_shift))
        {
            _shift = value;
        }

        var shifted = value - _shift;
        _values.Push(shifted);
        _squares.Push(shifted * shifted);
    }
}
