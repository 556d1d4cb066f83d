using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Change over <see cref="Period"/> bars: value − value <see cref="Period"/> bars ago (TA-Lib MOM;
/// lookback = period).</summary>
public sealed class Momentum : IPriceIndicator
{
    private readonly double[] _past;
    private int _next;
    private int _count;

    public Momentum(int period = 10)
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
            Value = value - _past[_next];
        }

        _past[_next] = value;
        if (++_next == _past.Length)
        {
            _next = 0;
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
