using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Percentage change over <see cref="Period"/> bars: (value / value n bars ago − 1) × 100 (TA-Lib ROC;
/// lookback = period; 0 when the old value is 0, as TA-Lib does).</summary>
public sealed class RateOfChange : IPriceIndicator
{
    private readonly double[] _past;
    private int _next;
    private int _count;

    public RateOfChange(int period = 10)
    {
        Period = ParameterRange.Require(period, 1, ParameterRange.MaxPeriod, nameof(period));
        _past = new double[period];
    }

    public int Period { get; }

    public int Lookback => Period;

    public bool IsReady => _count > Period;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        if (_count < Period)
        {
            _count++;
        }
        else
        {
            _count = Period + 1;
            var old = _past[_next];
            Value = old != 0 ? ((value / old) - 1.0) * 100.0 : 0.0;
        }

        _past[_next] = value;
        if (++_next == _past.Length)
        {
            _next = 0;
        }
    }

    public static double[] Compute(ReadOnlySpan<double> values, int period = 10)
    {
        var roc = new RateOfChange(period);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            roc.Update(values[i]);
            output[i] = roc.Value;
        }

        return output;
    }
}
