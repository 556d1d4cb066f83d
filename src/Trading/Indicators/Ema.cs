using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Exponential moving average with k = 2 / (period + 1), seeded with the SMA of its first
/// <see cref="Period"/> values as TA-Lib does by default (lookback period − 1).</summary>
public sealed class Ema : IPriceIndicator
{
    private readonly double _k;
    private double _seedSum;
    private int _count;

    public Ema(int period)
    {
        Period = ParameterRange.Require(period, 1, ParameterRange.MaxPeriod, nameof(period));
        _k = 2.0 / (period + 1);
    }

    public int Period { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _count == Period;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        if (_count == Period)
        {
            Value = ((value - Value) * _k) + Value;
            return;
        }

        _seedSum += value;
        if (++_count == Period)
        {
            Value = _seedSum / Period;
        }
    }

    public static double[] Compute(ReadOnlySpan<double> values, int period)
    {
        var ema = new Ema(period);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            ema.Update(values[i]);
            output[i] = ema.Value;
        }

        return output;
    }
}
