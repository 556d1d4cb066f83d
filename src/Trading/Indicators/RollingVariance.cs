namespace Trading.Indicators;

/// <summary>Mean and population variance of the last <see cref="Length"/> values, in O(1) per value.</summary>
/// <remarks>The variance is E[x²] − E[x]² over compensated sums, the same formula as TA-Lib's VAR, STDDEV and
/// BBANDS, so both carry the same (small) cancellation error and agree to far better than 1e-9.</remarks>
internal sealed class RollingVariance
{
    private readonly RollingSum _values;
    private readonly RollingSum _squares;

    public RollingVariance(int length)
    {
        _values = new RollingSum(length);
        _squares = new RollingSum(length);
    }

    public int Length => _values.Length;

    public bool IsFull => _values.IsFull;

    public double Mean => _values.Sum / _values.Length;

    /// <summary>The population variance; never negative (rounding can push E[x²] − E[x]² a hair under zero).</summary>
    public double Variance
    {
        get
        {
            var mean = Mean;
            var variance = (_squares.Sum / _squares.Length) - (mean * mean);
            return variance > 0 ? variance : 0;
        }
    }

    public void Push(double value)
    {
        _values.Push(value);
        _squares.Push(value * value);
    }
}
