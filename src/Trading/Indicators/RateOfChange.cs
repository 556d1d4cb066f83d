using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Percentage change over <see cref="Period"/> bars: (value / value n bars ago − 1) × 100 (TA-Lib ROC;
/// lookback = period; 0 when the old value is 0, as TA-Lib does).</summary>
public sealed class RateOfChange : IPriceIndicator
{
    private Lag _lag;

    public RateOfChange(int period = 10)
    {
        Period = ParameterRange.Require(period, 1, ParameterRange.MaxPeriod, nameof(period));
        _lag = new Lag(period);
    }

    public int Period { get; }

    public int Lookback => Period;

    public bool IsReady { get; private set; }

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        if (_lag.Push(value, out var old))
        {
            Value = old != 0 ? ((value / old) - 1.0) * 100.0 : 0.0;
            IsReady = true;
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
