using Trading.Domain;

namespace Trading.Indicators;

/// <summary>Linearly weighted moving average: the newest value weighs <see cref="Period"/>, the oldest 1
/// (TA-Lib WMA; lookback period − 1).</summary>
public sealed class Wma : IPriceIndicator
{
    private RollingSum _window;
    private readonly double _divisor;
    private CompensatedSum _weighted;

    public Wma(int period)
    {
        Period = ParameterRange.Require(period, 1, ParameterRange.MaxPeriod, nameof(period));
        _window = new RollingSum(period);
        _divisor = period * (period + 1.0) / 2.0;
    }

    public int Period { get; }

    public int Lookback => Period - 1;

    public bool IsReady => _window.IsFull;

    public double Value { get; private set; } = double.NaN;

    public void Update(in Bar bar) => Update(bar.Close);

    public void Update(double value)
    {
        if (_window.IsFull)
        {
            // Sliding by one lowers every remaining weight by one (minus the old sum) and adds the newcomer at full weight.
            _weighted.Add((Period * value) - _window.Sum);
        }
        else
        {
            _weighted.Add((_window.Count + 1) * value);
        }

        _window.Push(value);
        if (_window.IsFull)
        {
            Value = _weighted.Value / _divisor;
        }
    }

    public static double[] Compute(ReadOnlySpan<double> values, int period)
    {
        var wma = new Wma(period);
        var output = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            wma.Update(values[i]);
            output[i] = wma.Value;
        }

        return output;
    }
}
