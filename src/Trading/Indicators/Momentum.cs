using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Change over <see cref="Period"/> bars: value − value <see cref="Period"/> bars ago (TA-Lib MOM;
/// lookback = period).</summary>
public sealed class Momentum : IPriceIndicator
{
    private Lag _lag;

    public Momentum(int period = 10)
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
            Value = value - old;
            IsReady = true;
        }
    }

    public static double[] Compute(ReadOnlySpan<double> values, int period = 10)
    {
        var momentum = new Momentum(period);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            momentum.Update(values[i]);
            output[i] = momentum.Value;
        }

        return output;
    }
}
